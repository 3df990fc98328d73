"""Executing model-written Python in separate, resource-limited processes.

`Sandbox.run(domain, code, inputs)` gives the same results as
`execution.run_program` for well-behaved programs, but the program runs in a
forked child of a worker process (`sandbox_worker`), never in this one:

Guaranteed (Linux):
  * separate address space: the program cannot reach this process's objects;
    the worker starts with an almost empty environment (no API keys);
  * a wall-clock limit per call (all examples of one program together) and a
    CPU-time limit (RLIMIT_CPU); an infinite loop becomes a failed call;
  * an address-space limit (RLIMIT_AS): huge allocations raise MemoryError in
    the program or kill the child; either way the call just fails;
  * no new processes or threads (RLIMIT_NPROC = 0, which root ignores:
    a root harness runs programs as `nobody`), and no data written to
    files (RLIMIT_FSIZE = 0);
  * a crash (segfault via ctypes, os._exit, a signal) is a failed call; a
    worker that stops answering is killed with its process group and
    replaced;
  * a fresh child per call, so a program cannot affect later ones;
  * on x86_64 and aarch64 a seccomp filter (`seccomp.py`) denies sockets
    (no network), fork/clone, exec, ptrace/process_vm_* (no access to other
    processes' memory), kill, raising limits again, and every file-system
    change (opening for writing, creating, removing, renaming files);
  * where the kernel has Landlock (Linux >= 5.13 with the LSM enabled), reads
    are limited to an allow-list (`landlock.py`): the interpreter's standard
    library and `readable_paths`; every other file, /proc and /etc included,
    cannot be opened, and no file can be changed anywhere. Newer Landlock
    ABIs also deny TCP bind/connect (4) and signals or abstract Unix sockets
    leaving the sandbox (6).

Not guaranteed:
  * without Landlock (`Sandbox.protections()` lacks "landlock"), files
    readable by this user (by `nobody` under root) can be read: there is no
    mount-namespace fallback;
  * on other architectures, or where seccomp is unavailable
    (`Sandbox.protections()` says which apply), exec is not blocked, nor the
    network unless Landlock's ABI >= 4 covers TCP;
  * without Yama (ptrace_scope >= 1) a same-user process may open
    /proc/<pid>/mem of this process; `protect_parent=True` marks this
    process non-dumpable, which closes that path (it also disables core
    dumps and debugger attach for this process).

Run experiments in a container or VM anyway if the model is untrusted.
"""

import json
import os
import pathlib
import queue
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time

from exedec_tf.errors import ExeDecError
from exedec_tf.llm import values

_PACKAGE_ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
# Extra time the worker may take beyond the call's limit before it is replaced.
_WORKER_GRACE_SECONDS = 10.0


class SandboxError(ExeDecError, RuntimeError):
    """The sandbox worker could not be started."""


