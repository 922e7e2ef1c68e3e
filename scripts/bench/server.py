"""A fast keep-alive HTTP/1.1 fake of the three Retriever operations, on asyncio.

    python scripts/bench/server.py [--latency-ms 20] [--total 100000]

Binds 127.0.0.1 on a free port, prints ``listening <port>``, serves until stdin closes or
SIGTERM. Requests are parsed by hand (request line + headers, GET only, keep-alive unless
``Connection: close``); replies are canned bytes with Content-Length. An injected latency
delays each reply with ``call_later``, so one slow reply never holds up another connection.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
import threading
from urllib.parse import parse_qsl

import payloads

_REASONS = {200: b"OK", 400: b"Bad Request", 401: b"Unauthorized", 404: b"Not Found", 405: b"Method Not Allowed"}


def reply(status: int, body: bytes, close: bool = False) -> bytes:
    head = b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n" % (
        status,
        _REASONS[status],
        len(body),
    )
    return head + (b"Connection: close\r\n\r\n" if close else b"\r\n") + body


SESSION_REPLY = reply(200, payloads.SESSION_BODY)
MESSAGE_REPLY = reply(200, payloads.MESSAGE_BODY)
NOT_FOUND_REPLY = reply(404, payloads.NOT_FOUND)
UNAUTHORIZED_REPLY = reply(401, payloads.UNAUTHORIZED)


def list_reply(query: str, total: int) -> bytes:
    """The page a ``/sessions/list`` query asks for (limit 1-100, default 10; nextToken/previousToken)."""
    params = dict(parse_qsl(query))
    try:
        limit = int(params.get("limit", "10"))
    except ValueError:
        limit = 0
    if not 1 <= limit <= 100:
        return reply(400, b'{"error":"Limit must be between 1 and 100","status":"bad_request"}')
    token = params.get("nextToken") or params.get("previousToken")
    offset = 0 if token is None else payloads.offset_of(token)
    if offset is None:
        return reply(400, b'{"error":"Invalid token","status":"bad_request"}')
    return reply(200, payloads.list_body(offset, limit, total))


def route(target: bytes, total: int) -> bytes:
    if target.startswith(b"/sessions/get/"):
        return SESSION_REPLY
    if target.startswith(b"/messages/get/"):
        return MESSAGE_REPLY
    path, _, query = target.partition(b"?")
    if path == b"/sessions/list":
        return list_reply(query.decode("latin-1"), total)
    return NOT_FOUND_REPLY


class HTTPProtocol(asyncio.Protocol):
    """One connection: split the byte stream into requests, answer each in order."""

    def __init__(self, latency: float, total: int) -> None:
        self.latency = latency
        self.total = total
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        self.loop = asyncio.get_running_loop()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            self.handle(head)

    def handle(self, head: bytes) -> None:
        line, _, headers = head.partition(b"\r\n")
        method, target, _version = [*line.split(b" ", 2), b"", b""][:3]
        headers = headers.lower()
        close = b"connection: close" in headers
        if method != b"GET" or b"content-length:" in headers:
            response, close = reply(405, b'{"error":"GET only","status":"bad_request"}', True), True
        elif b"\nx-api-key:" not in b"\n" + headers:
            response = UNAUTHORIZED_REPLY
        else:
            response = route(target, self.total)
        if self.latency:
            self.loop.call_later(self.latency, self.send, response, close)
        else:
            self.send(response, close)

    def send(self, response: bytes, close: bool) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        self.transport.write(response)
        if close:
            self.transport.close()


async def serve(latency: float, total: int) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    server = await loop.create_server(lambda: HTTPProtocol(latency, total), "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    loop.add_signal_handler(signal.SIGTERM, stop.set)

    def wait_for_stdin_eof() -> None:  # the parent closes our stdin (or dies): stop
        sys.stdin.buffer.read()
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=wait_for_stdin_eof, daemon=True).start()
    print(f"listening {port}", flush=True)
    async with server:
        await stop.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=0.0, help="delay before each reply")
    parser.add_argument("--total", type=int, default=100_000, help="sessions that /sessions/list pages through")
    args = parser.parse_args()
    asyncio.run(serve(args.latency_ms / 1000, args.total))


if __name__ == "__main__":
    main()
