"""Sandbox overhead: program runs per second, sandboxed vs in process.

One run = one Python-rendered program on all examples of its problem (what
the LLM harness does per candidate program or ExeDec step). Uses the test
problems and few-shot programs of the released llm_data files.

Usage:
  python scripts/benchmarks/llm_sandbox.py \
    --data_dir=../shared/exedec_data/llm_data_sample --workers=1
"""

import time

from absl import app, flags

from exedec_tf import domains
from exedec_tf.llm import data, execution
from exedec_tf.llm.sandbox import Sandbox

_DATA_DIR = flags.DEFINE_string("data_dir", None, "<domain>/<SPLIT>.jsonl folder.")
_WORKERS = flags.DEFINE_integer("workers", 1, "Sandbox workers (threads).")
_SPLIT = flags.DEFINE_string("split", "NONE", "Split to read the programs from.")
flags.mark_flag_as_required("data_dir")


def _programs(domain):
    rows = data.load_rows(_DATA_DIR.value, domain, _SPLIT.value, 1)
    return [(p.python_program, p.inputs) for _, shots, t in rows for p in [*shots, t]]


def _rate(run, programs) -> float:
    start = time.perf_counter()
    for code, inputs in programs:
        run(code, inputs)
    return len(programs) / (time.perf_counter() - start)


def main(argv):
    del argv
    import concurrent.futures

    with Sandbox(num_workers=_WORKERS.value) as sandbox:
        for domain in domains.names():
            programs = _programs(domain)
            sandbox.run(domain, *programs[0])  # start a worker first
            local = _rate(execution.in_process_executor(domain), programs)
            sandboxed = _rate(sandbox.executor(domain), programs)
            with concurrent.futures.ThreadPoolExecutor(_WORKERS.value) as pool:
                start = time.perf_counter()
                run = sandbox.executor(domain)
                list(pool.map(lambda p, run=run: run(*p), programs))
                parallel = len(programs) / (time.perf_counter() - start)
            print(
                f"{domain:10s} {len(programs):5d} programs: in process "
                f"{local:9.0f}/s, sandbox {sandboxed:7.0f}/s, sandbox with "
                f"{_WORKERS.value} thread(s) {parallel:7.0f}/s"
            )


if __name__ == "__main__":
    app.run(main)
