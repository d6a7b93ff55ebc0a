"""`perflang web serve`: a built site on 127.0.0.1, each answer with the page's
Content-Security-Policy (the one index.html carries as a meta tag, which a worker script does
not read: served as a header it covers the worker too) and the types a browser insists on
(application/wasm for WebAssembly, text/javascript for modules)."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

__all__ = ["CSP", "make_server", "serve_in_thread"]

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; frame-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".perf": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def list_directory(self, path):  # a folder without index.html is not listed
        self.send_error(404)
        return None

    def log_message(self, format, *args):  # quiet: the terminal shows the address only
        pass


def make_server(site: str | Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A server of site on 127.0.0.1:port (0: a free port); not started."""
    handler = functools.partial(Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def serve_in_thread(site: str | Path, port: int = 0):
    """(server, url) with the server running in a daemon thread (tests; server.shutdown())."""
    server = make_server(site, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
