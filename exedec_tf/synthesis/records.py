"""Per-problem records of the ExeDec loop: the problem and its outer beam."""

import dataclasses

import numpy as np

from exedec_tf.synthesis.options import NEG_INF


@dataclasses.dataclass(frozen=True)
class Problem:
    """One programming-by-example task in the released string encodings.

    Attributes:
      inputs: one input per example (RobustFill: a string; DeepCoder: a
        program-state string such as `x0 = [ 1 2 ] | x1 = 3`).
      outputs: one output per example.
      index: position in its split (kept in results).
      program: the ground-truth program, if known (logging only; never used to
        decide success).
    """

    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    index: int = 0
    program: str | None = None

    def __post_init__(self):
        if len(self.inputs) != len(self.outputs):
            raise ValueError(
                f"problem {self.index}: {len(self.inputs)} inputs but "
                f"{len(self.outputs)} outputs"
            )


@dataclasses.dataclass
class OuterBeam:
    """The K partial solutions of one problem (inference spec §2.1 payload).

    Slot order is ascending by beam-search score (best in slot K-1) and is not
    re-sorted after penalties. Every field is gathered with the beam search's
    `origin` after each model call.
    """

    current_inputs: np.ndarray  # int32 [K, E, L] spec inputs of the next step
    current_outputs: np.ndarray  # int32 [K, E, L] spec outputs of the next step
    step_outputs: np.ndarray  # int32 [K, E, L] subgoal of the current step
    programs: np.ndarray  # int32 [K, P] program ids so far (P grows)
    scores: np.ndarray  # float32 [K] cumulative scores
    valid: np.ndarray  # bool [K] false = dead
    last_step: np.ndarray  # bool [K] believes its program is complete
    finished: np.ndarray  # bool [K] no more predictions
    subgoals: list  # [K] tuple of per-step subgoal tuples (for reports)

    @classmethod
    def initial(
        cls, inputs: np.ndarray, outputs: np.ndarray, program: list[int], k: int
    ) -> "OuterBeam":
        """Slot 0 holds the problem; slots 1..K-1 are finished invalid dummies."""
        tile = lambda x: np.repeat(x[None], k, axis=0)  # noqa: E731
        dummies = np.arange(k) > 0
        return cls(
            current_inputs=tile(inputs),
            current_outputs=tile(outputs),
            step_outputs=tile(outputs),
            programs=tile(np.asarray(program, np.int32)),
            scores=np.where(dummies, NEG_INF, np.float32(0)).astype(np.float32),
            valid=~dummies,
            last_step=dummies.copy(),
            finished=dummies.copy(),
            subgoals=[()] * k,
        )

    def gather(self, origin: np.ndarray) -> "OuterBeam":
        """Slot j of the result is slot origin[j] of this beam (a copy)."""
        origin = np.asarray(origin)
        k = len(self.scores)
        if origin.shape != (k,) or origin.min() < 0 or origin.max() >= k:
            raise ValueError(
                f"origin must be {k} slot indices in [0, {k}), got {origin}"
            )
        return OuterBeam(
            current_inputs=self.current_inputs[origin],
            current_outputs=self.current_outputs[origin],
            step_outputs=self.step_outputs[origin],
            programs=self.programs[origin],
            scores=self.scores[origin],
            valid=self.valid[origin],
            last_step=self.last_step[origin],
            finished=self.finished[origin],
            subgoals=[self.subgoals[o] for o in origin],
        )


@dataclasses.dataclass(frozen=True)
class SlotResult:
    """One final beam element.

    Attributes:
      program: the decoded program (released string), or None if invalid.
      score: cumulative float32 score.
      valid, finished: the element's final flags.
      subgoals: per step, the E subgoal strings it followed (separate mode).
    """

    program: str | None
    score: float
    valid: bool
    finished: bool
    subgoals: tuple


@dataclasses.dataclass(frozen=True)
class ProblemResult:
    """The outcome of the loop on one problem.

    Attributes:
      index: the problem's index.
      success: some final program reproduces every example output.
      solution: the highest-slot such program (released string), or None.
      solution_slot: its slot, or None.
      num_steps: steps taken (a final spec-only half-step counts).
      time_s: wall time from when it entered the loop until its final check
        (in batched runs this includes the other problems' share of each
        model call).
      beam: the K final elements, slot 0 (worst) to K-1 (best).
      first_error: e.g. "SpecDecomposerModel at step #2": the first half-step
        whose best element left the ground-truth decomposition (None if none
        or no ground truth); see `attribution`.
      category: A/B/C/E/F of the original's error analysis, or None.
    """

    index: int
    success: bool
    solution: str | None
    solution_slot: int | None
    num_steps: int
    time_s: float
    beam: tuple[SlotResult, ...]
    first_error: str | None = None
    category: str | None = None

    @property
    def solution_subgoals(self) -> tuple:
        """The subgoals the solution went through (empty if none)."""
        if self.solution_slot is None:
            return ()
        return self.beam[self.solution_slot].subgoals
