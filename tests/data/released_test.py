"""Tests of exedec_tf.data.released."""

import json

import pytest

from exedec_tf.data import released
from exedec_tf.experiments import ALL_EXPERIMENTS
from tests.conftest import shared_data_dir


@pytest.mark.parametrize("domain", released.DOMAINS)
def test_reads_every_released_test_file(domain):
    family = shared_data_dir() / "test_data"
    for exp in ALL_EXPERIMENTS:
        problems = released.read_test_data(family, domain, exp)
        assert len(problems) == 1000
        assert [p.index for p in problems] == list(range(1000))
        examples = 3 if domain == "deepcoder" else 4
        assert all(len(p.inputs) == len(p.outputs) == examples for p in problems)
        assert all(isinstance(p.program, str) and p.program for p in problems)


def test_reads_llm_sample():
    family = shared_data_dir() / "llm_data_sample"
    rows = released.read_llm_data(family, "deepcoder", "NONE")
    assert len(rows) == 10
    row = rows[0]
    assert row.index == 0
    assert len(row.few_shot_examples) == 4
    assert isinstance(row.test_problem.inputs, dict)
    assert row.test_problem.program.startswith("x0 = INPUT")
    rf = released.read_llm_data(family, "robustfill", "NONE")
    assert isinstance(rf[0].test_problem.inputs, list)
    assert all(isinstance(o, str) for o in rf[0].test_problem.outputs)


def test_unknown_domain_is_named():
    with pytest.raises(ValueError, match="'lisp'"):
        released.released_file("x", "lisp", "NONE")


def test_unknown_experiment_is_named():
    with pytest.raises(ValueError, match="'FOO'"):
        released.released_file("x", "deepcoder", "FOO")


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(released.ReleasedDataError, match="not found"):
        released.read_test_data(tmp_path, "deepcoder", "NONE")


def _write(tmp_path, rows):
    path = tmp_path / "f.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_missing_key_names_line_and_key(tmp_path):
    path = _write(tmp_path, [{"index": 0, "inputs": ["a"], "outputs": ["b"]}])
    with pytest.raises(released.ReleasedDataError, match=r"f.jsonl:1.*'program'"):
        released.read_test_file(path)


def test_mismatched_example_counts(tmp_path):
    row = {"index": 0, "inputs": ["a", "b"], "outputs": ["b"], "program": "p"}
    with pytest.raises(released.ReleasedDataError, match="2 inputs but 1 outputs"):
        released.read_test_file(_write(tmp_path, [row]))


def test_bad_json_names_line(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_text('{"index": 0}\n{oops\n')
    with pytest.raises(released.ReleasedDataError, match="f.jsonl:1"):
        released.read_test_file(path)
    path.write_text("{oops\n")
    with pytest.raises(released.ReleasedDataError, match="f.jsonl:1: not valid JSON"):
        released.read_test_file(path)


def test_llm_row_without_few_shots_list(tmp_path):
    problem = {"inputs": ["a"], "outputs": ["b"], "program": "4 19"}
    row = {"index": 0, "test_problem": problem, "few_shot_examples": "none"}
    with pytest.raises(released.ReleasedDataError, match="few_shot_examples"):
        released.read_llm_file(_write(tmp_path, [row]))
