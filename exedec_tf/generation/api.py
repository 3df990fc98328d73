"""One entry point for task generation in every domain."""

from collections.abc import Iterator

from exedec_tf.domains.records import Task
from exedec_tf.experiments import parse_experiment
from exedec_tf.generation.seeds import check_split

DOMAINS = ("deepcoder", "robustfill")


def default_programs_per_search(split: str) -> int:
    """DeepCoder's paper setting: 1000 programs per train search, 10 otherwise."""
    return 1000 if check_split(split) == "train" else 10


def generate_tasks(
    domain: str,
    experiment,
    split: str,
    seed: int,
    shard: int,
    num_tasks: int,
    *,
    num_programs_per_search: int | None = None,
    num_examples: int | None = None,
) -> Iterator[Task]:
    """Yields the tasks of one generation shard, exactly as the original did.

    Args:
      domain: "deepcoder" or "robustfill".
      experiment: an Experiment or its name.
      split: "train", "valid" or "test".
      seed: the base seed (the released data used 0).
      shard: the shard index (part of the per-shard seed).
      num_tasks: how many tasks to yield. DeepCoder generates tasks in searches
        of `num_programs_per_search` programs sharing one set of inputs, so
        there `num_tasks` must be a multiple of it.
      num_programs_per_search: DeepCoder only; default 1000 for train and 10
        for valid/test (the paper's settings).
      num_examples: examples per task; default 3 (DeepCoder) / 4 (RobustFill).

    Raises:
      ValueError: an unknown name, or sizes that cannot be generated.
    """
    exp = parse_experiment(experiment)
    check_split(split)
    if not isinstance(num_tasks, int) or num_tasks < 0:
        raise ValueError(f"num_tasks must be a non-negative int, got {num_tasks!r}")
    if domain == "deepcoder":
        from exedec_tf.generation import deepcoder

        per_search = num_programs_per_search or default_programs_per_search(split)
        if num_tasks % per_search:
            raise ValueError(
                f"num_tasks={num_tasks} is not a multiple of "
                f"num_programs_per_search={per_search} (DeepCoder generates whole "
                f"searches)"
            )
        return deepcoder.generate_tasks(
            exp,
            split,
            seed,
            shard,
            num_searches=num_tasks // per_search,
            num_programs_per_search=per_search,
            num_examples=3 if num_examples is None else num_examples,
        )
    if domain == "robustfill":
        from exedec_tf.generation import robustfill

        if num_programs_per_search is not None:
            raise ValueError("num_programs_per_search applies to DeepCoder only")
        return robustfill.generate_tasks(
            exp,
            split,
            seed,
            shard,
            num_tasks,
            num_examples=4 if num_examples is None else num_examples,
        )
    raise ValueError(f"unknown domain {domain!r}; expected one of {DOMAINS}")
