"""Task and decomposition-step records of a sampled program (splits spec §6.2)."""

from collections.abc import Sequence
from itertools import accumulate
from operator import add

from exedec_tf.domains.records import Step, Task
from exedec_tf.generation.robustfill.context import Sampled, TaskContext
from exedec_tf.generation.robustfill.corruption import corrupt
from exedec_tf.generation.robustfill.draws import Draws


def build_task(
    ctx: TaskContext,
    program: Sequence[Sampled],
    draws: Draws,
    max_input_length: int,
) -> Task:
    """The Task of a sampled program, with one Step per top-level expression.

    Step i has the unchanged inputs, the remaining output (outputs of
    expressions i, i+1, ... joined), expression i's output as next part, its
    random corruption, and expression i's ids. The corruptions draw from
    `draws`, step by step, as the original did right after each task.
    """
    inputs = ctx.inputs
    # columns[i][j]: output of expression i on example j.
    columns = list(map(ctx.outputs, program))
    # suffixes[i][j]: outputs of expressions i.. on example j, joined.
    suffixes = columns.copy()
    for i in range(len(columns) - 2, -1, -1):
        suffixes[i] = tuple(map(add, columns[i], suffixes[i + 1]))
    # cumulative[j][i]: total length of the first i outputs on example j.
    cumulative = [
        list(accumulate(map(len, example_parts), initial=0))
        for example_parts in zip(*columns, strict=True)
    ]
    steps = []
    for i, (_, ids) in enumerate(program):
        outputs, next_part = suffixes[i], columns[i]
        corrupted = corrupt(draws, next_part, outputs, cumulative, i, max_input_length)
        steps.append(Step(inputs, outputs, next_part, tuple(corrupted), ids))
    return Task(
        inputs=inputs,
        outputs=suffixes[0] if suffixes else (),
        program="|".join([ids for _, ids in program]),
        steps=tuple(steps),
    )
