"""A loopback HTTP server for the tests' stand-ins of outside services (arXiv API, PDF host,
Semantic Scholar...): 127.0.0.1 on a free port, one thread per request, until ``close()``."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


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
