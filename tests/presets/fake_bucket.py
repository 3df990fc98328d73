"""A fake `exedec` bucket served on 127.0.0.1, for tests without network.

It speaks the two parts of the GCS HTTP interface the presets use: the JSON
API listing (`/storage/v1/b/exedec/o?prefix=&pageToken=`, paged) and media
downloads (`/exedec/<object>`, with `Range`). Faults can be injected per
object: one HTTP 500, one connection dropped mid-file, or a corrupted body.
"""

import base64
import hashlib
import http.server
import json
import threading
import time
import urllib.parse

from exedec_tf.presets.checksums import crc32c_update


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class FakeBucket:
    """Objects in memory, served by a threaded HTTP server while started.

    Attributes:
      url: `http://127.0.0.1:<port>` once started (the `bucket_url`).
      requests: every request path served, in order.
      page_size: listing items per page.
    """

    def __init__(self, page_size: int = 2, with_crc32c: bool = True):
        self.objects: dict[str, bytes] = {}
        # False lists no crc32c, as for objects some tools upload (and saves
        # computing it for large test objects; clients verify by MD5).
        self.with_crc32c = with_crc32c
        self.page_size = page_size
        self.requests: list[str] = []
        self.fail_once: set[str] = set()
        self.drop_once: set[str] = set()
        self.corrupt: set[str] = set()
        self.no_md5: set[str] = set()
        # Seconds each media download waits before answering.
        self.media_delay_s = 0.0
        self._checksums = {}
        self._server = None
        self._thread = None
        self.url = None

    def add(self, name: str, data: bytes) -> None:
        """Stores one object (its checksums are computed now, not when listed)."""
        data = bytes(data)
        self.objects[name] = data
        crc = crc32c_update(0, data) if self.with_crc32c else None
        self._checksums[name] = (
            _b64(hashlib.md5(data).digest()),
            None if crc is None else _b64(crc.to_bytes(4, "big")),
        )

    def add_file(self, name: str, path) -> None:
        """Stores one object from a file."""
        with open(path, "rb") as f:
            self.add(name, f.read())

    def _item(self, name: str) -> dict:
        md5, crc = self._checksums[name]
        item = {"name": name, "size": str(len(self.objects[name]))}
        if crc is not None:
            item["crc32c"] = crc
        if name not in self.no_md5:
            item["md5Hash"] = md5
        return item

    def listing(self, prefix: str, token: str | None) -> dict:
        """One page of the JSON API listing."""
        names = sorted(n for n in self.objects if n.startswith(prefix))
        start = int(token) if token else 0
        page = {"kind": "storage#objects"}
        items = [self._item(n) for n in names[start : start + self.page_size]]
        if items:
            page["items"] = items
        if start + self.page_size < len(names):
            page["nextPageToken"] = str(start + self.page_size)
        return page

    def start(self) -> "FakeBucket":
        """Serves on a free localhost port."""
        bucket = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                bucket.requests.append(self.path)
                parsed = urllib.parse.urlsplit(self.path)
                if parsed.path == "/storage/v1/b/exedec/o":
                    query = urllib.parse.parse_qs(parsed.query)
                    prefix = query.get("prefix", [""])[0]
                    token = query.get("pageToken", [None])[0]
                    body = json.dumps(bucket.listing(prefix, token)).encode()
                    return self._send(200, body, "application/json")
                if parsed.path.startswith("/exedec/"):
                    name = urllib.parse.unquote(parsed.path[len("/exedec/") :])
                    return self._media(name)
                return self._send(404, b"not found")

            def _send(self, status, body, kind="text/plain", headers=()):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers:
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def _media(self, name):
                time.sleep(bucket.media_delay_s)
                if name not in bucket.objects:
                    return self._send(404, b"no such object")
                if name in bucket.fail_once:
                    bucket.fail_once.discard(name)
                    return self._send(500, b"backend error")
                data = bucket.objects[name]
                if name in bucket.corrupt:
                    data = bytes([data[0] ^ 0xFF]) + data[1:]
                start = 0
                header = self.headers.get("Range")
                if header:
                    start = int(header.removeprefix("bytes=").split("-")[0])
                    if start >= len(data):
                        return self._send(416, b"")
                body = data[start:]
                status = 206 if header else 200
                extra = []
                if header:
                    extra.append(
                        ("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                    )
                if name in bucket.drop_once:
                    bucket.drop_once.discard(name)
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(body)))
                    for key, value in extra:
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return None
                return self._send(status, body, "application/octet-stream", extra)

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stops serving."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=10)
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def media_requests(self) -> list[str]:
        """The media download requests served so far."""
        return [r for r in self.requests if r.startswith("/exedec/")]
