"""The sandbox's worker process: `python -m exedec_tf.llm.sandbox_worker CONFIG`.

Started by `exedec_tf.llm.sandbox.Sandbox`; not meant to be run by hand.
It imports the DSL runtimes once, then serves requests read as JSON lines on
stdin. For each request it forks a fresh child that applies the limits
(address space, CPU time, no file writes, no new processes, Landlock reads
limited to the standard library, seccomp filter),
runs the program with `execution.run_program` and writes the encoded results
to a pipe; the worker enforces the wall-clock limit, kills the child when it
is exceeded and answers one JSON line on stdout. A fresh child per request
means one program can never change what the next one sees.
"""

import importlib
import json
import os
import resource
import select
import signal
import sys
import time

from exedec_tf import domains
from exedec_tf.llm import execution, landlock, seccomp, values

# Modules imported before forking, so programs can import them even when the
# child runs as `nobody` and cannot read the interpreter's files.
PRELOADED_MODULES = (
    "bisect", "collections", "copy", "ctypes", "functools", "heapq",
    "itertools", "json", "math", "operator", "random", "re", "statistics",
    "string",
)  # fmt: skip

for _name in PRELOADED_MODULES:
    importlib.import_module(_name)

# Pre-import the runtimes so each fork starts warm.
for _domain in domains.names():
    execution.runtime(_domain)

_MAX_RESULT_BYTES = 1 << 22
_NOBODY = 65534


def _limit(kind: int, value: int) -> None:
    try:
        resource.setrlimit(kind, (value, value))
    except (ValueError, OSError):
        # Cannot lower below current usage (e.g. NPROC) on some systems: the
        # other protections still apply.
        pass


def _child(request: dict, config: dict, write_fd: int) -> None:
    # Detach from the worker's pipes so the program can neither read requests
    # nor write fake answers; print() goes nowhere.
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    cpu = int(config["cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    _limit(resource.RLIMIT_AS, int(config["memory_bytes"]))
    _limit(resource.RLIMIT_FSIZE, 0)
    _limit(resource.RLIMIT_CORE, 0)
    _limit(resource.RLIMIT_NPROC, 0)
    if config.get("landlock", True):
        # Before dropping root, which could not open the allowed paths
        # under a root-only folder (e.g. an interpreter under /root).
        landlock.restrict(config["readable"])
    if os.getuid() == 0:
        # Root ignores RLIMIT_NPROC, may read every file and other processes'
        # memory (/proc/<pid>/mem): run the program as `nobody` instead.
        os.setgroups([])
        os.setgid(_NOBODY)
        os.setuid(_NOBODY)
    if config.get("seccomp", True):
        seccomp.install()
    try:
        results = execution.run_program(
            request["domain"], request["code"], request["inputs"]
        )
        data = values.dumps(results)
    except BaseException as e:  # noqa: BLE001 - report, never propagate.
        data = json.dumps({"error": type(e).__name__})
    view = memoryview(data.encode("utf-8"))
    while view:
        view = view[os.write(write_fd, view) :]


def _serve(request: dict, config: dict) -> dict:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(read_fd)
            _child(request, config, write_fd)
        except BaseException:  # noqa: BLE001
            code = 1
        os._exit(code)
    os.close(write_fd)
    deadline = time.monotonic() + float(request["timeout"])
    chunks, size, status = [], 0, None
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            status = "timeout"
            break
        ready, _, _ = select.select([read_fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(read_fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > _MAX_RESULT_BYTES:
            status = "too_large"
            break
    os.close(read_fd)
    wait_status = None
    while status is None:
        # The child may close the pipe and keep running: wait, within the limit.
        done, wait_status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            status = "timeout"
        else:
            time.sleep(0.001)
    if status is not None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return {"status": status}
    if not os.WIFEXITED(wait_status) or os.WEXITSTATUS(wait_status) != 0:
        return {"status": "crashed", "signal": os.WTERMSIG(wait_status) or None}
    try:
        payload = json.loads(b"".join(chunks).decode("utf-8"))
    except ValueError:
        return {"status": "crashed"}
    if "error" in payload:
        return {"status": "error", "error": payload["error"]}
    return {"status": "ok", "results": payload["results"]}


def _probe(install) -> bool:
    # Whether `install()` works here (a child tries, then exits).
    pid = os.fork()
    if pid == 0:
        try:
            ok = install()
        except BaseException:  # noqa: BLE001 - a failed probe is a False.
            ok = False
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def main(argv) -> int:
    """Serves requests until stdin closes."""
    config = json.loads(argv[1])
    # Once per worker, not per program (sysconfig takes about 0.5 ms).
    config["readable"] = landlock.runtime_paths() + config.get("readable_paths", [])
    out = sys.stdout.buffer
    ready = {
        "ready": True,
        "seccomp": config.get("seccomp", True) and _probe(seccomp.install),
        "landlock": config.get("landlock", True)
        and _probe(lambda: landlock.restrict(config["readable"])),
        "nobody": os.getuid() == 0,
    }
    # Programs get Landlock only where it works (else every one would crash);
    # protections() reports its absence.
    config["landlock"] = ready["landlock"]
    out.write(json.dumps(ready).encode("utf-8") + b"\n")
    out.flush()
    for line in sys.stdin.buffer:
        try:
            answer = _serve(json.loads(line), config)
        except Exception as e:  # noqa: BLE001 - a bad request must not kill us.
            answer = {"status": "error", "error": f"{type(e).__name__}: {e}"}
        out.write(json.dumps(answer).encode("utf-8") + b"\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
