"""ExeDec as an HTTP service: `exedec-tf serve`.

    from exedec_tf.service import Engine, ServiceSettings, build_app

Requests from many clients are batched into one run of the batched ExeDec
loop (`exedec_tf.synthesis.loop.run_exedec`), whose results equal those of
running each problem alone. The pieces, one concern each:

- `request.py`: the JSON body of `POST /v1/synthesize`, checked field by field.
- `engine.py`: the served models and one batched loop run.
- `batcher.py`: the bounded queue and the worker thread that owns the models.
- `response.py`: a loop result as the JSON answer.
- `metrics.py`: the Prometheus metrics.
- `openapi.py`: the OpenAPI description.
- `app.py`: the aiohttp routes; `server.py`: running and stopping a server.
- `static/`: the playground page served at `/` (plain HTML and JS).

Why aiohttp: the service is one process whose real work (the loop: DSL
execution between TensorFlow calls) is CPU-bound and runs in a single worker
thread, so the HTTP side only needs to park many waiting requests cheaply.
aiohttp is a mature asyncio server and client in one dependency (the load
test and the tests use its client too), with a request-body size limit,
graceful shutdown that waits for in-flight handlers, and its own runner for
starting a server on a free port inside a test; starlette would need
uvicorn beside it and a second HTTP client for the load test.
"""

from exedec_tf.service.app import build_app
from exedec_tf.service.engine import Engine
from exedec_tf.service.settings import ServiceSettings

__all__ = ["Engine", "ServiceSettings", "build_app"]
