"""Exact-replay generator of the DeepCoder random tasks of ExeDec.

Same experiment, split, seed and shard give the same tasks as the original
`write_data.py` worker, byte for byte, decomposition records included.

Entry points:
  * `generate_tasks(experiment, split, seed, shard, num_searches, ...)`: the
    tasks of one shard (the unit of parallelism: the RNG flows through its
    searches in order).
  * `make_context(...)` + `search_tasks(rng, ctx)`: one search at a time, on
    an RNG from `exedec_tf.generation.seeds.shard_rng`.
"""

from exedec_tf.generation.deepcoder.tasks import (
    DEFAULT_PROGRAMS_PER_SEARCH,
    SearchContext,
    generate_tasks,
    make_context,
    search_program_tasks,
    search_tasks,
)

__all__ = [
    "DEFAULT_PROGRAMS_PER_SEARCH",
    "SearchContext",
    "generate_tasks",
    "make_context",
    "search_program_tasks",
    "search_tasks",
]
