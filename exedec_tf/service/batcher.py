"""The bounded request queue and the worker thread that runs the batches.

One worker thread owns the models: it takes the oldest waiting request,
waits up to `max_wait_s` (counted from that request's arrival) for more with
the same beam size, and runs up to `max_batch_size` of them through one
batched loop run. Requests of another beam size wait for a batch of their
own, in arrival order. The queue holds at most `max_queue` requests; a
request beyond that is refused at once (`QueueFullError`), so memory stays
bounded however many clients there are.
"""

import collections
import concurrent.futures
import dataclasses
import threading
import time

from exedec_tf.service.engine import Engine
from exedec_tf.service.errors import (
    DeadlineExceededError,
    QueueFullError,
    ServiceClosedError,
)
from exedec_tf.service.metrics import ServiceMetrics
from exedec_tf.service.settings import ServiceSettings
from exedec_tf.synthesis.records import Problem


@dataclasses.dataclass(eq=False)
class Job:
    """One queued request.

    Attributes:
      problem, beam_size: what to run.
      deadline: `time.monotonic()` after which it is not worth starting.
      enqueued: when it entered the queue.
      future: resolves to the `engine.Outcome`, or to an exception.
      started: when its batch started (set by the worker).
      batch_size: how many requests ran in its batch (set by the worker).
    """

    problem: Problem
    beam_size: int
    deadline: float
    enqueued: float
    future: concurrent.futures.Future = dataclasses.field(
        default_factory=concurrent.futures.Future
    )
    started: float | None = None
    batch_size: int | None = None


def padded_size(count: int, largest: int) -> int:
    """The model-call batch size for `count` requests: the next power of two,
    at most `largest` (few distinct shapes, so few compiled searches)."""
    size = 1
    while size < count:
        size *= 2
    return max(count, min(size, largest))


class Batcher:
    """Feeds queued requests to `engine.run` in batches, on one thread.

    Args:
      engine: the models.
      settings: max_batch_size, max_wait_s and max_queue.
      metrics: where batch sizes and queue depth go (a fresh set if None).
    """

    def __init__(
        self,
        engine: Engine,
        settings: ServiceSettings,
        metrics: ServiceMetrics | None = None,
    ):
        self.engine = engine
        self.settings = settings
        self.metrics = ServiceMetrics() if metrics is None else metrics
        self._queue: collections.deque[Job] = collections.deque()
        self._cond = threading.Condition()
        self._closing = False
        self._thread = threading.Thread(
            target=self._work, name="exedec-batcher", daemon=True
        )

    def start(self) -> None:
        """Starts the worker thread."""
        self._thread.start()

    @property
    def depth(self) -> int:
        """Requests waiting for a batch."""
        with self._cond:
            return len(self._queue)

    def submit(self, problem: Problem, beam_size: int, timeout_s: float) -> Job:
        """Queues a problem; the returned job's future resolves to its Outcome.

        Raises:
          QueueFullError: `max_queue` requests are already waiting.
          ServiceClosedError: the batcher is closing.
        """
        now = time.monotonic()
        job = Job(problem, beam_size, now + timeout_s, now)
        with self._cond:
            if self._closing:
                raise ServiceClosedError("the service is shutting down")
            if len(self._queue) >= self.settings.max_queue:
                raise QueueFullError(
                    f"{len(self._queue)} requests are waiting (the limit is "
                    f"{self.settings.max_queue})"
                )
            self._queue.append(job)
            self.metrics.queue_depth.set(len(self._queue))
            self._cond.notify_all()
        return job

    def close(self, timeout: float | None = None) -> bool:
        """Takes no new requests, finishes the queued ones, stops the thread.

        Returns:
          whether the worker stopped within `timeout`.
        """
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _take_batch(self) -> list[Job] | None:
        """Blocks until a batch is ready; None once closed and drained."""
        settings = self.settings
        with self._cond:
            while not self._queue and not self._closing:
                self._cond.wait()
            if not self._queue:
                return None
            first = self._queue[0]
            same = lambda: sum(j.beam_size == first.beam_size for j in self._queue)  # noqa: E731
            until = first.enqueued + settings.max_wait_s
            while not self._closing and same() < settings.max_batch_size:
                left = until - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            batch, rest = [], collections.deque()
            for job in self._queue:
                if (
                    job.beam_size == first.beam_size
                    and len(batch) < settings.max_batch_size
                ):
                    batch.append(job)
                else:
                    rest.append(job)
            self._queue = rest
            self.metrics.queue_depth.set(len(rest))
            return batch

    def _work(self) -> None:
        while (batch := self._take_batch()) is not None:
            self._run(batch)

    def _run(self, batch: list[Job]) -> None:
        now = time.monotonic()
        live = []
        for job in batch:
            # False: the client gave up (its future was cancelled).
            if not job.future.set_running_or_notify_cancel():
                continue
            if now > job.deadline:
                job.future.set_exception(
                    DeadlineExceededError("the deadline passed while queued")
                )
                continue
            live.append(job)
        if not live:
            return
        for job in live:
            job.started, job.batch_size = now, len(live)
        self.metrics.batch_size.observe(len(live))
        try:
            outcomes = self.engine.run(
                [j.problem for j in live],
                live[0].beam_size,
                padded_size(len(live), self.settings.max_batch_size),
            )
        except Exception as error:  # noqa: BLE001 - answered 500; the worker lives on.
            for job in live:
                job.future.set_exception(error)
            return
        for job, outcome in zip(live, outcomes, strict=True):
            job.future.set_result(outcome)
