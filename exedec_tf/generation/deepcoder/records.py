"""Released-format records of a generated task (splits spec §6.1)."""

import random

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.trace import execution_trace
from exedec_tf.dsl.deepcoder.values import format_value
from exedec_tf.generation.deepcoder.corruption import corrupt_next_part
from exedec_tf.generation.deepcoder.old_random import ProgramTask
from exedec_tf.generation.records import Step, Task


def decomposition_steps(
    rng: random.Random,
    task: ProgramTask,
    outputs: tuple[str, ...],
    config: DeepCoderConfig = DEFAULT_CONFIG,
) -> tuple[Step, ...]:
    """Returns one Step per statement, corrupting each next part in order.

    Args:
      rng: The shard's RNG (consumed by the corruption).
      task: The task.
      outputs: The task's output strings.
      config: DSL settings for the corruption.
    """
    trace = execution_trace(task.program, task.inputs)
    if trace is None:
        raise ValueError(f"program {task.program} fails on its own examples")
    steps = []
    for step in trace:
        corrupted = corrupt_next_part(rng, step.next_part, outputs, config)
        steps.append(
            Step(
                inputs=step.inputs,
                outputs=outputs,
                next_part=step.next_part,
                corrupted_next_part=tuple(corrupted),
                program_part=step.program_part,
            )
        )
    return tuple(steps)


def task_record(
    rng: random.Random,
    task: ProgramTask,
    config: DeepCoderConfig = DEFAULT_CONFIG,
) -> Task:
    """Returns the released record of a task, with its decomposition steps."""
    input_variables = task.program.input_variables
    outputs = tuple(format_value(output) for output in task.outputs)
    return Task(
        inputs=tuple(
            str(ProgramState(inputs, input_variables)) for inputs in task.inputs
        ),
        outputs=outputs,
        program=str(task.program),
        steps=decomposition_steps(rng, task, outputs, config),
    )
