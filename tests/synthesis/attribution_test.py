"""First-error attribution and the A-F categories."""

import dataclasses

import pytest

from exedec_tf import domains
from exedec_tf.evaluation.problems import released_problems
from exedec_tf.synthesis.attribution import category_totals
from exedec_tf.synthesis.loop import run_exedec
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.scripted import oracle_models
from tests.conftest import shared_data_dir
from tests.synthesis import cases
from tests.synthesis.fakes import ScriptedBeamModel

PROBLEM = dataclasses.replace(cases.RF_PROBLEM, program="8 111|4 83")


@pytest.mark.parametrize(
    "domain, shapes", [("robustfill", (4, 200)), ("deepcoder", (3, 100))]
)
def test_oracle_with_beam_1_never_errs(domain, shapes):
    dom = domains.get(domain)
    path = shared_data_dir() / "test_data" / domain / "NONE.jsonl"
    problems = released_problems(path)[:25]
    models = oracle_models(dom, problems, *shapes)
    results = run_exedec(
        problems,
        dom,
        models["synthesizer"],
        models["spec_decomposer"],
        LoopOptions(beam_size=1),
    )
    assert [r.category for r in results] == ["A"] * 25
    assert all(r.first_error is None for r in results)


def test_recovered_spec_error_is_b():
    spec, synth = cases.rf_models()
    # The best first subgoal is now the wrong one ("A|C|E|G").
    ops = cases.RF_OPS
    spec.script[("AB.", "CD.", "EF.", "GH.")] = [
        (ops.spec_tokens("A|C|E|G"), -0.05),
        (ops.spec_tokens("AB|CD|EF|GH"), -0.1),
    ]
    [result] = run_exedec([PROBLEM], cases.RF, synth, spec, LoopOptions(beam_size=2))
    assert result.success
    assert result.first_error == "SpecDecomposerModel at step #1"
    assert result.category == "B"


def test_unrecovered_synthesizer_error_is_f():
    spec, _ = cases.rf_models()
    synth = ScriptedBeamModel(
        cases.RF_OPS,
        {
            ("AB", "CD", "EF", "GH"): [(cases.FIRST_CHAR, -0.1)],
            ("A", "C", "E", "G"): [(cases.FIRST_CHAR, -0.3)],
        },
    )
    [result] = run_exedec([PROBLEM], cases.RF, synth, spec, LoopOptions(beam_size=2))
    assert not result.success
    assert result.first_error == "SynthesizerModel at step #1"
    assert result.category == "F"


def test_no_ground_truth_no_category():
    spec, synth = cases.rf_models()
    [result] = run_exedec(
        [cases.RF_PROBLEM], cases.RF, synth, spec, LoopOptions(beam_size=2)
    )
    assert result.category is None and result.first_error is None


def test_category_totals():
    totals = category_totals(["A", "B", "B", "C", "E", "F", "F", None])
    assert totals["counts"] == {"A": 1, "B": 2, "C": 1, "E": 1, "F": 2}
    assert totals["spec_decomposer_error_recovery_pct"] == pytest.approx(200 / 3)
    assert totals["failures_from_synthesizer_pct"] == pytest.approx(200 / 3)
    assert totals["recovered_errors_among_successes_pct"] == 75.0
    assert category_totals([])["error_recovery_pct"] == -1.0
