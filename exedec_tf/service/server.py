"""Running the application: in the foreground (the command) or on a
background thread (tests and the load test), always with graceful shutdown."""

import asyncio
import signal
import threading

from aiohttp import web


async def _start(app: web.Application, host: str, port: int, shutdown_timeout: float):
    runner = web.AppRunner(app, shutdown_timeout=shutdown_timeout, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = runner.addresses[0][1]
    return runner, bound


def serve_forever(
    app: web.Application,
    host: str,
    port: int,
    shutdown_timeout: float = 60.0,
    on_ready=None,
) -> None:
    """Serves until SIGINT or SIGTERM, then stops accepting connections and
    waits (up to `shutdown_timeout`) for the in-flight requests.

    Args:
      on_ready: called with the bound port once the server listens.
    """

    async def main():
        runner, bound = await _start(app, host, port, shutdown_timeout)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        if on_ready is not None:
            on_ready(bound)
        try:
            await stop.wait()
        finally:
            await runner.cleanup()

    asyncio.run(main())


class BackgroundServer:
    """A server on its own thread and event loop, for tests and benchmarks.

    Example:

        with BackgroundServer(app) as server:
            requests.get(server.url + "/healthz")

    Args:
      app: the application.
      host: the address (127.0.0.1: never reachable from outside).
      port: 0 picks a free port.
      shutdown_timeout: how long `stop` waits for in-flight requests.
    """

    def __init__(
        self,
        app: web.Application,
        host: str = "127.0.0.1",
        port: int = 0,
        shutdown_timeout: float = 30.0,
    ):
        self.app, self.host = app, host
        self._port, self._timeout = port, shutdown_timeout
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner = None
        self.port: int | None = None

    @property
    def url(self) -> str:
        """`http://host:port`."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> "BackgroundServer":
        """Starts listening; returns when the port is bound."""
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(
            _start(self.app, self.host, self._port, self._timeout), self._loop
        )
        self._runner, self.port = future.result(timeout=60)
        return self

    def stop(self) -> None:
        """Graceful shutdown: in-flight requests finish first."""
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(
                timeout=self._timeout + 30
            )
            self._runner = None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()

    def __enter__(self) -> "BackgroundServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
