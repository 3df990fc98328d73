"""Execution traces: the per-step subproblems of ExeDec's decomposition.

For a program with statements s1..sk run on examples e1..en, step t has
  * inputs: per example, the state string before s_t (all inputs and all
    variables computed so far), e.g. `x0 = [ 1 2 ] | x1 = [ 2 3 ]`;
  * next_part: per example, the value string of s_t's result (the subgoal);
  * program_part: the statement text including its left-hand side.
"""

from collections.abc import Sequence
from typing import NamedTuple

from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.statement import Statement
from exedec_tf.dsl.deepcoder.values import Value, format_value


class TraceStep(NamedTuple):
    """One step of an execution trace (see the module docstring)."""

    statement: Statement
    inputs: tuple[str, ...]
    next_part: tuple[str, ...]
    program_part: str


def execution_trace(
    program: Program, example_inputs: Sequence[Sequence[Value]]
) -> list[TraceStep] | None:
    """Returns the execution trace of `program` on the examples.

    Args:
        program: The program.
        example_inputs: Per example, the input values in input order.

    Returns:
        One `TraceStep` per statement, or None if the program fails (gives an
        invalid result) on some example. RunError propagates as from `run`.
    """
    # Each example's final state holds every intermediate value, so the
    # states before each step are its prefixes; format each value once.
    per_example_pieces = []
    for inputs in example_inputs:
        state = program.run(inputs)
        if state is None:
            return None
        per_example_pieces.append(
            [
                (f"{variable} = {text}", text)
                for variable, text in zip(
                    state.variables, map(format_value, state.values), strict=True
                )
            ]
        )
    steps = []
    num_inputs = program.num_inputs
    for t, statement in enumerate(program.statements):
        position = num_inputs + t
        steps.append(
            TraceStep(
                statement=statement,
                inputs=tuple(
                    " | ".join(p[0] for p in pieces[:position])
                    for pieces in per_example_pieces
                ),
                next_part=tuple(pieces[position][1] for pieces in per_example_pieces),
                program_part=str(statement),
            )
        )
    return steps
