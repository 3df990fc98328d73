"""Running a program on several inputs with the original evaluation semantics."""

from collections.abc import Iterable

from exedec_tf.dsl.errors import RunError
from exedec_tf.dsl.robustfill.base import Program


def run_program(program: Program, inputs: Iterable) -> list[str | None]:
    """Outputs of `program` on each input, None where it cannot run.

    This is the original `run_program` for RobustFill: a failure on one
    example (an ill-typed program, a non-string input) only blanks that one.
    """
    outputs: list[str | None] = []
    for value in inputs:
        try:
            outputs.append(program.run(value))
        except RunError:
            outputs.append(None)
    return outputs
