"""The ExeDec loop end to end with scripted models (exact final beams)."""

import dataclasses

import pytest

from exedec_tf.synthesis.loop import run_exedec
from exedec_tf.synthesis.model_calls import ModelMismatchError
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.records import Problem
from tests.synthesis import cases
from tests.synthesis.fakes import ScriptedBeamModel


def _slots(result):
    return [(s.program, s.score, s.valid, s.finished) for s in result.beam]


def test_robustfill_separate_exact_beam():
    spec, synth = cases.rf_models()
    [result] = run_exedec(
        [cases.RF_PROBLEM], cases.RF, synth, spec, LoopOptions(beam_size=2)
    )
    assert result.success and result.solution == "8 111|4 83"
    assert result.solution_slot == 1
    # Step 3's spec half-step leaves everything finished and is counted.
    assert result.num_steps == 3
    # Slot 0: a NEG_INF filler child of the solution's parent at step 2 (it
    # keeps the parent's program "8 111"), then invalid: -1e7 - 1e7.
    assert _slots(result) == [
        ("8 111", -20000000.0, False, True),
        ("8 111|4 83", pytest.approx(-0.36), True, True),
    ]
    assert result.solution_subgoals == (("AB", "CD", "EF", "GH"), (".",) * 4)
    # The GetToken branch (from subgoal "A|C|E|G") was found invalid at step 1
    # and pushed out of the beam: the synthesizer was never asked again.
    assert [keys for _, keys in synth.calls] == [
        [("A", "C", "E", "G"), ("AB", "CD", "EF", "GH")],
        [(".", ".", ".", ".")],
    ]


def test_robustfill_without_detect_invalid_runs_to_step_limit():
    spec, synth = cases.rf_models()
    options = LoopOptions(
        beam_size=2, detect_invalid=False, discard_repeat_functionality=False
    )
    [result] = run_exedec([cases.RF_PROBLEM], cases.RF, synth, spec, options)
    assert result.success
    assert all(s.valid for s in result.beam)
    # Nothing is ever invalid, so the empty filler child keeps going.
    assert result.num_steps == 20


def test_robustfill_joint():
    joint = cases.rf_joint_model()
    [result] = run_exedec(
        [cases.RF_PROBLEM],
        cases.RF,
        joint,
        None,
        LoopOptions(prediction_type="joint", beam_size=2),
    )
    assert result.success and result.solution == "8 111|4 83"
    # The higher-scored GetToken child is not a prefix: invalid at step 1.
    # At step 2 an empty filler child of the ToCase element beats it; its
    # program is still "8 111" (a valid prefix), so it stays alive with a
    # NEG_INF score and the loop runs to RobustFill's step limit (§5 item 5).
    assert result.num_steps == 20
    assert _slots(result) == [
        ("8 111", -10000000.0, True, False),
        ("8 111|4 83", pytest.approx(-0.5), True, True),
    ]
    assert [keys for _, keys in joint.calls][:2] == [
        [("AB.", "CD.", "EF.", "GH.")],
        [(".", ".", ".", ".")],
    ]


def test_deepcoder_separate_exact_beam_with_duplicate_functionality():
    spec, synth = cases.dc_models()
    [result] = run_exedec(
        [cases.DC_PROBLEM], cases.DC, synth, spec, LoopOptions(beam_size=3)
    )
    assert result.success
    assert result.solution == "x0 = INPUT | x1 = Map (*2) x0 | x2 = Sum x1"
    assert result.num_steps == 3
    assert _slots(result) == [
        ("x0 = INPUT | x1 = Map (*2) x0", -40000000.0, False, True),
        ("x0 = INPUT | x1 = Map (*2) x0", -20000000.0, False, True),
        (result.solution, pytest.approx(-0.55), True, True),
    ]
    # DeepCoder subgoal parts keep the spaces next to the separators.
    assert result.solution_subgoals == (
        ("[ 2 4 6 ] ", " [ 8 ] ", " [ -2 ]"),
        ("12 ", " 8 ", " -2"),
    )
    # ZipWith (+) x0 x0 had Map (*2) x0's trace: it was discarded, so the
    # synthesizer's second call only saw the Map lineage.
    assert [keys for _, keys in synth.calls][1] == [
        (cases.DC_STATE2, cases.DC_PROBLEM.outputs)
    ]


