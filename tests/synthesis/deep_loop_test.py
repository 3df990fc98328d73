"""Deeper-loop parity: problems that need three or more steps, scripted models.

The expected values in deep_loop_expected.py (final beams, solutions, step
counts and the scores/finished flags every model call received) were recorded
by running the original `end_to_end_predict.py` main loop itself on the same
problems: its JAX/Flax/TF imports replaced by NumPy stand-ins that keep JAX's
semantics (immutable arrays under `+=`/`|=`, float32/int32 results), its
models by a prediction step that asks the same `ScriptedBeamModel` and
gathers the payload by origin (the end-to-end beam search of inference spec
§1.3b, which the scripted model reproduces for complete predictions). Our
loop must give the same values, float32 scores included.

The models (tests/synthesis/cases.py) exercise: a subgoal achieved on only
some examples (execution then recomputes the remaining outputs / program
state), duplicate-functionality discards at steps 2 and 3, elements that
become invalid at a later step, the empty RobustFill program, and programs
that decode but cannot be printed (`[invalid program]`, also without
execution).
"""

import numpy as np
import pytest

from exedec_tf.synthesis.loop import run_exedec
from exedec_tf.synthesis.options import LoopOptions
from tests.synthesis import cases
from tests.synthesis.deep_loop_expected import (
    DC_NO_EXECUTION,
    DC_SEPARATE,
    RF_JOINT,
    RF_NO_EXECUTION,
    RF_SEPARATE,
)
from tests.synthesis.fakes import ScriptedBeamModel


class Recording(ScriptedBeamModel):
    """Records the init scores and finished flags of every call."""

    def __init__(self, model: ScriptedBeamModel, name: str, log: list):
        super().__init__(
            model.ops,
            model.script,
            model.max_decode_length,
            model.num_examples,
            model.spec_length,
            model.vocab_size,
            model.key_fn,
        )
        self.name, self.log = name, log

    def beam_search(self, inputs, outputs, init_scores, init_finished):
        self.log.append(
            (
                self.name,
                [float(s) for s in np.asarray(init_scores[0], np.float32)],
                [bool(f) for f in init_finished[0]],
            )
        )
        return super().beam_search(inputs, outputs, init_scores, init_finished)


def _run(domain, problem, spec, synth, **options):
    log = []
    spec = None if spec is None else Recording(spec, "spec", log)
    synth = Recording(synth, "synth", log)
    options = LoopOptions(beam_size=4, **options)
    [result] = run_exedec([problem], domain, synth, spec, options)
    return result, log, synth


def _check(result, log, domain, expected):
    assert result.success == expected.success
    assert result.num_steps == expected.num_steps
    assert result.solution == expected.solution
    if expected.printed_solution is not None:
        assert domain.describe_program(result.solution) == expected.printed_solution
    beam = [(s.program, float(s.score), s.valid, s.finished) for s in result.beam]
    assert beam == expected.beam
    assert log == expected.calls


def test_robustfill_separate():
    spec, synth = cases.rf_deep_models()
    result, log, synth = _run(cases.RF, cases.RF_DEEP, spec, synth)
    _check(result, log, cases.RF, RF_SEPARATE)
    assert result.solution_subgoals == (
        ("AB", "E", "HI", "LM"),
        (".",) * 4,
        ("cd", "fg", "jk", "no"),
    )
    # Step 2 saw the GetToken(CHAR, 1) lineage, whose subgoal held on example
    # 2 only: the spec step got the executed remainder B.cd|.fg|I.jk|M.no.
    assert synth.calls[1][1] == [("B.", ".", "I.", "M."), (".",) * 4]
    # The c|f|j|n lineage needed a fourth and fifth step.
    assert [keys for _, keys in synth.calls[3:]] == [[("d", "g", "k", "o")]] * 2


def test_robustfill_without_execution_rejects_unprintable_programs():
    # Without execution only decoding and printing decide validity: the
    # Compose(Substitute(NUMBER, 1, Boundary.END), ...) part is the invalid
    # slot 2, with a single NEG_INF penalty.
    spec, synth = cases.rf_deep_models()
    result, log, _ = _run(
        cases.RF,
        cases.RF_DEEP,
        spec,
        synth,
        use_execution=False,
        discard_repeat_functionality=False,
    )
    _check(result, log, cases.RF, RF_NO_EXECUTION)


def test_robustfill_joint():
    result, log, _ = _run(
        cases.RF,
        cases.RF_DEEP,
        None,
        cases.rf_deep_joint_model(),
        prediction_type="joint",
    )
    _check(result, log, cases.RF, RF_JOINT)


def test_deepcoder_separate():
    spec, synth = cases.dc_deep_models()
    result, log, synth = _run(cases.DC, cases.DC_DEEP, spec, synth)
    _check(result, log, cases.DC, DC_SEPARATE)
    # Step 2: the Map (**2) lineage continued from its executed state.
    assert synth.calls[1][1][0] == (
        cases.DC_DEEP_S1_SQUARED,
        ("[ 2 8 18 ]", "[ 8 ]", "[ 0 8 ]"),
    )


def test_deepcoder_without_execution():
    spec, synth = cases.dc_deep_models()
    result, log, _ = _run(
        cases.DC,
        cases.DC_DEEP,
        spec,
        synth,
        use_execution=False,
        discard_repeat_functionality=False,
    )
    _check(result, log, cases.DC, DC_NO_EXECUTION)


@pytest.mark.parametrize("beam_size", [1, 2, 3, 5])
def test_other_beam_sizes_solve_in_three_steps_or_more(beam_size):
    for domain, problem, models in (
        (cases.RF, cases.RF_DEEP, cases.rf_deep_models),
        (cases.DC, cases.DC_DEEP, cases.dc_deep_models),
    ):
        spec, synth = models()
        [result] = run_exedec(
            [problem], domain, synth, spec, LoopOptions(beam_size=beam_size)
        )
        assert result.success and result.num_steps >= 3
        assert result.solution == (
            problem.program or "3 8 111 7 103 216|4 83|7 103 214"
        )
