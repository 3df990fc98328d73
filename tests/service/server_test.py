"""Servers: a background one on a free port; the foreground one stops on
SIGTERM after its in-flight requests."""

import signal
import subprocess
import sys
import textwrap
import time

import requests

from exedec_tf.service import build_app
from exedec_tf.service.server import BackgroundServer
from tests.service.helpers import rf_engine

# Serves the scripted engine, holding each model call for 0.5 s.
_CHILD = textwrap.dedent(
    """
    import sys, time
    from exedec_tf.service import build_app
    from exedec_tf.service.server import serve_forever
    from tests.service.helpers import rf_engine

    engine = rf_engine()
    model = engine.models["spec_decomposer"]
    search = model.beam_search
    def slow(*args):
        time.sleep(0.5)
        return search(*args)
    model.beam_search = slow
    serve_forever(build_app(engine), "127.0.0.1", 0, 30,
                  on_ready=lambda port: print(port, flush=True))
    print("stopped", flush=True)
    """
)


def test_background_server_binds_a_free_port_and_stops():
    with BackgroundServer(build_app(rf_engine())) as server:
        assert server.port > 0 and server.url.startswith("http://127.0.0.1:")
        assert requests.get(server.url + "/healthz", timeout=30).ok


def test_sigterm_finishes_the_in_flight_request():
    import concurrent.futures

    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(child.stdout.readline())
        url = f"http://127.0.0.1:{port}/v1/synthesize"
        examples = [
            {"input": i, "output": i.upper() + "."} for i in ("ab", "cd", "ef", "gh")
        ]
        data = {"domain": "robustfill", "examples": examples, "beam_size": 3}
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            reply = pool.submit(requests.post, url, json=data, timeout=60)
            # Wait until the request is in the server (it now takes >= 1 s).
            health = f"http://127.0.0.1:{port}/metrics"
            for _ in range(3000):
                if (
                    "exedec_requests_in_flight 1.0"
                    in requests.get(health, timeout=30).text
                ):
                    break
                time.sleep(0.01)
            child.send_signal(signal.SIGTERM)
            assert reply.result().status_code == 200
            assert reply.result().json()["solved"]
        assert child.wait(60) == 0
        assert child.stdout.read().strip() == "stopped"
    finally:
        if child.poll() is None:
            child.kill()
