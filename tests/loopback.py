"""A loopback HTTP server for the tests' stand-ins of outside services (arXiv API, PDF host,
Semantic Scholar...): 127.0.0.1 on a free port, one thread per request, until ``close()``."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LoopbackHandler(BaseHTTPRequestHandler):
    """A stand-in's request handler: quiet, a client that hangs up is expected, and ``reply``."""

    KIND: str | None = None  # the Content-Type of a reply that names none

    def log_message(self, *args) -> None:
        pass

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except OSError:
            pass  # the client hung up: expected in these tests

    def reply(self, status: int, body: bytes = b"", kind: str | None = None, **headers: str) -> None:
        """Send ``body``; ``headers`` with ``_`` for ``-`` (``Retry_After="0"``). A ``Content_Length``
        given replaces the body's own (a server that lies about it)."""
        self.send_response(status)
        if kind or self.KIND:
            self.send_header("Content-Type", kind or self.KIND)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class LoopbackServer:
    httpd: ThreadingHTTPServer
    url: str

    def serve(self, handler: type[BaseHTTPRequestHandler], path: str = "") -> None:
        """Start serving ``handler``; ``url`` is the server's address followed by ``path``."""
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
