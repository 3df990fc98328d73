"""The DeepCoder generator behind `exedec_tf.generation.generate_tasks`."""

from collections.abc import Iterator

from exedec_tf.domains.records import Task
from exedec_tf.generation.deepcoder.tasks import (
    DEFAULT_PROGRAMS_PER_SEARCH,
    generate_tasks,
)


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
    """Yields `num_tasks` tasks of one shard, in whole searches.

    Args:
      num_programs_per_search: tasks per search (one shared set of example
        inputs); default 1000 for train and 10 for valid/test.

    Raises:
      ValueError: `num_tasks` is not a multiple of the programs per search.
    """
    per_search = num_programs_per_search or DEFAULT_PROGRAMS_PER_SEARCH[split]
    if num_tasks % per_search:
        raise ValueError(
            f"num_tasks={num_tasks} is not a multiple of "
            f"num_programs_per_search={per_search} (DeepCoder generates whole "
            f"searches)"
        )
    return generate_tasks(
        experiment,
        split,
        seed,
        shard,
        num_searches=num_tasks // per_search,
        num_programs_per_search=per_search,
        num_examples=num_examples,
    )
