"""The HTTP service end to end: real servers on 127.0.0.1, real requests."""

import concurrent.futures
import json
import threading
import time

import pytest
import requests

from exedec_tf.service import ServiceSettings, build_app
from exedec_tf.service.server import BackgroundServer
from exedec_tf.synthesis import user_examples
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.records import Problem
from tests.service.helpers import (
    RF_EXAMPLES,
    body,
    gated_rf_engine,
    rf_engine,
    tiny_keras_engine,
)
from tests.synthesis import cases

TIMEOUT = 60


def _server(engine, **settings) -> BackgroundServer:
    fields = {"max_wait_s": 0.0, **settings}
    return BackgroundServer(build_app(engine, ServiceSettings(**fields))).start()


def _post(server, data, **kwargs):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return requests.post(
        server.url + "/v1/synthesize",
        data=raw,
        headers={"Content-Type": "application/json"},
        timeout=TIMEOUT,
        **kwargs,
    )


def _wait_for(condition, what):
    end = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def _depth(server):
    return requests.get(server.url + "/healthz", timeout=TIMEOUT).json()["queue_depth"]


def _examples(outputs):
    return [
        {"input": i, "output": o}
        for i, o in zip("ab cd ef gh".split(), outputs, strict=True)
    ]


def test_synthesize_answers_what_the_library_reports():
    server = _server(rf_engine())
    try:
        reply = _post(server, body(beam_size=3))
    finally:
        server.stop()
    assert reply.status_code == 200
    answer = reply.json()
    spec, synth = cases.rf_models()
    report = user_examples.synthesize_examples(
        cases.RF_PROBLEM,
        cases.RF,
        synthesizer=synth,
        spec_decomposer=spec,
        options=LoopOptions(beam_size=3),
    )
    assert answer["solved"] == report.solved is True
    assert answer["program"] == {
        "dsl": report.dsl,
        "python": report.python,
        "released": report.program,
    }
    assert [s["subgoals"] for s in answer["steps"]] == [
        list(g) for g in report.subgoals
    ]
    assert answer["timings"]["batch_size"] == 1


def _strip(answer):
    return {k: v for k, v in answer.items() if k != "timings"}


def _batched_equals_alone(engine, gated, bodies):
    """Posts `bodies` at once while the worker is held, so they queue and run
    as batches; returns (answers, answers of each body run alone)."""
    server = _server(engine, max_batch_size=8)
    try:
        with concurrent.futures.ThreadPoolExecutor(len(bodies) + 1) as pool:
            if gated is not None:
                blocker = pool.submit(_post, server, body(beam_size=3))
                assert gated.entered.wait(TIMEOUT)
            replies = [pool.submit(_post, server, b) for b in bodies]
            if gated is not None:
                _wait_for(lambda: _depth(server) == len(bodies), "a full queue")
                gated.gate.set()
                assert blocker.result().status_code == 200
            batched = [r.result() for r in replies]
        alone = [_post(server, b) for b in bodies]  # One at a time.
    finally:
        server.stop()
    assert [r.status_code for r in batched + alone] == [200] * (2 * len(bodies))
    return [r.json() for r in batched], [r.json() for r in alone]


def test_concurrent_requests_batch_and_answer_as_if_alone():
    engine, gated = gated_rf_engine()
    bodies = [
        body(beam_size=3),
        body(_examples(["x", "y", "z", "w"]), beam_size=3),
        body(beam_size=2),
        body(_examples(["AB.", "CD.", "EF.", "GH!"]), beam_size=3),
        body(beam_size=3),
    ]
    batched, alone = _batched_equals_alone(engine, gated, bodies)
    assert [_strip(a) for a in batched] == [_strip(a) for a in alone]
    assert [a["timings"]["batch_size"] for a in batched] == [4, 4, 1, 4, 4]
    assert [a["timings"]["batch_size"] for a in alone] == [1] * 5
    assert [a["solved"] for a in batched] == [True, False, True, False, True]


def test_tiny_keras_models_batched_answer_as_if_alone():
    bodies = [
        body(_examples(words), beam_size=2)
        for words in (
            ["AB.", "CD.", "EF.", "GH."],
            ["a", "c", "e", "g"],
            ["ab ab", "cd cd", "ef ef", "gh gh"],
        )
    ]
    batched, alone = _batched_equals_alone(tiny_keras_engine(), None, bodies)
    assert [_strip(a) for a in batched] == [_strip(a) for a in alone]
    assert all(a["num_steps"] >= 1 for a in batched)


BAD_BODIES = [
    (b"{", 400, "body"),
    (b"\x00\x01", 400, "body"),
    (b"[" * 50000, 400, "body"),
    (b"x" * (2 * 1024 * 1024), 413, "body"),
    (json.dumps({"domain": 3, "examples": RF_EXAMPLES}).encode(), 400, "domain"),
    (json.dumps(body(RF_EXAMPLES * 100)).encode(), 413, "examples"),
    (json.dumps(body(_examples(["AB", "CD", "EF", "Ω"]))).encode(), 422, "examples[3]"),
    (
        json.dumps(body(_examples(["A" * 300, "B", "C", "D"]))).encode(),
        413,
        "examples[0].output",
    ),
    (json.dumps(body(beam_size=10**9)).encode(), 400, "beam_size"),
    (json.dumps(body(timeout_s="soon")).encode(), 400, "timeout_s"),
]


