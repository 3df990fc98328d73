"""Public entry point: the tasks of one RobustFill generation shard."""

import gc
from collections.abc import Iterator

from exedec_tf.domains.records import Task
from exedec_tf.experiments import Experiment, parse_experiment
from exedec_tf.generation.robustfill.decomposition import build_task
from exedec_tf.generation.robustfill.draws import Draws
from exedec_tf.generation.robustfill.tasks import sample_program
from exedec_tf.generation.seeds import check_split, shard_rng

# Recurring expressions are built once per run; the cache only saves time.
_MAX_CACHED_EXPRESSIONS = 20_000


def _check_int(name: str, value, minimum: int) -> int:
    if type(value) is not int or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")
    return value


def generate_tasks(
    experiment: Experiment | str,
    split: str,
    seed: int,
    shard: int,
    num_tasks: int,
    num_examples: int = 4,
    max_input_length: int = 20,
) -> Iterator[Task]:
    """Yields the first `num_tasks` tasks of a shard, exactly as the original.

    This replays the original RobustFill `write_data` worker run with
    `--seed=seed --shard_id=shard --split=split --experiment=experiment
    --num_examples=num_examples --max_input_length=max_input_length`: same
    tasks in the same order, each with its decomposition steps (including the
    random corrupted next parts, whose draws happen between tasks). With seed
    0, split "test", shard 0 and the defaults, the first 1000 tasks of NONE,
    COMPOSE_DIFFERENT_CONCEPTS, SWITCH_CONCEPT_ORDER and COMPOSE_NEW_OP are the
    released test sets. The result depends only on the arguments.

    Args:
      experiment: an Experiment or its name.
      split: "train", "valid" (train distribution, own seed) or "test".
      seed: the base seed.
      shard: the shard index (part of the per-shard seed).
      num_tasks: how many tasks to yield (>= 0).
      num_examples: input/output examples per task (>= 1; the paper used 4).
      max_input_length: maximum input length in characters (>= 2; paper: 20).
        With 1 the original never terminates (no non-empty SubStr exists).

    Raises:
      ValueError: an unknown experiment or split, or an out-of-range number.
        Raised by this call, before any task is generated.
    """
    exp = parse_experiment(experiment)
    check_split(split)
    if type(seed) is not int:
        raise ValueError(f"seed must be an int, got {seed!r}")
    _check_int("shard", shard, 0)
    _check_int("num_tasks", num_tasks, 0)
    _check_int("num_examples", num_examples, 1)
    # With 1-character inputs no SubStr (and no GetFrom) is ever non-empty,
    # so the original sampler redraws forever; 2 is the smallest usable value.
    _check_int("max_input_length", max_input_length, 2)
    draws = Draws(shard_rng(exp, split, shard, seed))
    return _generate(
        draws,
        exp,
        split in ("train", "valid"),
        num_tasks,
        num_examples,
        max_input_length,
    )


def _generate(
    draws: Draws,
    experiment: Experiment,
    is_train: bool,
    num_tasks: int,
    num_examples: int,
    max_input_length: int,
) -> Iterator[Task]:
    # Shared by the tasks of this run; cleared now and then to bound memory.
    expressions: dict = {}
    for _ in range(num_tasks):
        if len(expressions) > _MAX_CACHED_EXPRESSIONS:
            expressions.clear()
        # Building a task makes thousands of short-lived containers and no
        # reference cycles (they are freed by reference counting), so the
        # cyclic collector, which would otherwise run several times per task,
        # is paused while one is built, never across a yield: the caller's
        # next allocations after it trigger the collection it would have run.
        collecting = gc.isenabled()
        if collecting:
            gc.disable()
        try:
            ctx, program = sample_program(
                draws, experiment, is_train, num_examples, max_input_length, expressions
            )
            # Built (and its corruptions drawn) before the next task is sampled.
            task = build_task(ctx, program, draws, max_input_length)
        finally:
            if collecting:
                gc.enable()
        yield task