class _Worker:
    """One worker process (single-threaded forking server) and its pipes."""

    def __init__(self, config: dict, python: str):
        self._tmp = tempfile.TemporaryDirectory(prefix="exedec_sandbox_")
        env = {
            "PYTHONPATH": str(_PACKAGE_ROOT),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONHASHSEED": "0",
            "PATH": os.defpath,
        }
        self.process = subprocess.Popen(
            [python, "-m", "exedec_tf.llm.sandbox_worker", json.dumps(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=self._tmp.name,
            env=env,
            start_new_session=True,
        )
        self._buffer = b""
        line = self._read_line(time.monotonic() + 60)
        self.ready = json.loads(line) if line else {}
        if not self.ready.get("ready"):
            self.kill()
            raise SandboxError("the sandbox worker did not start")

    def _read_line(self, deadline: float) -> bytes | None:
        fd = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return None
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def request(self, payload: dict, timeout: float) -> dict | None:
        """Sends one request; None if the worker died or did not answer in time."""
        try:
            self.process.stdin.write(json.dumps(payload).encode("utf-8") + b"\n")
            self.process.stdin.flush()
        except OSError:
            return None
        line = self._read_line(time.monotonic() + timeout + _WORKER_GRACE_SECONDS)
        return None if line is None else json.loads(line)

    def kill(self) -> None:
        """Kills the worker's process group (the worker and any child)."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        self._tmp.cleanup()

    def close(self) -> None:
        """Stops the worker by closing its stdin, killing it if it lingers."""
        try:
            self.process.stdin.close()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


class Sandbox:
    """A pool of sandbox workers; thread-safe.

    Args:
      time_limit: wall-clock seconds per call (one program on all examples).
      memory_limit: address-space limit of the program process, in bytes.
      num_workers: the most calls that run at the same time.
      use_seccomp: install the seccomp filter in program processes.
      protect_parent: mark this process non-dumpable (see the module doc).
      use_landlock: limit program processes' reads with Landlock, where the
        kernel has it.
      readable_paths: files or folders programs may read besides the
        standard library (with Landlock).
      python: the interpreter for the workers (default: this one).

    Use as a context manager or call `close()`; workers start lazily.
    """

    def __init__(
        self,
        time_limit: float = 5.0,
        memory_limit: int = 1 << 30,
        num_workers: int = 1,
        use_seccomp: bool = True,
        protect_parent: bool = False,
        use_landlock: bool = True,
        readable_paths=(),
        python: str | None = None,
    ):
        if time_limit <= 0:
            raise ValueError(f"time_limit must be positive, got {time_limit!r}")
        if memory_limit < 64 << 20:
            raise ValueError(
                f"memory_limit must be at least 64 MiB, got {memory_limit!r}"
            )
        if num_workers < 1:
            raise ValueError(f"num_workers must be at least 1, got {num_workers!r}")
        self.time_limit = float(time_limit)
        self._config = {
            "cpu_seconds": int(time_limit) + 1,
            "memory_bytes": int(memory_limit),
            "seccomp": bool(use_seccomp),
            "landlock": bool(use_landlock),
            "readable_paths": [str(path) for path in readable_paths],
        }
        self._python = python or sys.executable
        self._idle: queue.LifoQueue = queue.LifoQueue()
        self._slots = threading.Semaphore(num_workers)
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        self._closed = False
        self.stats: dict[str, int] = {}
        if protect_parent:
            _set_non_dumpable()

    def protections(self) -> list[str]:
        """Which protections apply on this machine (for logs and results).

        Starts a worker if none runs yet, since the worker finds out whether
        the seccomp filter can be installed.
        """
        with self._slots:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                worker = self._start_worker()
            ready = worker.ready
            self._idle.put(worker)
        found = ["process", "wall_clock", "rlimit_cpu", "rlimit_as", "rlimit_fsize"]
        found.append("runs_as_nobody" if ready.get("nobody") else "rlimit_nproc")
        if ready.get("seccomp"):
            found.append("seccomp")
        if ready.get("landlock"):
            found.append("landlock")
        return found

    def _start_worker(self) -> "_Worker":
        worker = _Worker(self._config, self._python)
        with self._lock:
            self._all.append(worker)
        return worker

    def run(self, domain: str, code: str, inputs) -> list | None:
        """Like `execution.run_program`, in a sandboxed process.

        Returns None if the code cannot be defined; otherwise one result per
        example. A call that times out, runs out of memory or crashes gives
        None for every example.
        """
        # Validate in the harness so bad inputs raise here, not in the worker.
        from exedec_tf.llm.execution import num_examples

        count = num_examples(domain, inputs)
        if not isinstance(code, str):
            raise TypeError(f"code must be a str, got {type(code).__name__}")
        answer = self._request(
            {
                "domain": domain,
                "code": code,
                "inputs": inputs,
                "timeout": self.time_limit,
            }
        )
        status = answer.get("status", "crashed") if answer else "worker_lost"
        with self._lock:
            self.stats[status] = self.stats.get(status, 0) + 1
        if status == "ok":
            results = answer["results"]
            return None if results is None else [values.decode(r) for r in results]
        return [None] * count

    def executor(self, domain: str):
        """An `execution.Executor` for `domain` backed by this sandbox."""
        return lambda code, inputs: self.run(domain, code, inputs)

    def _request(self, payload: dict) -> dict | None:
        with self._slots:
            if self._closed:
                raise SandboxError("the sandbox is closed")
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                worker = self._start_worker()
            answer = worker.request(payload, self.time_limit)
            if answer is None:
                # Unresponsive or dead: replace it.
                worker.kill()
                with self._lock:
                    self._all.remove(worker)
            else:
                self._idle.put(worker)
            return answer

    def close(self) -> None:
        """Stops every worker."""
        self._closed = True
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _set_non_dumpable() -> None:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_dumpable = 4
    if libc.prctl(pr_set_dumpable, 0, 0, 0, 0) != 0:
        raise SandboxError("prctl(PR_SET_DUMPABLE, 0) failed")
