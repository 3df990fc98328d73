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
        (_args(*RF_EXAMPLES), "give --spec_decomposer and --synthesizer"),
        (_args(*RF_EXAMPLES) + ["--joint", "J", "--synthesizer", "S"], "only --joint"),
        (_args() + ["--joint", "JOINT"], "no examples given: give --example"),
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


def test_one_example_fills_every_slot(fake_models, capsys):
    args = _args("ab -> AB.") + ["--joint", "JOINT", "--beam_size", "2"]
    assert cli.main(args) == 1  # the scripted joint model knows only RF_EXAMPLES
    out = capsys.readouterr().out
    assert "1 examples repeated to fill the models' 4 example slots (0, 0, 0, 0)" in out
    assert fake_models["JOINT"].calls[0][1] == [("AB.", "AB.", "AB.", "AB.")]


def test_extra_examples_are_checked(fake_models, capsys):
    args = _args(*RF_EXAMPLES, "ij -> IJ.", "kl -> kl.")
    args += ["--spec_decomposer", "SPEC", "--synthesizer", "SYNTH"]
    assert cli.main(args + ["--beam_size", "2"]) == 1
    out = capsys.readouterr().out
    assert "does NOT satisfy every example" in out
    assert "success checked on all 6 (examples 4-5 only checked)" in out
    assert "4: 'ij' -> 'IJ.'  [ok, not in the spec]" in out
    assert "5: 'kl' -> 'kl.'  [got 'KL.', not in the spec]" in out


def test_empty_json_file_is_an_error(fake_models, capsys, tmp_path):
    path = tmp_path / "none.json"
    path.write_text("[]")
    args = ["synthesize", "--domain", "robustfill", "--examples_json", str(path)]
    assert cli.main(args + ["--joint", "JOINT"]) == 2
    assert "no examples given" in capsys.readouterr().err


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