def test_bad_input_is_refused_and_hurts_nobody():
    engine, gated = gated_rf_engine()
    server = _server(engine)
    try:
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            in_flight = pool.submit(_post, server, body(beam_size=3))
            assert gated.entered.wait(TIMEOUT)
            for raw, status, field in BAD_BODIES:
                reply = _post(server, raw)
                assert reply.status_code == status, (field, reply.text)
                assert reply.json()["field"] == field
                assert reply.json()["error"].startswith(field + ": ")
            gated.gate.set()
            assert in_flight.result().status_code == 200
            assert in_flight.result().json()["solved"]
        assert _post(server, body(beam_size=3)).json()["solved"]
        metrics = requests.get(server.url + "/metrics", timeout=TIMEOUT).text
    finally:
        server.stop()
    assert (
        'exedec_requests_total{endpoint="/v1/synthesize",status="422"} 1.0' in metrics
    )
    assert (
        'exedec_requests_total{endpoint="/v1/synthesize",status="200"} 2.0' in metrics
    )


def test_a_full_queue_answers_503_with_retry_after():
    engine, gated = gated_rf_engine()
    server = _server(engine, max_batch_size=1, max_queue=1, retry_after_s=3)
    try:
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            running = pool.submit(_post, server, body(beam_size=3))
            assert gated.entered.wait(TIMEOUT)
            queued = pool.submit(_post, server, body(beam_size=3))
            _wait_for(lambda: _depth(server) == 1, "the queued request")
            refused = _post(server, body(beam_size=3))
            gated.gate.set()
            statuses = [running.result().status_code, queued.result().status_code]
    finally:
        server.stop()
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "3"
    assert "1 requests are waiting" in refused.json()["error"]
    assert statuses == [200, 200]


def test_a_deadline_answers_504_and_the_server_carries_on():
    engine, gated = gated_rf_engine()
    server = _server(engine)
    try:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            running = pool.submit(_post, server, body(beam_size=3))
            assert gated.entered.wait(TIMEOUT)
            late = _post(server, body(beam_size=3, timeout_s=0.2))
            gated.gate.set()
            assert running.result().status_code == 200
        after = _post(server, body(beam_size=3))
    finally:
        server.stop()
    assert late.status_code == 504
    assert late.json()["field"] == "timeout_s"
    assert after.status_code == 200


def test_graceful_shutdown_finishes_in_flight_requests():
    engine, gated = gated_rf_engine()
    server = _server(engine, max_batch_size=1)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        running = pool.submit(_post, server, body(beam_size=3))
        assert gated.entered.wait(TIMEOUT)
        queued = pool.submit(_post, server, body(beam_size=2))
        _wait_for(lambda: _depth(server) == 1, "the queued request")
        stopping = threading.Thread(target=server.stop)
        stopping.start()
        time.sleep(0.2)
        assert stopping.is_alive()  # Waiting for the two requests.
        gated.gate.set()
        stopping.join(TIMEOUT)
        assert not stopping.is_alive()
        assert running.result().status_code == 200
        assert queued.result().json()["beam_size"] == 2
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url + "/healthz", timeout=5)


def test_health_metrics_openapi_and_unknown_paths():
    server = _server(rf_engine(), max_batch_size=4)
    try:
        health = requests.get(server.url + "/healthz", timeout=TIMEOUT).json()
        metrics = requests.get(server.url + "/metrics", timeout=TIMEOUT)
        openapi = requests.get(server.url + "/openapi.json", timeout=TIMEOUT).json()
        missing = requests.get(server.url + "/nowhere", timeout=TIMEOUT)
        wrong_method = requests.get(server.url + "/v1/synthesize", timeout=TIMEOUT)
        page = requests.get(server.url + "/", timeout=TIMEOUT)
        script = requests.get(server.url + "/static/playground.js", timeout=TIMEOUT)
        no_file = requests.get(server.url + "/static/secret.py", timeout=TIMEOUT)
    finally:
        server.stop()
    assert health == {
        "status": "ok",
        "domain": "robustfill",
        "method": "separate",
        "num_examples": 4,
        "default_beam_size": 10,
        "max_beam_size": 64,
        "max_batch_size": 4,
        "queue_depth": 0,
    }
    assert metrics.headers["Content-Type"].startswith("text/plain")
    for name in (
        "requests_total",
        "request_latency_seconds",
        "batch_size",
        "queue_depth",
    ):
        assert f"# TYPE exedec_{name.removesuffix('_total')}" in metrics.text
    assert "/v1/synthesize" in openapi["paths"]
    assert (missing.status_code, wrong_method.status_code) == (404, 405)
    assert "error" in missing.json()
    assert page.headers["Content-Type"].startswith("text/html")
    assert "playground.js" in page.text and "fetch(" in script.text
    assert no_file.status_code == 404


def test_an_engine_failure_is_a_500_for_that_request_only(monkeypatch):
    engine = rf_engine()
    server = _server(engine)
    real = engine.run
    calls = []

    def flaky(*args):
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return real(*args)

    monkeypatch.setattr(engine, "run", flaky)
    try:
        failed = _post(server, body(beam_size=3))
        after = _post(server, body(beam_size=3))
    finally:
        server.stop()
    assert failed.status_code == 500
    assert failed.json()["error"] == "internal error: RuntimeError"
    assert after.status_code == 200


def test_problem_objects_are_built_from_the_user_examples():
    # A guard for the tests above: "x y z w" cannot be solved by the script.
    problem = Problem(("ab", "cd", "ef", "gh"), ("x", "y", "z", "w"))
    [outcome] = rf_engine().run([problem], 3, 1)
    assert not outcome.report.solved
