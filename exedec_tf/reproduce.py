"""Reproduce the released data: interpreters, Python renderings and generators.

It loads every released test set, runs each ground-truth program through the
domain interpreter and its Python rendering, reports how many problems
reproduce their outputs, shows a few problems with their program and its
Python rendering, and regenerates some released test rows from seed 0 with
the exact-replay generators.
"""

import pathlib
import sys
import time

from tqdm import tqdm

from exedec_tf import domains
from exedec_tf.data import released, sources
from exedec_tf.experiments import ALL_EXPERIMENTS
from exedec_tf.generation import api as generation


def resolve_data_dir(data_dir=None, cache_dir=None) -> pathlib.Path:
    """Returns a directory holding `test_data/`, downloading it if none is given."""
    if data_dir:
        path = pathlib.Path(data_dir)
        if not (path / "test_data").is_dir():
            raise FileNotFoundError(
                f"no test_data/ folder in the data directory {path}"
            )
        return path
    sources.fetch_family("test_data", cache_dir)
    return pathlib.Path(cache_dir) if cache_dir else sources.default_cache_dir()


def reproduce_test_set(domain, problems) -> list[int]:
    """Returns the indices of problems that do NOT reproduce their outputs.

    A problem reproduces when its program, run by the DSL interpreter and run
    as its Python rendering, gives every released output.
    """
    failed = []
    for problem in problems:
        expected = list(problem.outputs)
        dsl_outputs = domain.run_program(problem.program, problem.inputs)
        python = domain.program_to_python(problem.program)
        py_outputs = domain.run_python_program(python, problem.inputs)
        if dsl_outputs != expected or py_outputs != expected:
            failed.append(problem.index)
    return failed


def _show_problem(domain, problem, out) -> None:
    print(f"  problem {problem.index}:", file=out)
    for inp, outp in list(zip(problem.inputs, problem.outputs, strict=False))[:2]:
        print(f"    {inp!r} -> {outp!r}", file=out)
    print(f"    program: {domain.describe_program(problem.program)}", file=out)
    python = domain.program_to_python(problem.program)
    print("    as Python:", file=out)
    for line in python.splitlines():
        print(f"      {line}", file=out)


# (domain, experiment, rows): released test rows regenerated from seed 0 by the
# check; cheap ones only (DeepCoder test searches can take minutes).
REPLAY_CHECKS = (
    ("robustfill", "NONE", 100),
    ("robustfill", "COMPOSE_NEW_OP", 100),
    ("deepcoder", "SWITCH_CONCEPT_ORDER", 10),
)


def replay_released(family, domain: str, experiment: str, rows: int) -> int:
    """Regenerates the first `rows` released test rows; returns how many match."""
    problems = released.read_test_data(family, domain, experiment)[:rows]
    tasks = generation.generate_tasks(domain, experiment, "test", 0, 0, rows)
    return sum(
        (t.inputs, t.outputs, t.program) == (p.inputs, p.outputs, p.program)
        for t, p in zip(tasks, problems, strict=False)
    )


def run_reproduce(data_dir=None, cache_dir=None, show=2, out=None) -> int:
    """Runs every check; returns the number of released problems that failed."""
    out = out or sys.stdout
    root = resolve_data_dir(data_dir, cache_dir)
    family = root / "test_data"
    total = reproduced = 0
    start = time.perf_counter()
    for name in released.DOMAINS:
        domain = domains.get(name)
        print(f"\n== {name} ==", file=out)
        progress = tqdm(
            ALL_EXPERIMENTS, desc=name, unit="split", leave=False, disable=None
        )
        for exp in progress:
            problems = released.read_test_data(family, name, exp)
            failed = reproduce_test_set(domain, problems)
            total += len(problems)
            reproduced += len(problems) - len(failed)
            status = "ok" if not failed else f"FAILED at {failed[:5]}"
            line = (
                f"  {exp.name:28s} {len(problems) - len(failed):5d} / {len(problems)}"
            )
            print(f"{line}  {status}", file=out)
        problems = released.read_test_data(family, name, "NONE")
        for problem in problems[:show]:
            _show_problem(domain, problem, out)
    elapsed = time.perf_counter() - start
    print(
        f"\n{reproduced:,} of {total:,} released test problems reproduced by the "
        f"interpreters and the Python renderings ({elapsed:.1f} s)",
        file=out,
    )
    print("\n== regenerating released test rows from seed 0 ==", file=out)
    mismatched = 0
    for domain, experiment, rows in REPLAY_CHECKS:
        start = time.perf_counter()
        same = replay_released(family, domain, experiment, rows)
        mismatched += rows - same
        print(
            f"  {domain:10s} {experiment:22s} {same:4d} / {rows} rows identical "
            f"({time.perf_counter() - start:.1f} s)",
            file=out,
        )
    return total - reproduced + mismatched
