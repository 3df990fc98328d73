"""Task-generation throughput: single process per config, and Beam scaling.

Single process: for each domain, experiment and split, generate tasks of
shard 0 with seed 0 (the released data's seed) and report tasks/s, including
the decomposition records and their corruption. RobustFill generates
`--rf_tasks` tasks; DeepCoder one search of the paper size (1000 programs for
train, 10 for valid/test) unless `--dc_programs_per_search` is given.

With `--original_path` (the folder holding the original `exedec` package,
which is imported from there and never copied), each config is also run
through the original worker loop (`write_data.py`: generation plus the
Example serialization with its corruption draws, no file writing), alternating
with ours `--passes` times on the same process and core; the best times are
compared, and the records are checked to be identical string for string.

Beam: the same shard function that the TFDS builders use, run by the
DirectRunner over `--beam_shards` shards with 1 and with 2 worker processes.

Usage:
  taskset -c 0 python scripts/benchmarks/generation.py --domains=robustfill
  taskset -c 1 python scripts/benchmarks/generation.py --domains=deepcoder \
      --skip_beam --original_path=/path/to/original/checkout
  python scripts/benchmarks/generation.py --beam_only --beam_shards=4
"""

import gc
import json
import pathlib
import time

from absl import app, flags

from exedec_tf import domains
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
    "beam_tasks",
    25000,
    "RobustFill tasks per Beam shard (smaller sizes only measure the ~8 s it "
    "takes the 2-worker runner to start its processes).",
)
_BEAM_ONLY = flags.DEFINE_bool("beam_only", False, "Only run the Beam measurement.")
_SKIP_BEAM = flags.DEFINE_bool("skip_beam", False, "Skip the Beam measurement.")
_JSON = flags.DEFINE_string("json_out", None, "Optional path for the results as JSON.")
_ORIGINAL = flags.DEFINE_string(
    "original_path",
    None,
    "Folder containing the original `exedec` package: if given, the original "
    "worker loop (`write_data.py`, generation plus Example serialization) runs "
    "on the same configs, alternating with ours, and the records are checked "
    "to be identical.",
)
_PASSES = flags.DEFINE_integer(
    "passes", 1, "With --original_path: alternating passes; the best is kept."
)


def config_sizes(domain: str, split: str) -> tuple[int, int | None]:
    """(tasks, programs per search or None) timed for one config."""
    if domain == "robustfill":
        return _RF_TASKS.value, None
    per_search = _DC_PER_SEARCH.value or api.default_programs_per_search(split)
    return per_search * _DC_SEARCHES.value, per_search


def time_config(domain: str, experiment: str, split: str) -> tuple[list, float, float]:
    """Generates one config's tasks (seed 0, shard 0).

    Returns (tasks, wall seconds, CPU seconds of this process); on a shared
    machine the CPU time is the steadier of the two.
    """
    num_tasks, per_search = config_sizes(domain, split)
    # Neither side pays for collecting the other's garbage (see compare_config).
    gc.collect()
    cpu_start = time.process_time()
    start = time.perf_counter()
    tasks = list(
        api.generate_tasks(
            domain,
            experiment,
            split,
            0,
            0,
            num_tasks,
            num_programs_per_search=per_search,
        )
    )
    return tasks, time.perf_counter() - start, time.process_time() - cpu_start


def compare_config(domain: str, experiment: str, split: str, run_original) -> dict:
    """Ours and the original alternately, best of `--passes`; checks equality."""
    import original_adapters as adapters

    num_tasks, per_search = config_sizes(domain, split)
    num_examples = domains.get(domain).default_num_examples
    ours_best = orig_best = orig_gen_best = float("inf")
    ours_cpu = orig_cpu = float("inf")
    identical = True
    for i in range(_PASSES.value):
        tasks, seconds, cpu = time_config(domain, experiment, split)
        ours_best = min(ours_best, seconds)
        ours_cpu = min(ours_cpu, cpu)
        # Collected before each timed side: a side's young objects (ours pauses
        # the collector while it builds a task) are not collected on the
        # other's clock.
        gc.collect()
        cpu_start = time.process_time()
        serialized, gen_s, ser_s = run_original(
            experiment, split, 0, 0, num_tasks, per_search, num_examples
        )
        orig_cpu = min(orig_cpu, time.process_time() - cpu_start)
        orig_best = min(orig_best, gen_s + ser_s)
        orig_gen_best = min(orig_gen_best, gen_s)
        if i == 0:
            expected = adapters.records_of_original(serialized)
            identical = adapters.records_of_ours(tasks) == expected
    count = len(tasks)
    return {
        "tasks": count,
        "seconds": ours_best,
        "tasks_per_s": count / ours_best,
        "original_seconds": orig_best,
        "original_generation_seconds": orig_gen_best,
        "original_tasks_per_s": count / orig_best,
        "speedup": orig_best / ours_best,
        "speedup_vs_generation_only": orig_gen_best / ours_best,
        "cpu_seconds": ours_cpu,
        "original_cpu_seconds": orig_cpu,
        "cpu_speedup": orig_cpu / ours_cpu,
        "byte_identical": identical,
    }


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


def _line(domain: str, experiment: str, split: str, r: dict) -> str:
    line = (
        f"{domain:10s} {experiment:27s} {split:5s} {r['tasks']:6d} tasks "
        f"{r['seconds']:8.2f} s {r['tasks_per_s']:10.1f} tasks/s "
        f"(CPU {r['cpu_seconds']:.2f} s)"
    )
    if "original_seconds" in r:
        line += (
            f" | original {r['original_seconds']:8.2f} s "
            f"(generation {r['original_generation_seconds']:.2f} s) "
            f"{r['original_tasks_per_s']:8.2f} tasks/s | "
            f"x{r['speedup']:.1f} (x{r['speedup_vs_generation_only']:.1f} vs "
            f"generation only; CPU time x{r['cpu_speedup']:.1f}) "
            f"identical={r['byte_identical']}"
        )
    return line


def main(argv):
    del argv
    results = {}
    if not _BEAM_ONLY.value:
        for domain in _DOMAINS.value:
            run_original = None
            if _ORIGINAL.value:
                import original_adapters

                run_original = original_adapters.original_generator(
                    _ORIGINAL.value, domain
                )
            for experiment in _EXPERIMENTS.value:
                for split in _SPLITS.value:
                    key = f"{domain}/{experiment}/{split}"
                    if run_original is None:
                        tasks, seconds, cpu = time_config(domain, experiment, split)
                        results[key] = {
                            "tasks": len(tasks),
                            "seconds": seconds,
                            "cpu_seconds": cpu,
                            "tasks_per_s": len(tasks) / seconds,
                        }
                    else:
                        results[key] = compare_config(
                            domain, experiment, split, run_original
                        )
                    print(_line(domain, experiment, split, results[key]), flush=True)
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
