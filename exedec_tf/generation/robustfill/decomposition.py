"""Task and decomposition-step records of a sampled program (splits spec §6.2)."""

from collections.abc import Sequence
from itertools import accumulate

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
    # parts[j][i]: output of expression i on example j.
    parts = list(zip(*map(ctx.outputs, program), strict=True))
    cumulative = [list(accumulate(map(len, p), initial=0)) for p in parts]
    # suffixes[j][i]: outputs of expressions i.. on example j, joined.
    suffixes = []
    for example_parts in parts:
        joined = [""]
        for part in reversed(example_parts):
            joined.append(part + joined[-1])
        joined.reverse()
        suffixes.append(joined)
    steps = []
    for i, (_, ids) in enumerate(program):
        outputs = tuple([joined[i] for joined in suffixes])
        next_part = [example_parts[i] for example_parts in parts]
        corrupted = corrupt(
            draws,
            next_part,
            outputs,
            parts,
            cumulative,
            i,
            max_input_length,
        )
        steps.append(Step(inputs, outputs, tuple(next_part), tuple(corrupted), ids))
    return Task(
        inputs=inputs,
        outputs=tuple([joined[0] for joined in suffixes]),
        program="|".join([ids for _, ids in program]),
        steps=tuple(steps),
    )
