"""Tests of exedec_tf.reproduce."""

import io

import pytest

from exedec_tf import domains, reproduce
from exedec_tf.data import released
from tests.conftest import shared_data_dir


def test_reproduce_reports_failures():
    domain = domains.get("robustfill")
    good = released.TestProblem(0, ("ab",), ("a",), "5 216 217")  # SubStr(1, 2)
    expected = domain.run_program(good.program, good.inputs)
    problems = [
        released.TestProblem(0, ("ab",), tuple(expected), good.program),
        released.TestProblem(1, ("ab",), ("zz",), good.program),
    ]
    assert reproduce.reproduce_test_set(domain, problems) == [1]


def test_missing_data_dir_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=str(tmp_path)):
        reproduce.resolve_data_dir(tmp_path)


def test_reproduce_reproduces_everything():
    out = io.StringIO()
    failed = reproduce.run_reproduce(data_dir=shared_data_dir(), show=1, out=out)
    text = out.getvalue()
    assert failed == 0
    assert "12,000 of 12,000 released test problems reproduced" in text
    assert "def program(x0" in text and "def program(x):" in text
    assert "100 / 100 rows identical" in text


def test_replay_counts_mismatches():
    family = shared_data_dir() / "test_data"
    assert reproduce.replay_released(family, "robustfill", "NONE", 5) == 5
    # A different experiment's generator does not reproduce NONE's rows.
    problems = released.read_test_data(family, "robustfill", "COMPOSE_NEW_OP")
    assert (
        problems[0].program
        != released.read_test_data(family, "robustfill", "NONE")[0].program
    )
