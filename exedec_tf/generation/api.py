"""One entry point for task generation in every domain.

The generator of a domain is the package `exedec_tf.generation.<domain name>`,
whose `generate_shard` this module calls; nothing here branches on the name.
That keeps the dependency one-way: generation knows the domains (their
names, example counts and records), the domains know nothing of generation.
"""

import importlib
from collections.abc import Iterator

from exedec_tf import domains
from exedec_tf.domains.base import Domain
from exedec_tf.domains.records import Task
from exedec_tf.experiments import parse_experiment
from exedec_tf.generation.seeds import check_split

DOMAINS = domains.names()


def default_programs_per_search(split: str) -> int:
    """DeepCoder's paper setting: 1000 programs per train search, 10 otherwise."""
    return 1000 if check_split(split) == "train" else 10


def generator_of(domain: str | Domain):
    """The generator package of `domain` (a name or a Domain).

    Raises:
      ValueError: unknown domain.
    """
    dsl_domain = domain if isinstance(domain, Domain) else domains.get(domain)
    return importlib.import_module(f"exedec_tf.generation.{dsl_domain.name}")


def generate_tasks(
    domain: str | Domain,
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
      domain: a domain name (one of DOMAINS) or a Domain.
      experiment: an Experiment or its name.
      split: "train", "valid" or "test".
      seed: the base seed (the released data used 0).
      shard: the shard index (part of the per-shard seed).
      num_tasks: how many tasks to yield. DeepCoder generates tasks in searches
        of `num_programs_per_search` programs sharing one set of inputs, so
        there `num_tasks` must be a multiple of it.
      num_programs_per_search: DeepCoder only; default 1000 for train and 10
        for valid/test (the paper's settings).
      num_examples: examples per task; default the domain's
        `default_num_examples` (DeepCoder 3, RobustFill 4).

    Raises:
      ValueError: an unknown name, or sizes that cannot be generated.
    """
    dsl_domain = domain if isinstance(domain, Domain) else domains.get(domain)
    exp = parse_experiment(experiment)
    check_split(split)
    if not isinstance(num_tasks, int) or num_tasks < 0:
        raise ValueError(f"num_tasks must be a non-negative int, got {num_tasks!r}")
    if num_examples is None:
        num_examples = dsl_domain.default_num_examples
    return generator_of(dsl_domain).generate_shard(
        exp,
        split,
        seed,
        shard,
        num_tasks,
        num_examples=num_examples,
        num_programs_per_search=num_programs_per_search,
    )
