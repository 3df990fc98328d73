"""Tests of the exedec-tf command line."""

import pytest

from exedec_tf import cli, demo


def test_demo_subcommand_passes_flags(monkeypatch):
    calls = []

    def fake_run_demo(**kwargs):
        calls.append(kwargs)
        return 0

    monkeypatch.setattr(demo, "run_demo", fake_run_demo)
    assert cli.main(["demo", "--data_dir", "D", "--show", "3"]) == 0
    assert calls == [{"data_dir": "D", "cache_dir": None, "show": 3}]


def test_demo_failure_gives_exit_status_1(monkeypatch):
    monkeypatch.setattr(demo, "run_demo", lambda **kwargs: 5)
    assert cli.main(["demo"]) == 1


def test_unknown_subcommand_exits_with_usage(capsys):
    with pytest.raises(SystemExit):
        cli.main(["frobnicate"])
    assert "invalid choice" in capsys.readouterr().err


def test_download_rejects_unknown_family(capsys):
    with pytest.raises(SystemExit):
        cli.main(["download", "--families", "train_data"])
    assert "train_data" in capsys.readouterr().err
