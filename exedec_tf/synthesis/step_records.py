"""Decoding a beam element's lineage into per-step records for results.

For each step of the element's trace: the subgoals it was given, the program
part the Synthesizer returned for them, what that part computes from the
original inputs, and whether that is the subgoal on each example. A part is
judged the way first-error attribution judges it (inference spec §2.8):
RobustFill runs the step's part alone, DeepCoder runs the whole program so
far and takes the new (last) variable.
"""

from collections.abc import Sequence

from exedec_tf.domains.loop_ops import LoopOps
from exedec_tf.synthesis.records import StepRecord, StepTrace


def _part_text(ops: LoopOps, decoded) -> str | None:
    if decoded is None:
        return None
    if ops.analyse_whole_program:
        # The whole program decoded; its last statement is this step's part.
        return decoded.text.rsplit(" | ", 1)[-1]
    return decoded.text


def step_record(
    ops: LoopOps, step: int, entry: StepTrace, inputs: Sequence[str]
) -> StepRecord:
    """The decoded record of one trace entry.

    Args:
      ops: the domain helpers.
      step: the entry's step index.
      entry: the lineage entry.
      inputs: the problem's original example inputs.
    """
    if entry.part is None:
        return StepRecord(
            step=step,
            subgoals=entry.subgoals,
            program_part=None,
            synthesized=False,
            part_outputs=None,
            achieved=None,
        )
    ids = entry.program if ops.analyse_whole_program else entry.part
    decoded = ops.decode_program(ids)
    if decoded is None:
        outputs = (None,) * len(inputs)
    else:
        outputs = tuple(ops.run(decoded, inputs))
    achieved = None
    if entry.targets is not None:
        achieved = tuple(
            got is not None and got == want
            for got, want in zip(outputs, entry.targets, strict=True)
        )
    return StepRecord(
        step=step,
        subgoals=entry.subgoals,
        program_part=_part_text(ops, decoded),
        synthesized=True,
        part_outputs=outputs,
        achieved=achieved,
    )


def step_records(
    ops: LoopOps, trace: Sequence[StepTrace], inputs: Sequence[str]
) -> tuple[StepRecord, ...]:
    """The decoded records of a whole lineage, step 0 first."""
    return tuple(step_record(ops, s, entry, inputs) for s, entry in enumerate(trace))
