"""`exedec-tf evaluate`: argument errors, a sharded run and the merge."""

import json
import re

import pytest

from exedec_tf import cli
from exedec_tf.synthesis import loading
from tests.conftest import shared_data_dir
from tests.synthesis import cases


@pytest.fixture
def fake_models(monkeypatch):
    spec, synth = cases.rf_models(spec_length=200)
    table = {"SPEC": spec, "SYNTH": synth}
    monkeypatch.setattr(loading, "load_model", lambda path: table[path])
    return table


def _released():
    return str(shared_data_dir() / "test_data" / "robustfill" / "NONE.jsonl")


def _base(out):
    return [
        "evaluate",
        "--output_dir",
        str(out),
        "--released_file",
        _released(),
        "--domain",
        "robustfill",
        "--spec_decomposer",
        "SPEC",
        "--synthesizer",
        "SYNTH",
        "--no_progress",
        "--beam_size",
        "2",
        "--num_problems",
        "4",
    ]


def test_sharded_run_and_merge(fake_models, tmp_path, capsys):
    for index in range(2):
        args = _base(tmp_path) + ["--shard_index", str(index), "--shard_count", "2"]
        assert cli.main(args) == 0
    assert cli.main(["evaluate", "--output_dir", str(tmp_path), "--merge"]) == 0
    assert "solved 0/4" in capsys.readouterr().out
    merged = json.loads((tmp_path / "results.json").read_text())
    assert [p["index"] for p in merged["problems"]] == [0, 1, 2, 3]
    assert merged["settings"]["released_file"] == _released()
    assert not any(p["solved"] for p in merged["problems"])


@pytest.mark.parametrize(
    "extra, message",
    [
        (
            ["--shard_index", "2", "--shard_count", "2"],
            r"shard index must be in \[0, 2\)",
        ),
        (["--batch_size", "0"], "batch_size must be a positive int"),
        (["--beam_size", "0"], "beam_size must be a positive int"),
        (["--no-detect_invalid"], "requires detect_invalid"),
        (["--joint", "X"], "give --spec_decomposer and --synthesizer"),
    ],
)
def test_argument_errors(fake_models, tmp_path, capsys, extra, message):
    assert cli.main(_base(tmp_path) + extra) == 2
    err = capsys.readouterr().err
    assert err.startswith("exedec-tf evaluate: error:")
    assert re.search(message, err), err


def test_needs_a_problem_source(fake_models, tmp_path, capsys):
    args = ["evaluate", "--output_dir", str(tmp_path), "--joint", "X"]
    assert cli.main(args) == 2
    assert "give --dataset_dir, --data_dir" in capsys.readouterr().err


def test_missing_dataset_dir_is_reported(fake_models, tmp_path, capsys):
    args = ["evaluate", "--output_dir", str(tmp_path / "o"), "--dataset_dir"]
    args += [str(tmp_path / "nothing"), "--spec_decomposer", "SPEC"]
    assert cli.main(args + ["--synthesizer", "SYNTH"]) == 2
    assert "no prepared TFDS dataset" in capsys.readouterr().err


def test_merge_without_shards_is_reported(tmp_path, capsys):
    assert cli.main(["evaluate", "--output_dir", str(tmp_path), "--merge"]) == 2
    assert "no results-shard" in capsys.readouterr().err


def test_prints_the_subgoal_achievement_rate(fake_models, tmp_path, capsys):
    problem = cases.RF_PROBLEM
    released = tmp_path / "problems.jsonl"
    released.write_text(
        json.dumps(
            {
                "index": 0,
                "inputs": list(problem.inputs),
                "outputs": list(problem.outputs),
                "program": "8 111|4 83",
            }
        )
        + "\n"
    )
    args = _base(tmp_path / "out")
    args[args.index("--released_file") + 1] = str(released)
    assert cli.main(args) == 0
    printed = capsys.readouterr().out
    assert "solved 1/1" in printed
    assert "subgoals achieved by the best elements' program parts: 100.00% of 8" in (
        printed
    )
