"""A persistent cache of LLM samples (spec/llm.md §9), safe to share and to kill.

One JSON Lines file per model, `<cache_dir>/<model>.cache`, where `<model>`
is the last `/`-component of the model name. Each line is
`{"<key>": [samples...]}` with the original's key text
`{'prompt_hash': '<md5 hex of the prompt>', 'temperature': <float>}`, so
cache files of the original harness can be reused and vice versa. Lines for
one key accumulate in file order; a request for n samples returns the first
n and asks the model only for the missing ones.

Safety:
  * threads: one lock for the in-memory map, one lock per key so concurrent
    requests for the same prompt make one model call;
  * processes: every append holds an exclusive `flock` on the file and
    first reads what other writers appended, so several runs can share a
    file;
  * kills: each record is written with a single `write` of one complete
    line; a torn last line (power loss, full disk) is ignored on load and
    the next record starts on a fresh line.
"""

import fcntl
import hashlib
import json
import os
import pathlib
import re
import threading
from collections.abc import Callable

from exedec_tf.errors import ExeDecError

_MODEL_NAME = re.compile(r"[a-zA-Z0-9_.-]+")


class CacheError(ExeDecError, ValueError):
    """A cache file line, a model name or an LLM answer is malformed."""


def cache_model_name(model: str) -> str:
    """The file-name part of `model` (its last `/` component), validated."""
    name = model.split("/")[-1]
    if not _MODEL_NAME.fullmatch(name):
        raise CacheError(
            f"model name {model!r} must end in a component matching "
            f"[a-zA-Z0-9_.-]+ (got {name!r})"
        )
    return name


def cache_key(prompt: str, temperature: float) -> str:
    """The original's key text for a prompt and a temperature."""
    digest = hashlib.md5(prompt.encode("utf-8")).hexdigest()
    return repr({"prompt_hash": digest, "temperature": float(temperature)})


def _check_samples(samples, n: int) -> list[str]:
    if isinstance(samples, str):
        samples = [samples]
    if not isinstance(samples, list) or not all(isinstance(s, str) for s in samples):
        raise CacheError(f"the LLM must return a list of strings, got {samples!r:.200}")
    if len(samples) != n:
        raise CacheError(f"asked the LLM for {n} samples, got {len(samples)}")
    return samples


class LLMCache:
    """The sample cache of one model.

    Args:
      cache_dir: directory of the cache files (created if missing).
      model: the model name; its last `/` component names the file.
    """

    def __init__(self, cache_dir, model: str):
        self.path = pathlib.Path(cache_dir).expanduser() / (
            cache_model_name(model) + ".cache"
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.touch(exist_ok=True)
        self._samples: dict[str, list[str]] = {}
        self._offset = 0
        self._lock = threading.Lock()
        self._key_locks: dict[str, threading.Lock] = {}
        self.torn_lines = 0
        self.calls = 0
        with self._lock:
            self._read_new_lines()

    def _read_new_lines(self) -> None:
        # Caller holds self._lock. Reads complete lines appended since the last
        # read; a final line without newline is left for later (or is torn).
        with self.path.open("rb") as f:
            f.seek(self._offset)
            data = f.read()
        end = data.rfind(b"\n") + 1
        for number, raw in enumerate(data[:end].split(b"\n")[:-1], 1):
            self._add_line(raw, number)
        self._offset += end

    def _add_line(self, raw: bytes, number: int) -> None:
        if not raw.strip():
            return
        try:
            record = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            # A torn write followed by later appends: skip it.
            self.torn_lines += 1
            return
        if (
            not isinstance(record, dict)
            or len(record) != 1
            or not isinstance(next(iter(record.values())), list)
            or not all(isinstance(s, str) for s in next(iter(record.values())))
        ):
            raise CacheError(
                f"{self.path}: line {number} is not {{key: [samples]}}: {raw!r:.200}"
            )
        ((key, samples),) = record.items()
        self._samples.setdefault(key, []).extend(samples)

    def _append(self, key: str, samples: list[str]) -> None:
        line = json.dumps({key: samples}) + "\n"
        with self._lock, self.path.open("ab") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                self._read_new_lines()
                size = os.fstat(f.fileno()).st_size
                if size > self._offset:
                    # A torn last line: start ours on a fresh line.
                    line = "\n" + line
                    self.torn_lines += 1
                f.write(line.encode("utf-8"))
                f.flush()
                self._offset = size + len(line.encode("utf-8"))
                self._samples.setdefault(key, []).extend(samples)
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def stored(self, prompt: str, temperature: float) -> list[str]:
        """The samples stored for a prompt and temperature (a copy)."""
        with self._lock:
            return list(self._samples.get(cache_key(prompt, temperature), []))

    def query(
        self,
        query_fn: Callable,
        prompt: str,
        n: int,
        temperature: float,
        **kwargs,
    ) -> list[str]:
        """The first `n` samples of the prompt; only missing ones are requested.

        `query_fn(prompt, n=missing, temperature=temperature, **kwargs)` must
        return `missing` strings (a single string is accepted for n = 1).

        Raises:
          CacheError: `n` is not a positive int, or the answer is malformed.
        """
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise CacheError(f"n must be a positive int, got {n!r}")
        key = cache_key(prompt, temperature)
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if len(self._samples.get(key, [])) < n:
                    self._read_new_lines()  # Another process may have them.
                have = list(self._samples.get(key, []))
            if len(have) >= n:
                return have[:n]
            missing = n - len(have)
            new = query_fn(prompt, n=missing, temperature=float(temperature), **kwargs)
            new = _check_samples(new, missing)
            with self._lock:
                self.calls += 1
            self._append(key, new)
            return have + new

    def reset(self) -> None:
        """Deletes all stored samples (and the file's content)."""
        with self._lock:
            self.path.write_bytes(b"")
            self._samples.clear()
            self._offset = 0
