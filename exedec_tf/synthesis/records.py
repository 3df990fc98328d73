"""Per-problem records of the ExeDec loop: the problem, its outer beam, results."""

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


@dataclasses.dataclass(frozen=True)
class StepTrace:
    """What one beam element's lineage did at one loop step (raw ids).

    An element gets one entry per step while it is unfinished, so entry `s`
    of its trace is step `s` (a finished element never predicts again).

    Attributes:
      subgoals: the E subgoal parts the SpecDecomposer predicted (as split,
        before encoding; DeepCoder parts keep their stray spaces), or None
        (joint mode).
      targets: the same subgoals as the Synthesizer was given them (the
        decoded encoded rows), or None.
      part: int32 [T-1] the Synthesizer's (or joint model's) prediction of
        this step, or None if the element stopped after its spec step.
      program: int32 [P] the element's whole program ids after this step, or
        None when `part` is.
    """

    subgoals: tuple[str, ...] | None = None
    targets: tuple[str, ...] | None = None
    part: np.ndarray | None = None
    program: np.ndarray | None = None


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
    trace: list  # [K] tuple of StepTrace, one per step of the lineage

    @property
    def subgoals(self) -> list:
        """[K] per slot, the subgoal tuples of every step that predicted one."""
        return [
            tuple(t.subgoals for t in trace if t.subgoals is not None)
            for trace in self.trace
        ]

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
            trace=[()] * k,
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
            trace=[self.trace[o] for o in origin],
        )


@dataclasses.dataclass(frozen=True)
class SlotResult:
    """One final beam element.

    Attributes:
      program: the decoded program (released string), or None if invalid.
      score: cumulative float32 score.
      valid, finished: the element's final flags.
      subgoals: per step, the E subgoal strings it followed (separate mode).
      satisfied: per example, whether the program's output on that example's
        input is the example's output (a failed run counts as output "", as
        in the original's success check).
    """

    program: str | None
    score: float
    valid: bool
    finished: bool
    subgoals: tuple
    satisfied: tuple[bool, ...] = ()


@dataclasses.dataclass(frozen=True)
class StepRecord:
    """One loop step of the best final element, decoded for results.

    Attributes:
      step: the step index (0-based).
      subgoals: the E predicted subgoals (as split), or None (joint mode).
      program_part: the program part synthesized at this step (RobustFill:
        its expressions; DeepCoder: its statement `xN = ...`), None if the
        element stopped after its spec step or the part does not decode.
      synthesized: whether the Synthesizer predicted a part at this step.
      part_outputs: per example, what the part computes from the original
        inputs (RobustFill: the part's own output; DeepCoder: the value of
        the new variable), None where it fails; None if not synthesized.
      achieved: per example, whether `part_outputs` equals the subgoal the
        Synthesizer was given; None without a subgoal or a synthesized part.
    """

    step: int
    subgoals: tuple[str, ...] | None
    program_part: str | None
    synthesized: bool
    part_outputs: tuple[str | None, ...] | None
    achieved: tuple[bool, ...] | None


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
      best_steps: per step, the subgoals and program part of the best final
        element (slot K-1, the original's "best" for logging and metrics),
        with whether the part achieved each subgoal; empty for the baseline.
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
    best_steps: tuple[StepRecord, ...] = ()

    @property
    def solution_subgoals(self) -> tuple:
        """The subgoals the solution went through (empty if none)."""
        if self.solution_slot is None:
            return ()
        return self.beam[self.solution_slot].subgoals
