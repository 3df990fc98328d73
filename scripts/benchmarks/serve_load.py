"""Load test of `exedec-tf serve`: throughput and latency against batch size.

For each max batch size, starts a server on 127.0.0.1 (a free port, in a
child process so clients and server do not share an interpreter), sends a
fixed number of `POST /v1/synthesize` requests from N concurrent clients,
and reports throughput and p50/p99 latency. Every request must be answered
200: the run fails on any error or lost request.

No trained preset is available offline, so the models are tiny random-weight
Keras models (`--models=tiny_keras`, the ExeDec SpecDecomposer and
Synthesizer at 1 layer, 16 dims, built by tests/service/helpers.py; invalid
detection off so each request runs the full 20 loop steps, 40 model calls)
or the scripted models of the tests (`--models=scripted`: the loop and HTTP
overhead alone).

Usage (from the repository root; the models come from tests/service):
  PYTHONPATH=. python scripts/benchmarks/serve_load.py --clients=8 \\
      --requests=64 --batch_sizes=1,2,4,8
"""

import asyncio
import json
import multiprocessing
import statistics
import time

from absl import app, flags

_MODELS = flags.DEFINE_enum("models", "tiny_keras", ["tiny_keras", "scripted"], "")
_CLIENTS = flags.DEFINE_integer("clients", 8, "concurrent clients")
_REQUESTS = flags.DEFINE_integer("requests", 64, "requests per batch size")
_BATCH_SIZES = flags.DEFINE_list("batch_sizes", ["1", "2", "4", "8"], "")
_BEAM_SIZE = flags.DEFINE_integer("beam_size", 2, "beam_size of every request")
_MAX_WAIT_S = flags.DEFINE_float("max_wait_s", 0.005, "batching wait")

# The clients cycle through these RobustFill problems (inputs ab cd ef gh).
OUTPUTS = (
    ("AB.", "CD.", "EF.", "GH."),
    ("a", "c", "e", "g"),
    ("ab ab", "cd cd", "ef ef", "gh gh"),
    ("B", "D", "F", "H"),
)


def _serve(models: str, max_batch_size: int, max_wait_s: float, conn) -> None:
    """Child process: build the engine, serve, send the port back."""
    from exedec_tf.service import ServiceSettings, build_app
    from exedec_tf.service.server import serve_forever
    from exedec_tf.synthesis.options import LoopOptions
    from tests.service import helpers

    if models == "tiny_keras":
        options = LoopOptions(detect_invalid=False, discard_repeat_functionality=False)
        engine = helpers.tiny_keras_engine(options=options)
    else:
        engine = helpers.rf_engine()
    settings = ServiceSettings(
        max_batch_size=max_batch_size, max_wait_s=max_wait_s, max_queue=1024
    )
    serve_forever(build_app(engine, settings), "127.0.0.1", 0, on_ready=conn.send)


def _body(n: int) -> bytes:
    outputs = OUTPUTS[n % len(OUTPUTS)]
    examples = [
        {"input": i, "output": o}
        for i, o in zip(("ab", "cd", "ef", "gh"), outputs, strict=True)
    ]
    return json.dumps(
        {"domain": "robustfill", "examples": examples, "beam_size": _BEAM_SIZE.value}
    ).encode()


async def _load(url: str, clients: int, total: int):
    import aiohttp

    latencies, statuses, batch_sizes = [], [], []
    next_request = iter(range(total))
    timeout = aiohttp.ClientTimeout(total=600)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        # Warm up: the first call traces the searches.
        async with session.post(url, data=_body(0)) as reply:
            await reply.read()

        async def client():
            for n in next_request:
                start = time.perf_counter()
                async with session.post(
                    url, data=_body(n), headers={"Content-Type": "application/json"}
                ) as reply:
                    answer = await reply.json()
                latencies.append(time.perf_counter() - start)
                statuses.append(reply.status)
                if reply.status == 200:
                    batch_sizes.append(answer["timings"]["batch_size"])

        start = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - start
    return elapsed, latencies, statuses, batch_sizes


def _percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _measure(max_batch_size: int) -> dict:
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    server = context.Process(
        target=_serve,
        args=(_MODELS.value, max_batch_size, _MAX_WAIT_S.value, child),
        daemon=True,
    )
    server.start()
    try:
        if not parent.poll(300):
            raise RuntimeError("the server did not start within 300 s")
        url = f"http://127.0.0.1:{parent.recv()}/v1/synthesize"
        elapsed, latencies, statuses, batches = asyncio.run(
            _load(url, _CLIENTS.value, _REQUESTS.value)
        )
    finally:
        server.terminate()  # SIGTERM: graceful stop.
        server.join(60)
    errors = sum(s != 200 for s in statuses)
    lost = _REQUESTS.value - len(statuses)
    if errors or lost:
        raise RuntimeError(f"batch size {max_batch_size}: {errors} errors, {lost} lost")
    return {
        "max_batch_size": max_batch_size,
        "requests": len(statuses),
        "throughput_rps": len(statuses) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * _percentile(latencies, 0.99),
        "mean_batch": statistics.mean(batches),
        "errors": errors,
        "lost": lost,
    }


def main(argv):
    del argv
    rows = [_measure(int(size)) for size in _BATCH_SIZES.value]
    print(
        f"models={_MODELS.value} clients={_CLIENTS.value} "
        f"requests={_REQUESTS.value} beam_size={_BEAM_SIZE.value}"
    )
    print(
        "| max batch size | throughput (req/s) | p50 (ms) | p99 (ms) "
        "| mean batch | errors | lost |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['max_batch_size']} | {r['throughput_rps']:.2f} | "
            f"{r['p50_ms']:.0f} | {r['p99_ms']:.0f} | {r['mean_batch']:.1f} | "
            f"{r['errors']} | {r['lost']} |"
        )
    print(json.dumps(rows))


if __name__ == "__main__":
    app.run(main)
