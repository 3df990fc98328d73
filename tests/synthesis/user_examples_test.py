"""Parsing user examples and the synthesis report."""

import json

import pytest

from exedec_tf.domains.loop_ops import SpecEncodingError
from exedec_tf.synthesis import user_examples
from exedec_tf.synthesis.options import LoopOptions
from tests.synthesis import cases


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
