"""Exact-replay generator of the DeepCoder random tasks of ExeDec.

Same experiment, split, seed and shard give the same tasks as the original
`write_data.py` worker, byte for byte, decomposition records (with their
random corruptions) included; the released `test_data/deepcoder` files of
NONE, COMPOSE_DIFFERENT_CONCEPTS, SWITCH_CONCEPT_ORDER and COMPOSE_NEW_OP
are shards 0-9 of the 'test' split with seed 0.

Entry points:
  * `generate_shard(experiment, split, seed, shard, num_tasks, ...)`: the
    uniform per-domain entry that `exedec_tf.generation.generate_tasks`
    calls (whole searches of `num_programs_per_search` tasks).
  * `generate_tasks(experiment, split, seed, shard, num_searches, ...)`: the
    `Task` records of one shard. The shard is the unit of parallelism: its
    RNG flows through its searches in order.
  * `make_context(...)` (validated settings) plus `search_tasks(rng, ctx)`:
    one search at a time on an RNG from
    `exedec_tf.generation.seeds.shard_rng`; `search_once` is a single
    search attempt, giving task traces (records before corruption).

Module map: `inputs` (example inputs, variable names), `primitives` and
`columns` (statement evaluation on interned value columns), `search` (the
enumeration of one program length), `sampling` (both distributions, the
equivalence filter and per-length sampling), `single_task` (the older random
sampler still used for COMPOSE_NEW_OP), `corruption` and `records`
(decomposition steps), `traces` (record strings of enumerated programs),
`tasks` (searches and shards).
"""

from exedec_tf.generation.deepcoder.shard import generate_shard
from exedec_tf.generation.deepcoder.tasks import (
    DEFAULT_PROGRAMS_PER_SEARCH,
    SearchContext,
    generate_tasks,
    make_context,
    search_once,
    search_tasks,
)

__all__ = [
    "DEFAULT_PROGRAMS_PER_SEARCH",
    "SearchContext",
    "generate_shard",
    "generate_tasks",
    "make_context",
    "search_once",
    "search_tasks",
]
