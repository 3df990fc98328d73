import multiprocessing
import time

from exedec_tf.presets import cache


def test_cache_root_order(tmp_path, monkeypatch):
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    assert cache.cache_root().parts[-3:] == (".cache", "exedec_tf", "models")
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "env"))
    assert cache.cache_root() == tmp_path / "env"
    assert cache.cache_root(tmp_path / "x") == tmp_path / "x"


def test_json_atomic_round_trip(tmp_path):
    cache.write_json_atomic(tmp_path / "a" / "b.json", {"k": [1, 2]})
    assert cache.read_json(tmp_path / "a" / "b.json") == {"k": [1, 2]}
    assert list((tmp_path / "a").iterdir()) == [tmp_path / "a" / "b.json"]
    assert cache.read_json(tmp_path / "missing.json") is None


def _hold(path, log, seconds):
    with cache.file_lock(path):
        with open(log, "a") as f:
            f.write("in\n")
        time.sleep(seconds)
        with open(log, "a") as f:
            f.write("out\n")


def test_lock_excludes_another_process(tmp_path):
    lock, log = tmp_path / "x.lock", tmp_path / "log"
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=_hold, args=(lock, log, 0.3)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert log.read_text() == "in\nout\nin\nout\n"
