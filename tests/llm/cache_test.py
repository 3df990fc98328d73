"""The sample cache: the original's scenario, partial hits, concurrency, torn lines."""

import json
import multiprocessing
import subprocess
import sys
import threading

import pytest

from exedec_tf.llm.cache import CacheError, LLMCache, cache_key


class CountingLLM:
    """Returns '#1', '#2', ... in call order; records the n of each call."""

    def __init__(self):
        self.count = 0
        self.ns = []
        self.lock = threading.Lock()

    def __call__(self, prompt, n, temperature, **kwargs):
        with self.lock:
            self.ns.append(n)
            out = [f"#{self.count + i + 1}" for i in range(n)]
            self.count += n
        return out


# The original's test sequence: (prompt, temperature, n, expected samples).
SCENARIO = [
    ("A", 0.8, 2, ["#1", "#2"]),
    ("A", 0.2, 1, ["#3"]),
    ("B", 0.8, 1, ["#4"]),
    ("A", 0.8, 1, ["#1"]),
    ("A", 0.8, 2, ["#1", "#2"]),
    ("A", 0.8, 3, ["#1", "#2", "#5"]),
    ("A", 0.8, 3, ["#1", "#2", "#5"]),
    ("C", 0.7, 1, ["#6"]),
    ("A", 0.2, 3, ["#3", "#7", "#8"]),
    ("B", 0.8, 1, ["#4"]),
]


@pytest.mark.parametrize("reload_at", [None, *range(1, len(SCENARIO))])
def test_original_scenario_with_reloads(tmp_path, reload_at):
    llm = CountingLLM()
    cache = LLMCache(tmp_path, "org/gpt-4")
    for i, (prompt, temperature, n, expected) in enumerate(SCENARIO):
        if i == reload_at:
            cache = LLMCache(tmp_path, "org/gpt-4")
        assert cache.query(llm, prompt, n, temperature) == expected
    assert llm.ns == [2, 1, 1, 1, 1, 2]


def test_file_format_matches_original(tmp_path):
    cache = LLMCache(tmp_path, "gpt-3.5-turbo-16k")
    cache.query(lambda p, n, temperature: ["x"] * n, "hello", 2, 0.0)
    line = (tmp_path / "gpt-3.5-turbo-16k.cache").read_text()
    assert json.loads(line) == {
        "{'prompt_hash': '5d41402abc4b2a76b9719d911017c592', 'temperature': 0.0}": [
            "x",
            "x",
        ]
    }
    assert cache_key("hello", 0) == cache_key("hello", 0.0)


@pytest.mark.parametrize("model", ["", "gpt 4", "bad!", "org/"])
def test_invalid_model_names(tmp_path, model):
    with pytest.raises(CacheError, match="model name"):
        LLMCache(tmp_path, model)


@pytest.mark.parametrize(
    "answer", [["a", "b"], [1], None, ["a", 2]], ids=["count", "int", "none", "mixed"]
)
def test_malformed_answers_raise_and_store_nothing(tmp_path, answer):
    cache = LLMCache(tmp_path, "m")
    with pytest.raises(CacheError):
        cache.query(lambda p, n, temperature: answer, "p", 1, 0.0)
    assert cache.stored("p", 0.0) == []


def test_single_string_is_accepted_for_one_sample(tmp_path):
    cache = LLMCache(tmp_path, "m")
    assert cache.query(lambda p, n, temperature: "only", "p", 1, 0.0) == ["only"]


def test_bad_n(tmp_path):
    with pytest.raises(CacheError, match="positive int"):
        LLMCache(tmp_path, "m").query(CountingLLM(), "p", 0, 0.0)


def test_malformed_line_raises_on_load(tmp_path):
    (tmp_path / "m.cache").write_text('{"a": [1]}\n')
    with pytest.raises(CacheError, match="line 1"):
        LLMCache(tmp_path, "m")


def test_torn_last_line_is_ignored_and_isolated(tmp_path):
    good = json.dumps({cache_key("p", 0.0): ["s1"]})
    (tmp_path / "m.cache").write_text(good + "\n" + good[:17])
    cache = LLMCache(tmp_path, "m")
    assert cache.query(CountingLLM(), "p", 2, 0.0) == ["s1", "#1"]
    reloaded = LLMCache(tmp_path, "m")
    assert reloaded.stored("p", 0.0) == ["s1", "#1"]
    assert reloaded.torn_lines == 1


def test_threads_asking_for_one_prompt_make_one_call(tmp_path):
    llm = CountingLLM()
    cache = LLMCache(tmp_path, "m")
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.query(llm, "p", 2, 0.5)))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert llm.ns == [2] and all(r == ["#1", "#2"] for r in results)


def _writer(path, worker, count):
    cache = LLMCache(path, "m")
    for i in range(count):
        cache.query(
            lambda p, n, temperature, i=i: [f"{worker}-{i}"] * n,
            f"{worker}/{i}",
            1,
            0.0,
        )


def test_concurrent_processes_append_whole_lines(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(tmp_path, w, 50)) for w in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    cache = LLMCache(tmp_path, "m")
    assert cache.torn_lines == 0
    for w in range(3):
        for i in range(50):
            assert cache.stored(f"{w}/{i}", 0.0) == [f"{w}-{i}"]


def test_killed_writer_leaves_a_loadable_cache(tmp_path):
    # A process killed at a random point while appending many records.
    script = (
        "import sys\n"
        "from exedec_tf.llm.cache import LLMCache\n"
        f"cache = LLMCache({str(tmp_path)!r}, 'm')\n"
        "print('started', flush=True)\n"
        "i = 0\n"
        "while True:\n"
        "    cache.query(lambda p, n, temperature: ['x' * 1000] * n, str(i), 1, 0.0)\n"
        "    i += 1\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"started"
    while (tmp_path / "m.cache").stat().st_size < 200_000:
        assert proc.poll() is None, "the writer died early"
    proc.kill()
    proc.wait()
    cache = LLMCache(tmp_path, "m")
    assert cache.stored("0", 0.0) == ["x" * 1000]
