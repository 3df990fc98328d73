"""Task-generation throughput: single process per config, and Beam scaling.

Single process: for each domain, experiment and split, generate tasks of
shard 0 with seed 0 (the released data's seed) and report tasks/s, including
the decomposition records and their corruption. RobustFill generates
`--rf_tasks` tasks; DeepCoder one search of the paper size (1000 programs for
train, 10 for valid/test) unless `--dc_programs_per_search` is given.

Beam: the same shard function that the TFDS builders use, run by the
DirectRunner over `--beam_shards` shards with 1 and with 2 worker processes.

Usage:
  taskset -c 0 python scripts/benchmarks/generation.py --domains=robustfill
  python scripts/benchmarks/generation.py --beam_only --beam_shards=4
"""

import json
import pathlib
import time

from absl import app, flags

from exedec_tf.experiments import ALL_EXPERIMENTS
from exedec_tf.generation import api

_DOMAINS = flags.DEFINE_list("domains", ["robustfill", "deepcoder"], "Domains to time.")
_EXPERIMENTS = flags.DEFINE_list(
    "experiments", [e.name for e in ALL_EXPERIMENTS], "Experiments to time."
)
_SPLITS = flags.DEFINE_list("splits", ["train", "test"], "Splits to time.")
_RF_TASKS = flags.DEFINE_integer("rf_tasks", 3000, "RobustFill tasks per config.")
_DC_PER_SEARCH = flags.DEFINE_integer(
    "dc_programs_per_search", None, "DeepCoder programs per search (default: paper)."
)
_DC_SEARCHES = flags.DEFINE_integer("dc_searches", 1, "DeepCoder searches per config.")
_BEAM_SHARDS = flags.DEFINE_integer("beam_shards", 4, "Shards in the Beam measurement.")
_BEAM_TASKS = flags.DEFINE_integer(
    "beam_tasks", 2000, "RobustFill tasks per Beam shard."
)
_BEAM_ONLY = flags.DEFINE_bool("beam_only", False, "Only run the Beam measurement.")
_SKIP_BEAM = flags.DEFINE_bool("skip_beam", False, "Skip the Beam measurement.")
_JSON = flags.DEFINE_string("json_out", None, "Optional path for the results as JSON.")


def time_config(domain: str, experiment: str, split: str) -> tuple[int, float]:
    """Generates one config's tasks; returns (tasks, seconds)."""
    if domain == "robustfill":
        num_tasks, per_search = _RF_TASKS.value, None
    else:
        per_search = _DC_PER_SEARCH.value or api.default_programs_per_search(split)
        num_tasks = per_search * _DC_SEARCHES.value
    start = time.perf_counter()
    count = sum(
        1
        for _ in api.generate_tasks(
            domain,
            experiment,
            split,
            0,
            0,
            num_tasks,
            num_programs_per_search=per_search,
        )
    )
    return count, time.perf_counter() - start


def _count_shard(shard: int, experiment: str, tasks: int) -> int:
    return sum(
        1
        for _ in api.generate_tasks("robustfill", experiment, "train", 0, shard, tasks)
    )


def time_beam(workers: int, shards: int, tasks: int, experiment: str = "NONE") -> float:
    """Seconds for the DirectRunner to generate `shards` RobustFill shards."""
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions
    from apache_beam.runners.portability import fn_api_runner

    options = PipelineOptions(
        direct_num_workers=workers,
        direct_running_mode="multi_processing" if workers > 1 else "in_memory",
    )
    start = time.perf_counter()
    runner = fn_api_runner.FnApiRunner()
    with beam.Pipeline(runner=runner, options=options) as pipeline:
        _ = (
            pipeline
            | beam.Create(list(range(shards)))
            | beam.Map(_count_shard, experiment=experiment, tasks=tasks)
            | beam.CombineGlobally(sum)
        )
    return time.perf_counter() - start


def main(argv):
    del argv
    results = {}
    if not _BEAM_ONLY.value:
        for domain in _DOMAINS.value:
            for experiment in _EXPERIMENTS.value:
                for split in _SPLITS.value:
                    count, seconds = time_config(domain, experiment, split)
                    rate = count / seconds
                    results[f"{domain}/{experiment}/{split}"] = {
                        "tasks": count,
                        "seconds": seconds,
                        "tasks_per_s": rate,
                    }
                    print(
                        f"{domain:10s} {experiment:27s} {split:5s} {count:6d} tasks "
                        f"{seconds:8.2f} s {rate:10.1f} tasks/s",
                        flush=True,
                    )
    if not _SKIP_BEAM.value:
        total = _BEAM_SHARDS.value * _BEAM_TASKS.value
        for workers in (1, 2):
            seconds = time_beam(workers, _BEAM_SHARDS.value, _BEAM_TASKS.value)
            results[f"beam/{workers}_workers"] = {"tasks": total, "seconds": seconds}
            print(
                f"beam DirectRunner {workers} worker(s): {total} RobustFill tasks in "
                f"{seconds:.2f} s = {total / seconds:.1f} tasks/s",
                flush=True,
            )
    if _JSON.value:
        pathlib.Path(_JSON.value).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    app.run(main)
