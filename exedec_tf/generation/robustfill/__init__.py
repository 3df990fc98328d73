"""Exact-replay RobustFill task generator (the original `write_data` worker).

`generate_tasks` yields the tasks of one shard with their decomposition steps;
the modules below it follow the original's structure, one concern each:
`draws` (stdlib-exact random draws), `inputs` (input strings), `context`
(per-task caches), `substring_samplers` / `modification_samplers` / `pools`
(expressions), `tasks` (per-experiment programs), `corruption` and
`decomposition` (step records).
"""

from exedec_tf.generation.robustfill.generator import generate_tasks

__all__ = ["generate_tasks"]
