"""Task records: a whole program plus its per-step decomposition.

`Domain.decompose` returns `Step`s; the generators (`exedec_tf.generation`)
and the TFDS builders write `Task`s. The records live here, below both, so
that domains never import the generators.

Every string is in the released encoding of its domain (the same strings the
original wrote into its `entire_programs_*` and `decomposition_data_*`
TFRecord files), so one record type serves both domains.
"""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Step:
    """One decomposition step (one statement / top-level expression).

    Attributes:
      inputs: per example, the step's input (DeepCoder: the state string of all
        inputs and previously computed variables; RobustFill: the input string).
      outputs: per example, what is still to be produced (DeepCoder: the final
        output; RobustFill: the concatenated outputs of this and later parts).
      next_part: per example, this step's output (the subgoal).
      corrupted_next_part: per example, a randomly corrupted subgoal.
      program_part: the step's program text (DeepCoder: statement with its LHS,
        `x2 = Map (+1) x0`; RobustFill: one expression's ids, `7 103 217`).
    """

    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    next_part: tuple[str, ...]
    corrupted_next_part: tuple[str, ...]
    program_part: str


@dataclasses.dataclass(frozen=True)
class Task:
    """One generated programming-by-example task.

    Attributes:
      inputs: per example, the input (DeepCoder state string / RobustFill string).
      outputs: per example, the output (DeepCoder value string / RobustFill string).
      program: the whole program in the released string form.
      steps: the decomposition records, one per statement / expression.
    """

    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    program: str
    steps: tuple[Step, ...] = ()
