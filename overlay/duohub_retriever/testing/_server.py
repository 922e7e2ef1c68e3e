"""Real HTTP mode: a threaded stdlib server on 127.0.0.1 that answers from the fake.

HTTP/1.1 keep-alive, one thread per connection. Stopping wakes sleeping handlers, shuts open
connections down and joins every thread, so tests see no ResourceWarning and no stray threads.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import TCPServer
from types import TracebackType
from typing import Any, cast

from ._reply import RequestHandler


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that knows the fake, tracks open connections and can reset them."""

    daemon_threads = True
    block_on_close = True

    def __init__(self, address: tuple[str, int], handler: RequestHandler, log: bool) -> None:
        self.fake = handler
        self.log = log
        self.stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._to_reset: set[socket.socket] = set()
        self._conn_lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup."""
        TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conn_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._conn_lock:
            self._open.discard(request)
            reset = request in self._to_reset
            self._to_reset.discard(request)
        if reset:
            request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_request(request)
        else:
            super().shutdown_request(request)

    def reset_on_close(self, request: socket.socket) -> None:
        """Close `request` with a TCP RST instead of a FIN."""
        with self._conn_lock:
            self._to_reset.add(request)

    def disconnect_all(self) -> None:
        """Shut every open connection down so idle keep-alive handlers return."""
        with self._conn_lock:
            open_now = list(self._open)
        for request in open_now:
            with contextlib.suppress(OSError):
                request.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients going away mid-answer are expected here; anything else is reported."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Hands every request to the fake's core and enacts its `Reply` on the socket."""

    protocol_version = "HTTP/1.1"
    server_version = "duohub-fake/1"
    timeout = 60
    disable_nagle_algorithm = True  # headers and body are two writes: avoid the 40 ms delayed-ACK stall

    def _dispatch(self) -> None:
        server = cast(_Server, self.server)
        self._discard_request_body()
        raw_path, _, raw_query = self.path.partition("?")
        reply = server.fake.handle(self.command, raw_path, raw_query, list(self.headers.items()))
        if reply.delay > 0 and server.stopping.wait(reply.delay):
            self.close_connection = True
            return
        if reply.drop in ("before_response", "reset"):
            if reply.drop == "reset":
                server.reset_on_close(self.connection)
            self.close_connection = True
            return
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if reply.drop == "mid_body":
            self.wfile.write(reply.body[: len(reply.body) // 2])
            self.close_connection = True
        elif self.command != "HEAD":
            self.wfile.write(reply.body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _dispatch

    def _discard_request_body(self) -> None:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self.close_connection = True
            return
        length = self.headers.get("Content-Length")
        if length and length.isdigit():
            self.rfile.read(int(length))

    def log_message(self, format: str, *args: Any) -> None:
        if cast(_Server, self.server).log:
            super().log_message(format, *args)


class FakeServer:
    """Serve a fake on `host:port` (port 0 picks a free one) from a background thread; a context manager."""

    def __init__(self, handler: RequestHandler, host: str = "127.0.0.1", port: int = 0, *, log: bool = False) -> None:
        self._server = _Server((host, port), handler, log)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)

    @property
    def url(self) -> str:
        """Base URL, e.g. 'http://127.0.0.1:54321'."""
        return f"http://{self._server.server_name}:{self._server.server_port}"

    def start(self) -> str:
        """Start serving; returns `url`."""
        self._thread.start()
        return self.url

    def stop(self) -> None:
        """Stop serving, close every connection and join all threads (idempotent)."""
        self._server.stopping.set()
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.disconnect_all()
        self._server.server_close()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
