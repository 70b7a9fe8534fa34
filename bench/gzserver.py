"""A tiny threaded static server that gzips text responses, like a typical production host.

It serves one folder under a URL prefix (the path of the clinic's ``site_url``, so relative links
and the canonical path behave as published) and records every response: path, content type, the
body's size as stored and as sent. The benchmarks read that log to learn what a page transfers.
"""
from __future__ import annotations

import gzip
import http.server
import mimetypes
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
              "application/xml", "application/manifest+json")
GZIP_LEVEL = 6  # nginx and most CDNs use 1-6; 6 is the common default of gzip itself

mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/json", ".json")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("application/manifest+json", ".webmanifest")


@dataclass
class Hit:
    path: str
    status: int
    content_type: str
    raw_bytes: int
    sent_bytes: int  # body bytes on the wire (gzipped when the client accepts it)
    header_bytes: int
    gzipped: bool
    at: float = field(default_factory=time.monotonic)


class GzipServer:
    """``with GzipServer(folder, prefix="/x/") as server: server.url`` ends in the prefix."""

    def __init__(self, root: Path, prefix: str = "/") -> None:
        self.root = Path(root).resolve()
        self.prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._cache: dict[tuple[Path, float], bytes] = {}
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.prefix}"

    def __enter__(self) -> "GzipServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def take_hits(self) -> list[Hit]:
        """The responses since the last call (and forget them)."""
        with self._lock:
            hits, self.hits = self.hits, []
        return hits

    def _gzipped(self, file: Path, body: bytes) -> bytes:
        key = (file, file.stat().st_mtime)
        if key not in self._cache:
            self._cache[key] = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        return self._cache[key]

    def _handler(self):
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_HEAD(self):
                self._serve(head=True)

            def do_GET(self):
                self._serve(head=False)

            def _serve(self, head: bool) -> None:
                path = unquote(urlsplit(self.path).path)
                if not path.startswith(outer.prefix):
                    if path.rstrip("/") + "/" == outer.prefix:
                        return self._send(301, b"", "text/plain", path, {"Location": outer.prefix}, head)
                    return self._send(404, b"not found", "text/plain", path, {}, head)
                rel = path[len(outer.prefix):]
                file = (outer.root / rel).resolve()
                if outer.root not in file.parents and file != outer.root:
                    return self._send(403, b"forbidden", "text/plain", path, {}, head)
                if file.is_dir():
                    if not path.endswith("/"):
                        return self._send(301, b"", "text/plain", path, {"Location": path + "/"}, head)
                    file = file / "index.html"
                if not file.is_file():
                    page = outer.root / "404.html"
                    body = page.read_bytes() if page.is_file() else b"not found"
                    return self._send(404, body, "text/html; charset=utf-8", path, {}, head, page)
                ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
                    ctype += "; charset=utf-8"
                self._send(200, file.read_bytes(), ctype, path, {"Cache-Control": "max-age=600"}, head, file)

            def _send(self, status, body, ctype, path, extra, head, file=None):
                raw = len(body)
                gz = (status == 200 or status == 404) and file is not None and \
                    ctype.startswith(GZIP_TYPES) and "gzip" in self.headers.get("Accept-Encoding", "")
                if gz:
                    body = outer._gzipped(file, body)
                self.send_response(status)
                headers = {"Content-Type": ctype, "Content-Length": str(len(body)), **extra}
                if gz:
                    headers["Content-Encoding"] = "gzip"
                    headers["Vary"] = "Accept-Encoding"
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                header_bytes = len(f"HTTP/1.1 {status} X\r\n") + sum(len(k) + len(v) + 4 for k, v in headers.items()) + 2
                if not head:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                with outer._lock:
                    outer.hits.append(Hit(path, status, ctype.split(";")[0], raw,
                                          0 if head else len(body), header_bytes, gz))

        return Handler