def test_deepcoder_without_execution_uses_predicted_subgoals():
    spec, synth = cases.dc_models()
    options = LoopOptions(
        beam_size=3, use_execution=False, discard_repeat_functionality=False
    )
    [result] = run_exedec([cases.DC_PROBLEM], cases.DC, synth, spec, options)
    # last_step never becomes true without execution (stray spaces), so the
    # solution only ends when the step limit (10 - 1 input) is reached or
    # everything else died; it is still found by the final check.
    assert result.success
    assert result.num_steps <= 9


def _problems():
    spec_extra = Problem(("ab", "cd", "ef", "gh"), ("AB", "CD", "EF", "GH"), index=1)
    unsolvable = Problem(("ab", "cd", "ef", "gh"), ("zz", "zz", "zz", "zz"), index=2)
    again = dataclasses.replace(cases.RF_PROBLEM, index=3)
    other = Problem(("xy", "z", "uvw", "q"), ("XY.", "Z.", "UVW.", "Q."), index=4)
    return [cases.RF_PROBLEM, spec_extra, unsolvable, again, other]


def _models():
    spec, synth = cases.rf_models()
    ops = cases.RF_OPS
    spec.script[("AB", "CD", "EF", "GH")] = [(ops.spec_tokens("AB|CD|EF|GH"), -0.3)]
    spec.script[("XY.", "Z.", "UVW.", "Q.")] = [
        (ops.spec_tokens("XY|Z|UVW|Q"), -0.4),
        (ops.spec_tokens("X|Z|U|Q"), -0.5),
    ]
    synth.script[("XY", "Z", "UVW", "Q")] = [(cases.TO_UPPER, -0.1)]
    synth.script[("X", "Z", "U", "Q")] = [(cases.FIRST_CHAR, -0.2)]
    return spec, synth


def _comparable(results):
    return [dataclasses.replace(r, time_s=0.0) for r in results]


@pytest.mark.parametrize("batch_size", [2, 3, 5, 8])
def test_batched_results_equal_one_at_a_time(batch_size):
    spec, synth = _models()
    options = LoopOptions(beam_size=3)
    single = run_exedec(_problems(), cases.RF, synth, spec, options, batch_size=1)
    assert max(b for b, _ in synth.calls) == 1
    spec, synth = _models()
    batched = run_exedec(
        _problems(), cases.RF, synth, spec, options, batch_size=batch_size
    )
    # Every call is padded to the batch size (a constant shape for XLA).
    assert {b for b, _ in spec.calls} == {batch_size}
    assert _comparable(batched) == _comparable(single)
    assert [r.index for r in batched] == [0, 1, 2, 3, 4]
    assert [r.success for r in single] == [True, True, False, True, True]


def test_on_result_sees_every_problem():
    spec, synth = _models()
    seen = []
    results = run_exedec(
        _problems(), cases.RF, synth, spec, LoopOptions(beam_size=2), 3, seen.append
    )
    assert sorted(r.index for r in seen) == [r.index for r in results]


def test_argument_errors():
    spec, synth = cases.rf_models()
    with pytest.raises(ValueError, match="needs a spec_decomposer"):
        run_exedec([cases.RF_PROBLEM], cases.RF, synth, None)
    with pytest.raises(ValueError, match="takes no spec_decomposer"):
        run_exedec(
            [cases.RF_PROBLEM],
            cases.RF,
            synth,
            spec,
            LoopOptions(prediction_type="joint"),
        )
    with pytest.raises(ValueError, match="batch_size"):
        run_exedec([cases.RF_PROBLEM], cases.RF, synth, spec, batch_size=0)
    short_spec, _ = cases.rf_models(spec_length=30)
    with pytest.raises(ModelMismatchError, match="spec_length"):
        run_exedec([cases.RF_PROBLEM], cases.RF, synth, short_spec)
    three = Problem(("a", "b", "c"), ("A", "B", "C"))
    with pytest.raises(ModelMismatchError, match="3 examples"):
        run_exedec([three], cases.RF, synth, spec)


def test_bad_model_output_shape_is_reported():
    class Broken(ScriptedBeamModel):
        def beam_search(self, *args):
            seqs, scores, origin = super().beam_search(*args)
            return seqs[:, :, :-1], scores, origin

    spec, synth = cases.rf_models()
    broken = Broken(cases.RF_OPS, synth.script)
    with pytest.raises(ModelMismatchError, match="expected"):
        run_exedec([cases.RF_PROBLEM], cases.RF, broken, spec)
