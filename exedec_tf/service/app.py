"""The aiohttp application: routes, error answers and metrics.

Every answer of the API is JSON; a refusal is `{"error": ..., "field": ...}`
with a 4xx status. An unexpected exception becomes a 500 for that request
only: the server and the other requests carry on.
"""

import asyncio
import importlib.resources
import time

from aiohttp import web

from exedec_tf.service import response
from exedec_tf.service.batcher import Batcher
from exedec_tf.service.engine import Engine
from exedec_tf.service.errors import (
    DeadlineExceededError,
    QueueFullError,
    RequestError,
    ServiceClosedError,
)
from exedec_tf.service.metrics import ServiceMetrics
from exedec_tf.service.openapi import openapi_document
from exedec_tf.service.request import parse_request
from exedec_tf.service.settings import ServiceSettings

BATCHER = web.AppKey("batcher", Batcher)
STATIC_FILES = {"index.html": "text/html", "playground.js": "text/javascript"}


def error_answer(
    status: int,
    message: str,
    field: str | None = None,
    retry_after: int | None = None,
) -> web.Response:
    """A JSON refusal (with Retry-After for a 503)."""
    headers = None if retry_after is None else {"Retry-After": str(retry_after)}
    return web.json_response(
        {"error": message, "field": field}, status=status, headers=headers
    )


def build_app(
    engine: Engine, settings: ServiceSettings | None = None
) -> web.Application:
    """The application serving `engine`; its batcher starts with the app and
    stops (after the in-flight requests) on cleanup."""
    settings = ServiceSettings() if settings is None else settings
    metrics = ServiceMetrics()
    batcher = Batcher(engine, settings, metrics)
    routes = web.RouteTableDef()

    @routes.post("/v1/synthesize")
    async def synthesize(request: web.Request) -> web.Response:
        arrived = time.monotonic()
        if request.content_length and request.content_length > settings.max_body_bytes:
            return _too_large(request.content_length, settings)
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return _too_large(None, settings)
        try:
            checked = parse_request(body, engine, settings)
        except RequestError as error:
            return error_answer(error.status, str(error), error.field)
        try:
            job = batcher.submit(checked.problem, checked.beam_size, checked.timeout_s)
        except QueueFullError as error:
            return error_answer(503, str(error), retry_after=settings.retry_after_s)
        except ServiceClosedError as error:
            return error_answer(503, str(error), retry_after=settings.retry_after_s)
        metrics.in_flight.inc()
        try:
            left = checked.timeout_s - (time.monotonic() - arrived)
            outcome = await asyncio.wait_for(asyncio.wrap_future(job.future), left)
        except (TimeoutError, asyncio.TimeoutError, DeadlineExceededError):
            return error_answer(
                504,
                f"no answer within timeout_s={checked.timeout_s}",
                "timeout_s",
            )
        finally:
            metrics.in_flight.dec()
        total = time.monotonic() - arrived
        answer = response.synthesis_answer(checked, job, outcome, total, engine.domain)
        return web.json_response(answer)

    @routes.get("/healthz")
    async def healthz(request: web.Request) -> web.Response:
        return web.json_response(
            {
                "status": "ok",
                "domain": engine.domain.name,
                "method": engine.method,
                "num_examples": engine.num_examples,
                "default_beam_size": settings.default_beam_size,
                "max_beam_size": settings.max_beam_size,
                "max_batch_size": settings.max_batch_size,
                "queue_depth": batcher.depth,
            }
        )

    @routes.get("/metrics")
    async def metrics_page(request: web.Request) -> web.Response:
        body, content_type = metrics.render()
        answer = web.Response(body=body)
        answer.headers["Content-Type"] = content_type
        return answer

    @routes.get("/openapi.json")
    async def openapi(request: web.Request) -> web.Response:
        return web.json_response(
            openapi_document(settings, engine.domain.name, engine.num_examples)
        )

    @routes.get("/")
    async def index(request: web.Request) -> web.Response:
        return _static("index.html")

    @routes.get("/static/{name}")
    async def static(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            return error_answer(404, f"no static file {name!r}", "path")
        return _static(name)

    app = web.Application(
        client_max_size=settings.max_body_bytes,
        middlewares=[_measured(metrics)],
    )
    app.add_routes(routes)
    app[BATCHER] = batcher

    async def start_batcher(app: web.Application) -> None:
        batcher.start()

    async def stop_batcher(app: web.Application) -> None:
        # Runs after aiohttp has waited for the in-flight handlers.
        await asyncio.get_running_loop().run_in_executor(
            None, batcher.close, settings.shutdown_timeout_s
        )

    app.on_startup.append(start_batcher)
    app.on_cleanup.append(stop_batcher)
    return app


def _too_large(length, settings: ServiceSettings) -> web.Response:
    size = "" if length is None else f"{length} bytes, "
    return error_answer(
        413, f"body: {size}the limit is {settings.max_body_bytes} bytes", "body"
    )


def _static(name: str) -> web.Response:
    text = (
        importlib.resources.files("exedec_tf.service")
        .joinpath("static", name)
        .read_text(encoding="utf-8")
    )
    return web.Response(text=text, content_type=STATIC_FILES[name])


def _measured(metrics: ServiceMetrics):
    """Middleware: counts and times every request; unexpected errors -> 500."""

    @web.middleware
    async def middleware(request: web.Request, handler):
        start = time.monotonic()
        route = request.match_info.route.resource
        endpoint = route.canonical if route is not None else "other"
        try:
            answer = await handler(request)
        except web.HTTPException as error:
            answer = error_answer(error.status, error.reason)
        except Exception as error:  # noqa: BLE001 - one request fails, not the server.
            answer = error_answer(500, f"internal error: {type(error).__name__}")
        metrics.observe(endpoint, answer.status, time.monotonic() - start)
        return answer

    return middleware
