"""A scripted OpenAI-compatible server on localhost for the LLM harness tests.

Each request to /v1/completions or /v1/chat/completions takes the next
scripted action (the last one repeats); an action is a function of the JSON
request body returning one of:

* `("ok", [texts])`: HTTP 200 with those choices;
* `("status", code, headers)`: that HTTP status with a short error body;
* `("sleep", seconds, [texts])`: answer after a delay (client timeouts);
* `("garbage",)`: HTTP 200 with a body that is not JSON;
* `("drop",)`: close the connection without answering.
"""

import http.server
import json
import threading
import time


class FakeOpenAIServer:
    """Context manager running the server in a thread; `url` is the /v1 root."""

    def __init__(self, actions):
        self.actions = list(actions)
        self.requests: list[tuple[str, dict]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                with server._lock:
                    server.requests.append(
                        (self.path, dict(body, _auth=self.headers.get("Authorization")))
                    )
                    index = min(len(server.requests) - 1, len(server.actions) - 1)
                    action = server.actions[index](body)
                kind = action[0]
                if kind == "drop":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if kind == "sleep":
                    time.sleep(action[1])
                    action = ("ok", action[2])
                    kind = "ok"
                if kind == "garbage":
                    self._send(200, b"<html>not json</html>", {})
                elif kind == "status":
                    self._send(action[1], b'{"error": "scripted"}', action[2])
                else:
                    chat = self.path.endswith("/chat/completions")
                    choices = [
                        {"index": i, "message": {"role": "assistant", "content": t}}
                        if chat
                        else {"index": i, "text": t}
                        for i, t in enumerate(action[1])
                    ]
                    # Reverse to check that the client orders choices by index.
                    data = json.dumps({"choices": choices[::-1]}).encode()
                    self._send(200, data, {})

            def _send(self, code, data, headers):
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # The client timed out first (scripted timeouts).

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), daemon=True
        )

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()


def reply(*texts):
    """An action answering `texts` whatever the request."""
    return lambda body: ("ok", list(texts))


def reply_n(text):
    """An action answering `body["n"]` copies of `text`."""
    return lambda body: ("ok", [text] * body["n"])
