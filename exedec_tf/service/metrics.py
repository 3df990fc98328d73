"""The service's Prometheus metrics, in a registry of their own.

A registry per service (not the process-wide default) lets several servers
live in one process, as they do in the tests.
"""

import prometheus_client as prom

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128)


class ServiceMetrics:
    """Requests, latency, batch sizes and queue depth.

    Attributes:
      requests: counter `exedec_requests_total{endpoint, status}`.
      latency: histogram `exedec_request_latency_seconds{endpoint}`.
      batch_size: histogram `exedec_batch_size` (requests per loop run).
      queue_depth: gauge `exedec_queue_depth` (requests waiting for a batch).
      in_flight: gauge `exedec_requests_in_flight` (synthesize requests
        being answered).
    """

    def __init__(self):
        self.registry = prom.CollectorRegistry()
        self.requests = prom.Counter(
            "exedec_requests",
            "HTTP requests answered, by endpoint and status",
            ["endpoint", "status"],
            registry=self.registry,
        )
        self.latency = prom.Histogram(
            "exedec_request_latency_seconds",
            "Time from arrival to answer",
            ["endpoint"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.batch_size = prom.Histogram(
            "exedec_batch_size",
            "Requests per run of the batched ExeDec loop",
            buckets=BATCH_BUCKETS,
            registry=self.registry,
        )
        self.queue_depth = prom.Gauge(
            "exedec_queue_depth",
            "Requests waiting for a batch",
            registry=self.registry,
        )
        self.in_flight = prom.Gauge(
            "exedec_requests_in_flight",
            "Synthesize requests being answered",
            registry=self.registry,
        )

    def observe(self, endpoint: str, status: int, seconds: float) -> None:
        """Counts one answered request."""
        self.requests.labels(endpoint, str(status)).inc()
        self.latency.labels(endpoint).observe(seconds)

    def render(self) -> tuple[bytes, str]:
        """(the text exposition, its content type)."""
        return prom.generate_latest(self.registry), prom.CONTENT_TYPE_LATEST
