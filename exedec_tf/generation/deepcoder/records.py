"""Released-format records of a generated task (splits spec §6.1).

A task is first turned into a `TaskTrace` (all strings of its records, no
randomness), then `task_record` draws the corruption of each step's next
part, in step order, from the shard's RNG. Traces of enumerated programs are
built straight from the search's value columns (see `traces`), those of the
older sampler's programs by running the DSL program here.
"""

import random
from collections.abc import Sequence
from typing import NamedTuple

from exedec_tf.domains.records import Step, Task
from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.trace import execution_trace
from exedec_tf.dsl.deepcoder.values import Value, format_value
from exedec_tf.generation.deepcoder.corruption import corrupt_next_part
from exedec_tf.generation.deepcoder.single_task import ProgramTask


class StepTrace(NamedTuple):
    """One statement's decomposition strings, before corruption.

    Attributes:
      inputs: Per example, the state string before the statement.
      next_part: Per example, the value string of the statement's result.
      next_values: Per example, that value (lists as tuples), or None to
        parse it from `next_part` when needed.
      program_part: The statement with its left-hand side.
    """

    inputs: tuple[str, ...]
    next_part: tuple[str, ...]
    next_values: Sequence[Value | tuple] | None
    program_part: str


class TaskTrace(NamedTuple):
    """All strings of a task's records except the corrupted next parts.

    Attributes:
      inputs: Per example, the initial state string.
      outputs: Per example, the output value string.
      program: The whole program, input lines included.
      steps: One StepTrace per statement.
    """

    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    program: str
    steps: tuple[StepTrace, ...]


def trace_program_task(task: ProgramTask) -> TaskTrace:
    """Returns the trace of a task given as a DSL program with its examples."""
    trace = execution_trace(task.program, task.inputs)
    if trace is None:
        raise ValueError(f"program {task.program} fails on its own examples")
    input_variables = task.program.input_variables
    # The corruption parses the next-part strings when no values are given.
    steps = [StepTrace(s.inputs, s.next_part, None, s.program_part) for s in trace]
    return TaskTrace(
        inputs=tuple(
            str(ProgramState(inputs, input_variables)) for inputs in task.inputs
        ),
        outputs=tuple(format_value(output) for output in task.outputs),
        program=str(task.program),
        steps=tuple(steps),
    )


def task_record(
    rng: random.Random,
    trace: TaskTrace,
    config: DeepCoderConfig = DEFAULT_CONFIG,
) -> Task:
    """Returns the released record of a task, corrupting each step in order.

    Args:
      rng: The shard's RNG (consumed by the corruption).
      trace: The task's trace.
      config: DSL settings for the corruption.
    """
    outputs = trace.outputs
    steps = tuple(
        Step(
            inputs=step.inputs,
            outputs=outputs,
            next_part=step.next_part,
            corrupted_next_part=tuple(
                corrupt_next_part(
                    rng, step.next_part, outputs, config, step.next_values
                )
            ),
            program_part=step.program_part,
        )
        for step in trace.steps
    )
    return Task(
        inputs=trace.inputs, outputs=outputs, program=trace.program, steps=steps
    )
