"""First-error attribution of the original driver (inference spec §2.8).

After every half-step the best slot (K-1) is compared with the ground-truth
decomposition; the first mismatch names the model and step that erred. With
the final success this puts each problem in one category: A (success, no
error), B (success after a SpecDecomposer error), C (success after a
Synthesizer error), E (failure from a SpecDecomposer error) or F (failure from
a Synthesizer error, or with no error when K > 1). Meaningful for K = 1,
informative for K > 1.
"""

from collections.abc import Sequence

import numpy as np

from exedec_tf.domains.base import Domain
from exedec_tf.synthesis import steps
from exedec_tf.synthesis.records import OuterBeam, Problem

_OUT_OF_BOUNDS = "[step index out of bounds]"


class FirstErrorTracker:
    """Follows one problem's best slot against its ground-truth steps.

    Args:
      domain: the problem's domain.
      problem: the problem; without a ground-truth program nothing is tracked.
    """

    def __init__(self, domain: Domain, problem: Problem):
        self.ops = domain.loop_ops()
        self.inputs = problem.inputs
        self.first_error: str | None = None
        self.parts: list[list[str]] | None = None
        if problem.program is not None:
            try:
                decomposition = domain.decompose(problem.program, problem.inputs)
                self.parts = [list(s.next_part) for s in decomposition]
            except Exception:  # noqa: BLE001 - a bad ground truth: no tracking.
                self.parts = None

    def _truth(self, step: int):
        return self.parts[step] if step < len(self.parts) else _OUT_OF_BOUNDS

    def _record(self, model: str, step: int) -> None:
        if self.first_error is None:
            self.first_error = f"{model} at step #{step + 1}"

    def after_spec(self, beam: OuterBeam, step: int) -> None:
        """Checks the best subgoal after a SPEC STEP (penalties applied)."""
        if self.parts is None or (beam.finished[-1] and beam.valid[-1]):
            return
        if beam.finished[-1]:
            prediction = "[finished]"
        else:
            prediction = [self.ops.decode_spec(r) for r in beam.step_outputs[-1]]
        if prediction != self._truth(step):
            self._record("SpecDecomposerModel", step)

    def after_synth(
        self, beam: OuterBeam, already_finished: bool, part: np.ndarray, step: int
    ) -> None:
        """Checks the best program after a SYNTH STEP.

        Args:
          beam: the outer beam after the step.
          already_finished: slot K-1's finished flag before this step's update.
          part: slot K-1's program part of this step (zeros if finished).
          step: the step index.
        """
        if self.parts is None or (already_finished and beam.valid[-1]):
            return
        ids = beam.programs[-1] if self.ops.analyse_whole_program else part
        program = self.ops.decode_program(ids)
        outputs = steps.run_outputs(self.ops, program, self.inputs)[1]
        if outputs != self._truth(step):
            self._record("SynthesizerModel", step)

    def category(self, success: bool, beam_size: int) -> str | None:
        """A, B, C, E or F (None without a ground truth)."""
        if self.parts is None:
            return None
        if self.first_error is None:
            # The original asserts for K = 1; here it counts as F.
            return "A" if success else "F"
        spec = self.first_error.startswith("SpecDecomposerModel")
        if success:
            return "B" if spec else "C"
        return "E" if spec else "F"


def category_totals(categories: Sequence[str | None]) -> dict:
    """Counts and the original's percentages (-1 where undefined)."""
    counts = {c: sum(1 for x in categories if x == c) for c in "ABCEF"}
    a, b, c, e, f = (counts[k] for k in "ABCEF")

    def pct(num, den):
        return 100.0 * num / den if den else -1.0

    successes, failures = a + b + c, e + f
    return {
        "counts": counts,
        "failures_from_spec_decomposer_pct": pct(e, failures),
        "failures_from_synthesizer_pct": pct(f, failures),
        "spec_decomposer_error_recovery_pct": pct(b, b + e),
        "synthesizer_error_recovery_pct": pct(c, c + f),
        "error_recovery_pct": pct(b + c, b + c + e + f),
        "recovered_errors_among_successes_pct": pct(b + c, successes),
    }
