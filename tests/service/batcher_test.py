"""The batcher: batch formation, beam-size grouping, bounds, deadlines, close."""

import time

import pytest

from exedec_tf.service.batcher import Batcher, padded_size
from exedec_tf.service.errors import (
    DeadlineExceededError,
    QueueFullError,
    ServiceClosedError,
)
from exedec_tf.service.settings import ServiceSettings
from tests.service.helpers import gated_rf_engine, rf_engine
from tests.synthesis import cases


def test_padded_size():
    assert [padded_size(n, 8) for n in (1, 2, 3, 5, 8)] == [1, 2, 4, 8, 8]
    assert padded_size(5, 6) == 6


def _batcher(engine, **fields):
    settings = ServiceSettings(**{"max_wait_s": 0.0, **fields})
    batcher = Batcher(engine, settings)
    batcher.start()
    return batcher


def test_waiting_requests_share_a_batch_and_beam_sizes_split():
    engine, gated = gated_rf_engine()
    batcher = _batcher(engine, max_batch_size=3)
    try:
        first = batcher.submit(cases.RF_PROBLEM, 3, 30)
        assert gated.entered.wait(30)  # The worker is busy with `first`.
        jobs = [batcher.submit(cases.RF_PROBLEM, k, 30) for k in (3, 2, 3, 3, 3)]
        assert batcher.depth == 5
        gated.gate.set()
        outcomes = [j.future.result(30) for j in [first, *jobs]]
    finally:
        batcher.close(30)
    assert first.batch_size == 1
    # Beam 3: three at once (the limit), then the fourth alone; beam 2 alone.
    assert [j.batch_size for j in jobs] == [3, 1, 3, 3, 1]
    assert all(o.report.solved for o in outcomes)
    assert jobs[1].started > jobs[0].started  # The older beam size goes first.
    assert batcher.metrics.batch_size._sum.get() == 1 + 3 + 1 + 1


def test_the_queue_is_bounded():
    engine, gated = gated_rf_engine()
    batcher = _batcher(engine, max_batch_size=1, max_queue=2)
    try:
        batcher.submit(cases.RF_PROBLEM, 3, 30)
        assert gated.entered.wait(30)
        waiting = [batcher.submit(cases.RF_PROBLEM, 3, 30) for _ in range(2)]
        with pytest.raises(QueueFullError, match="2 requests are waiting"):
            batcher.submit(cases.RF_PROBLEM, 3, 30)
        gated.gate.set()
        assert all(j.future.result(30).report.solved for j in waiting)
    finally:
        batcher.close(30)


def test_expired_and_cancelled_jobs_are_not_run():
    engine, gated = gated_rf_engine()
    batcher = _batcher(engine, max_batch_size=4)
    try:
        batcher.submit(cases.RF_PROBLEM, 3, 30)
        assert gated.entered.wait(30)
        expired = batcher.submit(cases.RF_PROBLEM, 3, 0.01)
        cancelled = batcher.submit(cases.RF_PROBLEM, 3, 30)
        kept = batcher.submit(cases.RF_PROBLEM, 3, 30)
        assert cancelled.future.cancel()
        time.sleep(0.05)
        gated.gate.set()
        with pytest.raises(DeadlineExceededError):
            expired.future.result(30)
        assert kept.future.result(30).report.solved
        assert kept.batch_size == 1
    finally:
        batcher.close(30)


def test_close_finishes_queued_requests_then_refuses():
    engine, gated = gated_rf_engine()
    batcher = _batcher(engine, max_batch_size=1)
    running = batcher.submit(cases.RF_PROBLEM, 3, 30)
    assert gated.entered.wait(30)
    queued = batcher.submit(cases.RF_PROBLEM, 3, 30)
    gated.gate.set()
    assert batcher.close(30)
    assert running.future.result(0).report.solved
    assert queued.future.result(0).report.solved
    with pytest.raises(ServiceClosedError):
        batcher.submit(cases.RF_PROBLEM, 3, 30)


class _Broken:
    """Fails on the first call only."""

    def __init__(self, model):
        self.model, self.calls = model, 0
        for name in ("num_examples", "spec_length", "max_decode_length", "vocab_size"):
            setattr(self, name, getattr(model, name))

    def beam_search(self, *args):
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("model failure")
        return self.model.beam_search(*args)


def test_a_failing_batch_fails_its_requests_only():
    engine = rf_engine()
    engine.models["spec_decomposer"] = _Broken(engine.models["spec_decomposer"])
    batcher = _batcher(engine)
    try:
        failed = batcher.submit(cases.RF_PROBLEM, 3, 30)
        with pytest.raises(RuntimeError, match="model failure"):
            failed.future.result(30)
        later = batcher.submit(cases.RF_PROBLEM, 3, 30)
        assert later.future.result(30).report.solved
    finally:
        batcher.close(30)
