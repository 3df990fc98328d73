"""Tests of the exedec-tf command line."""

import pytest

from exedec_tf import cli
from tests.conftest import shared_data_dir


def test_demo_subcommand(capsys):
    assert cli.main(["demo", "--data_dir", str(shared_data_dir()), "--show", "0"]) == 0
    assert "12,000 of 12,000" in capsys.readouterr().out


def test_unknown_subcommand_exits_with_usage(capsys):
    with pytest.raises(SystemExit):
        cli.main(["frobnicate"])
    assert "invalid choice" in capsys.readouterr().err


def test_download_rejects_unknown_family(capsys):
    with pytest.raises(SystemExit):
        cli.main(["download", "--families", "train_data"])
    assert "train_data" in capsys.readouterr().err
