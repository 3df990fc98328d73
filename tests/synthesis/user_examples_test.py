"""Parsing user examples and the synthesis report."""

import json

import pytest

from exedec_tf.domains.loop_ops import SpecEncodingError
from exedec_tf.synthesis import user_examples
from exedec_tf.synthesis.options import LoopOptions
from tests.synthesis import cases
from tests.synthesis.fakes import ScriptedBeamModel


def test_split_example_at_the_first_arrow():
    assert user_examples.split_example("a -> b -> c", 0) == ("a", "b -> c")
    with pytest.raises(SpecEncodingError, match="example 2"):
        user_examples.split_example("a->b", 2)


def test_read_examples_json(tmp_path):
    path = tmp_path / "e.json"
    path.write_text(json.dumps({"examples": [{"input": [[1], 2], "output": 3}]}))
    assert user_examples.read_examples_json(path) == [([[1], 2], 3)]
    path.write_text(json.dumps([{"input": "a"}]))
    with pytest.raises(SpecEncodingError, match="example 0 must be an object"):
        user_examples.read_examples_json(path)


def test_problem_from_deepcoder_examples():
    problem = user_examples.problem_from_examples(
        cases.DC, [("[1, 2, 3]", "12"), ("[4]", "8"), ("[-1]", "-2")]
    )
    assert problem.inputs == cases.DC_INPUTS and problem.outputs == ("12", "8", "-2")
    with pytest.raises(SpecEncodingError, match="same number of inputs"):
        user_examples.problem_from_examples(cases.DC, [("[1]", "1"), ("[1], 2", "1")])


def test_report_of_a_solved_deepcoder_problem():
    spec, synth = cases.dc_models()
    report = user_examples.synthesize_examples(
        cases.DC_PROBLEM,
        cases.DC,
        synthesizer=synth,
        spec_decomposer=spec,
        options=LoopOptions(beam_size=3),
    )
    assert report.solved and report.outputs == ("12", "8", "-2")
    assert report.dsl == "x0 = INPUT | x1 = Map (*2) x0 | x2 = Sum x1"
    assert "def program(x0):" in report.python
    text = user_examples.format_report(cases.DC_PROBLEM, report)
    assert "satisfies every example, 3 steps" in text
    assert "step 2: ['12 ', ' 8 ', ' -2']" in text


def test_synthesize_from_paths_sets_the_method(monkeypatch):
    from exedec_tf.synthesis import loading

    joint = cases.rf_joint_model()
    monkeypatch.setattr(loading, "load_model", lambda path: joint)
    pairs = list(zip(cases.RF_PROBLEM.inputs, cases.RF_PROBLEM.outputs, strict=True))
    problem, report = user_examples.synthesize_from_paths(
        cases.RF, pairs, loading.ModelPaths(joint="J"), LoopOptions(beam_size=2)
    )
    assert problem.outputs == cases.RF_PROBLEM.outputs
    assert report.solved and report.dsl == "ToCase_Case.ALL_CAPS | Const(.)"
    assert report.subgoals == ()


def _two_example_models():
    """Models keyed by the four slots two examples fill (0, 1, 0, 1)."""
    tokens = cases.RF_OPS.spec_tokens
    spec = ScriptedBeamModel(
        cases.RF_OPS,
        {
            ("AB.", "CD.", "AB.", "CD."): [(tokens("AB|CD|AB|CD"), -0.1)],
            (".", ".", ".", "."): [(tokens(".|.|.|."), -0.2)],
        },
        max_decode_length=16,
    )
    synth = ScriptedBeamModel(
        cases.RF_OPS,
        {
            ("AB", "CD", "AB", "CD"): [(cases.TO_UPPER, -0.05)],
            (".", ".", ".", "."): [(cases.DOT, -0.01)],
        },
    )
    return spec, synth


def test_fewer_examples_than_slots_are_repeated_for_the_models():
    spec, synth = _two_example_models()
    problem = user_examples.problem_from_examples(
        cases.RF, [("ab", "AB."), ("cd", "CD.")]
    )
    report = user_examples.synthesize_examples(
        problem,
        cases.RF,
        synthesizer=synth,
        spec_decomposer=spec,
        options=LoopOptions(beam_size=2),
    )
    assert spec.calls[0][1] == [("AB.", "CD.", "AB.", "CD.")]
    assert report.solved and report.outputs == ("AB.", "CD.")
    assert report.filling.sources == (0, 1, 0, 1)
    text = user_examples.format_report(problem, report)
    assert "2 examples repeated to fill the models' 4 example slots (0, 1, 0, 1)" in (
        text
    )
    assert "subgoals (one per model slot):" in text
    assert "step 1: ['AB', 'CD', 'AB', 'CD']" in text


def _five(extra_output):
    pairs = list(zip(cases.RF_PROBLEM.inputs, cases.RF_PROBLEM.outputs, strict=True))
    return user_examples.problem_from_examples(cases.RF, pairs + [("ij", extra_output)])


def test_more_examples_than_slots_are_all_checked():
    spec, synth = cases.rf_models()
    problem = _five("IJ.")
    report = user_examples.synthesize_examples(
        problem, cases.RF, synthesizer=synth, spec_decomposer=spec
    )
    # The models saw the first four examples only.
    assert spec.calls[0][1][0] == cases.RF_PROBLEM.outputs
    assert report.solved and report.outputs[4] == "IJ."
    text = user_examples.format_report(problem, report)
    assert "examples 0-3 form the models' 4-example spec; success checked on all 5" in (
        text
    )
    assert "4: 'ij' -> 'IJ.'  [ok, not in the spec]" in text


def test_a_spec_solution_failing_an_extra_example_is_not_success():
    spec, synth = cases.rf_models()
    problem = _five("ij!")
    report = user_examples.synthesize_examples(
        problem, cases.RF, synthesizer=synth, spec_decomposer=spec
    )
    assert not report.solved
    # The best element is still shown, with where it fails.
    assert report.dsl == "ToCase_Case.ALL_CAPS | Const(.)"
    text = user_examples.format_report(problem, report)
    assert "does NOT satisfy every example" in text
    assert "4: 'ij' -> 'ij!'  [got 'IJ.', not in the spec]" in text
    assert "0: 'ab' -> 'AB.'  [ok]" in text


def test_zero_examples_and_bad_json_are_errors(tmp_path):
    from exedec_tf.synthesis.example_slots import ExampleCountError

    with pytest.raises(ExampleCountError, match="no examples given"):
        user_examples.problem_from_examples(cases.RF, [])
    path = tmp_path / "e.json"
    path.write_text("[{'input': 'a'}]")
    with pytest.raises(SpecEncodingError, match="e.json is not valid JSON"):
        user_examples.read_examples_json(path)
