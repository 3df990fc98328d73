"""Random programs for each experiment and split (splits spec §5.2, §5.3).

A sampled program is returned with its TaskContext (inputs and per-expression
output cache); turning it into records happens in `decomposition`.
"""

from collections.abc import Callable, Sequence

from exedec_tf.dsl.robustfill import Compose, ConstStr, Modification, Substring
from exedec_tf.experiments import Experiment
from exedec_tf.generation.robustfill import pools
from exedec_tf.generation.robustfill.context import Sampled, TaskContext
from exedec_tf.generation.robustfill.draws import Draws
from exedec_tf.generation.robustfill.inputs import (
    MAX_INPUT_TOKENS,
    MAX_K,
    sample_inputs,
)

KeepFn = Callable[[Sequence[Sampled]], bool]


def _new_context(draws: Draws, num_examples: int, max_input_length: int, expressions):
    inputs, delimiter_counts, type_counts = sample_inputs(
        draws, num_examples, MAX_INPUT_TOKENS, MAX_K, max_input_length
    )
    return TaskContext(inputs, delimiter_counts, type_counts, expressions)


def _check_output_lengths(ctx: TaskContext, program, max_output_length: int) -> None:
    # Every expression's output is non-empty and no longer than its input, so
    # this cannot fail; it is the original's guard, kept as one. (The original
    # checked each candidate before `keep`; as it never fires, checking only
    # the accepted program is equivalent and skips evaluating rejected ones.)
    columns = zip(*map(ctx.outputs, program), strict=True)
    for j, example_parts in enumerate(columns):
        length = sum(map(len, example_parts))
        if not 0 < length <= max_output_length:
            raise ValueError(
                f"output length {length} of example {j} is outside "
                f"1..{max_output_length} for program {[s[1] for s in program]}"
            )


def random_task(
    draws: Draws,
    *,
    num_examples: int,
    max_input_length: int,
    min_expressions: int,
    max_expressions: int,
    pool: tuple,
    keep: KeepFn | None = None,
    expressions: dict | None = None,
) -> tuple[TaskContext, list[Sampled]]:
    """Samples inputs, a length, then programs until `keep` accepts one.

    RNG order: the inputs (§5.4), n = randint(min, max), then n expressions
    from `pool` in order; a rejected program is redrawn with the same inputs
    and the same n. `expressions` is the TaskContext's expression cache.
    """
    ctx = _new_context(draws, num_examples, max_input_length, expressions)
    n = draws.randint(min_expressions, max_expressions)
    while True:
        program = [pools.random_expression(ctx, draws, pool) for _ in range(n)]
        if keep is None or keep(program):
            break
    _check_output_lengths(ctx, program, max_input_length * max_expressions)
    return ctx, program


def random_task_switch(
    draws: Draws,
    *,
    num_examples: int,
    max_input_length: int,
    is_train: bool,
    min_expressions: int = 2,
    max_expressions: int = 6,
    expressions: dict | None = None,
) -> tuple[TaskContext, list[Sampled]]:
    """SWITCH_CONCEPT_ORDER: the first n // 2 expressions from one pool, the rest
    from the other (train: Substring then Modification/ConstStr; test: the
    reverse)."""
    if min_expressions < 2:
        raise ValueError(f"min_expressions must be at least 2, got {min_expressions}")
    ctx = _new_context(draws, num_examples, max_input_length, expressions)
    n = draws.randint(min_expressions, max_expressions)
    first, second = pools.ALL_SUBSTRING, pools.SAMPLER_POOL_MODIFY_OR_CONST
    if not is_train:
        first, second = second, first
    program = [pools.random_expression(ctx, draws, first) for _ in range(n // 2)]
    program += [pools.random_expression(ctx, draws, second) for _ in range(n - n // 2)]
    _check_output_lengths(ctx, program, max_input_length * max_expressions)
    return ctx, program


def _has_substring_and_other(program: Sequence[Sampled]) -> bool:
    return any(isinstance(e, Substring) for e, _ in program) and any(
        isinstance(e, (Modification, ConstStr)) for e, _ in program
    )


def _has_compose(program: Sequence[Sampled]) -> bool:
    return any(type(e) is Compose for e, _ in program)


def _has_compose_of_substring(program: Sequence[Sampled]) -> bool:
    return any(
        type(e) is Compose and isinstance(e.modification_or_substring, Substring)
        for e, _ in program
    )


def sample_program(
    draws: Draws,
    experiment: Experiment,
    is_train: bool,
    num_examples: int,
    max_input_length: int,
    expressions: dict | None = None,
) -> tuple[TaskContext, list[Sampled]]:
    """One task of `experiment` from its train (train/valid) or test distribution.

    See the table in splits spec §5.2; experiment-level draws (the
    COMPOSE_DIFFERENT_CONCEPTS pool, the COMPOSE_NEW_OP coin) come first.
    `expressions` is an expression cache shared across tasks (see
    TaskContext); it does not affect the result.
    """
    sizes = {
        "num_examples": num_examples,
        "max_input_length": max_input_length,
        "expressions": expressions,
    }
    if experiment is Experiment.SWITCH_CONCEPT_ORDER:
        return random_task_switch(draws, is_train=is_train, **sizes)
    keep = None
    if experiment is Experiment.NONE:
        lengths, pool = (1, 10), pools.SAMPLER_POOL_ALL
    elif experiment is Experiment.LENGTH_GENERALIZATION:
        lengths, pool = ((1, 6) if is_train else (7, 10)), pools.SAMPLER_POOL_ALL
    elif experiment is Experiment.COMPOSE_DIFFERENT_CONCEPTS:
        lengths = (2, 6)
        if is_train:
            pool = draws.choice(
                (pools.ALL_SUBSTRING, pools.SAMPLER_POOL_MODIFY_OR_CONST)
            )
        else:
            pool = pools.SAMPLER_POOL_SUBSTRING_OR_MODIFY
            keep = _has_substring_and_other
    elif experiment is Experiment.COMPOSE_NEW_OP:
        if not is_train:
            lengths, pool = (2, 6), pools.SAMPLER_POOL_ALL
            keep = _has_compose
        elif draws.random() < 0.25:
            lengths, pool = (1, 1), pools.SAMPLER_POOL_ONLY_COMPOSE
        else:
            lengths, pool = (2, 6), pools.SAMPLER_POOL_NO_COMPOSE
    elif experiment is Experiment.ADD_OP_FUNCTIONALITY:
        lengths = (1, 6)
        if is_train:
            pool = pools.SAMPLER_POOL_NO_COMPOSE_SUBSTRING
        else:
            pool = pools.SAMPLER_POOL_ALL
            keep = _has_compose_of_substring
    else:
        raise ValueError(f"unhandled experiment {experiment!r}")
    return random_task(
        draws,
        min_expressions=lengths[0],
        max_expressions=lengths[1],
        pool=pool,
        keep=keep,
        **sizes,
    )
