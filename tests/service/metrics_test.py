"""The Prometheus metrics render in the text format, per service."""

from exedec_tf.service.metrics import ServiceMetrics


def test_render_and_isolation():
    metrics, other = ServiceMetrics(), ServiceMetrics()
    metrics.observe("/v1/synthesize", 200, 0.02)
    metrics.observe("/v1/synthesize", 503, 0.001)
    metrics.batch_size.observe(4)
    metrics.queue_depth.set(3)
    text, content_type = metrics.render()
    text = text.decode()
    assert content_type.startswith("text/plain")
    assert 'exedec_requests_total{endpoint="/v1/synthesize",status="503"} 1.0' in text
    assert (
        'exedec_request_latency_seconds_bucket{endpoint="/v1/synthesize",'
        'le="0.025"} 2.0' in text
    )
    assert "exedec_batch_size_sum 4.0" in text
    assert "exedec_queue_depth 3.0" in text
    assert 'status="503"' not in other.render()[0].decode()
