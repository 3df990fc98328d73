"""`exedec-tf synthesize`: argument errors and a run with scripted models."""

import json
import re

import pytest

from exedec_tf import cli
from exedec_tf.synthesis import loading
from tests.synthesis import cases

RF_EXAMPLES = ["ab -> AB.", "cd -> CD.", "ef -> EF.", "gh -> GH."]


@pytest.fixture
def fake_models(monkeypatch):
    spec, synth = cases.rf_models()
    table = {"SPEC": spec, "SYNTH": synth, "JOINT": cases.rf_joint_model()}
    monkeypatch.setattr(loading, "load_model", lambda path: table[path])
    return table


def _args(*examples):
    out = ["synthesize", "--domain", "robustfill"]
    for example in examples:
        out += ["--example", example]
    return out


def test_finds_program_prints_dsl_python_and_subgoals(fake_models, capsys):
    args = _args(*RF_EXAMPLES) + ["--spec_decomposer", "SPEC", "--synthesizer", "SYNTH"]
    assert cli.main(args + ["--beam_size", "2"]) == 0
    out = capsys.readouterr().out
    assert "satisfies every example" in out
    assert "ToCase_Case.ALL_CAPS | Const(.)" in out
    assert "def program(x):" in out
    assert "step 1: ['AB', 'CD', 'EF', 'GH']" in out
    assert "step 2: ['.', '.', '.', '.']" in out


def test_joint_from_json_file(fake_models, capsys, tmp_path):
    path = tmp_path / "examples.json"
    pairs = [e.split(" -> ") for e in RF_EXAMPLES]
    path.write_text(json.dumps([{"input": i, "output": o} for i, o in pairs]))
    args = ["synthesize", "--domain", "robustfill", "--examples_json", str(path)]
    assert cli.main(args + ["--joint", "JOINT", "--beam_size", "2"]) == 0
    assert "satisfies every example" in capsys.readouterr().out


def test_unsolved_exits_with_1(fake_models, capsys):
    examples = ["ab -> zz", "cd -> zz", "ef -> zz", "gh -> zz"]
    args = _args(*examples) + ["--spec_decomposer", "SPEC", "--synthesizer", "SYNTH"]
    assert cli.main(args) == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (_args("ab AB") + ["--joint", "JOINT"], "example 0 .* has no '->'"),
        (_args("a€ -> A") + ["--joint", "JOINT"], "example 0: .*'€' at position 1"),
        (_args("ab -> AB") + ["--joint", "JOINT"], "1 examples but the models take"),
        (_args(*RF_EXAMPLES), "give --spec_decomposer and --synthesizer"),
        (_args(*RF_EXAMPLES) + ["--joint", "J", "--synthesizer", "S"], "only --joint"),
        (_args() + ["--joint", "JOINT"], "give --example"),
        (
            _args(*RF_EXAMPLES)
            + [
                "--joint",
                "JOINT",
                "--no-use_execution",
                "--no-discard_repeat_functionality",
            ],
            "joint.*requires use_execution",
        ),
    ],
)
def test_argument_errors(fake_models, capsys, args, message):
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("exedec-tf synthesize: error:")
    assert re.search(message, err), err


def test_deepcoder_bad_value_names_example_and_value(capsys):
    args = [
        "synthesize",
        "--domain",
        "deepcoder",
        "--joint",
        "J",
        "--example",
        "[1, 2] -> 3",
        "--example",
        "[1, 51] -> 3",
    ]
    assert cli.main(args) == 2
    assert "example 1: input value [1, 51]" in capsys.readouterr().err


def test_missing_loader_is_a_clear_error(capsys):
    try:
        import exedec_tf.serving  # noqa: F401
    except ImportError:
        args = _args(*RF_EXAMPLES) + ["--joint", "J"]
        assert cli.main(args) == 2
        assert "exedec_tf.serving" in capsys.readouterr().err
    else:
        pytest.skip("the SavedModel loader exists")
