"""Interpreter throughput over all released test programs, single process.

Measures program executions per second (one execution = one program on one
example) per domain, best of N passes, for:

* run-only: programs and inputs parsed beforehand, as the original's
  `bench_interp.py` measured (DeepCoder ~59,000/s, RobustFill ~76,500/s on the
  project's 2-vCPU machine kind, one core);
* parse+run: the program string is parsed/decoded inside the timed loop
  (DeepCoder also parses nothing else; original ~46,500/s; RobustFill decodes
  the id string; original ~40,500/s);
* full path (DeepCoder): program and input-state strings parsed, run, output
  formatted, i.e. the original evaluation path (original ~25,600/s).

Usage:
  python scripts/benchmarks/interpreter.py --data_dir=../shared/exedec_data
  (pin to one core for numbers comparable with the original's:
   taskset -c 0 python scripts/benchmarks/interpreter.py ...)
"""

import json
import pathlib
import time

from absl import app, flags

from exedec_tf.data import released, sources
from exedec_tf.dsl import deepcoder as dc
from exedec_tf.dsl import robustfill as rf
from exedec_tf.experiments import ALL_EXPERIMENTS

_DATA_DIR = flags.DEFINE_string(
    "data_dir", None, "Folder holding test_data/ (default: download into the cache)."
)
_PASSES = flags.DEFINE_integer("passes", 5, "Timed passes; the best one is reported.")
_JSON = flags.DEFINE_string("json_out", None, "Optional path for the results as JSON.")
_ORIGINAL = flags.DEFINE_string(
    "original_path",
    None,
    "Folder containing the original `exedec` package: if given, the original "
    "interpreter is measured in the same run and ratios are taken against it "
    "instead of the reference figures.",
)

# Figures of the original implementation measured on the same machine kind
# (shared/spec/datasets_released.md section 7.1), executions per second.
ORIGINAL = {
    ("deepcoder", "run-only"): 58984,
    ("deepcoder", "parse+run"): 46480,
    ("deepcoder", "full path"): 25582,
    ("robustfill", "run-only"): 76524,
    ("robustfill", "parse+run"): 40552,
}


def _best_rate(fn, executions: int, passes: int) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return executions / best


def _rates(functions: dict, executions: int, passes: int) -> dict:
    return {name: _best_rate(fn, executions, passes) for name, fn in functions.items()}


def _load(data_dir: pathlib.Path, domain: str):
    problems = []
    for exp in ALL_EXPERIMENTS:
        problems.extend(released.read_test_data(data_dir / "test_data", domain, exp))
    return problems


def deepcoder_functions(problems) -> dict:
    """The DeepCoder measurements: name -> function running one pass."""
    programs = [dc.Program.from_str(p.program) for p in problems]
    values = [[dc.ProgramState.from_str(s).values for s in p.inputs] for p in problems]

    def run_only():
        for program, inputs in zip(programs, values, strict=True):
            for args in inputs:
                program.run_output(args)

    def parse_and_run():
        for problem, inputs in zip(problems, values, strict=True):
            program = dc.Program.from_str(problem.program)
            for args in inputs:
                out = program.run_output(args)
                if out is not None:
                    dc.format_value(out)

    def full_path():
        for problem in problems:
            dc.run_program_on_strings(
                dc.Program.from_str(problem.program), problem.inputs
            )

    return {"run-only": run_only, "parse+run": parse_and_run, "full path": full_path}


def robustfill_functions(problems) -> dict:
    """The RobustFill measurements: name -> function running one pass."""
    programs = [rf.parse_program_string(p.program) for p in problems]

    def run_only():
        for program, problem in zip(programs, problems, strict=True):
            for x in problem.inputs:
                program.run(x)

    def parse_and_run():
        for problem in problems:
            program = rf.parse_program_string(problem.program)
            for x in problem.inputs:
                program.run(x)

    return {"run-only": run_only, "parse+run": parse_and_run}


def main(argv):
    del argv
    if _DATA_DIR.value:
        data_dir = pathlib.Path(_DATA_DIR.value)
    else:
        sources.fetch_family("test_data")
        data_dir = sources.default_cache_dir()
    original = None
    if _ORIGINAL.value:
        import original_adapters

        original = original_adapters.import_original(_ORIGINAL.value)
    results = {}
    # Each DSL's own code paths; `original` holds the original's two DSL
    # packages in the same order.
    for position, (domain, ours) in enumerate(
        (("deepcoder", deepcoder_functions), ("robustfill", robustfill_functions))
    ):
        problems = _load(data_dir, domain)
        executions = sum(len(p.inputs) for p in problems)
        rates = _rates(ours(problems), executions, _PASSES.value)
        if original is not None:
            theirs = getattr(original_adapters, f"{domain}_functions")
            baseline = _rates(
                theirs(original[position], problems), executions, _PASSES.value
            )
            source = "original, this run"
        else:
            baseline = {name: ORIGINAL[(domain, name)] for name in rates}
            source = "original, reference figures"
        for name, rate in rates.items():
            base = baseline[name]
            results[f"{domain}/{name}"] = {
                "executions_per_s": rate,
                "original_executions_per_s": base,
                "speedup": rate / base,
            }
            print(
                f"{domain:10s} {name:10s} {rate:12,.0f} executions/s   "
                f"{source} {base:10,.0f}/s   x{rate / base:.2f}"
            )
    if _JSON.value:
        pathlib.Path(_JSON.value).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    app.run(main)
