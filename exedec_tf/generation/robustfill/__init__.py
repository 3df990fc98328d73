"""Exact-replay RobustFill task generator (the original `write_data` worker).

`generate_tasks` yields the tasks of one shard with their decomposition steps
(`generate_shard` is the same behind the uniform entry point
`exedec_tf.generation.generate_tasks`);
the modules below it follow the original's structure, one concern each:
`draws` (stdlib-exact random draws), `inputs` (input strings), `context`
(per-task caches), `substring_samplers` / `modification_samplers` / `pools`
(expressions), `tasks` (per-experiment programs), `corruption` and
`decomposition` (step records).
"""

from exedec_tf.generation.robustfill.generator import generate_tasks
from exedec_tf.generation.robustfill.shard import generate_shard

__all__ = ["generate_shard", "generate_tasks"]
