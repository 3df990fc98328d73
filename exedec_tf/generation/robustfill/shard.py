"""The RobustFill generator behind `exedec_tf.generation.generate_tasks`."""

from collections.abc import Iterator

from exedec_tf.domains.records import Task
from exedec_tf.generation.robustfill.generator import generate_tasks


def generate_shard(
    experiment,
    split: str,
    seed: int,
    shard: int,
    num_tasks: int,
    *,
    num_examples: int,
    num_programs_per_search: int | None = None,
) -> Iterator[Task]:
    """Yields `num_tasks` tasks of one shard.

    Raises:
      ValueError: `num_programs_per_search` is given (RobustFill has no
        searches).
    """
    if num_programs_per_search is not None:
        raise ValueError("num_programs_per_search applies to DeepCoder only")
    return generate_tasks(
        experiment, split, seed, shard, num_tasks, num_examples=num_examples
    )
