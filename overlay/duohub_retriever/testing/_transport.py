"""In-process plug-in: an httpx transport (sync and async) that answers from the fake, no socket involved.

Delays honour the client's read timeout: a reply later than `timeout.read` sleeps that long and raises
`httpx.ReadTimeout`, so timeouts are testable without a network. Dropped connections raise what httpx
raises for a real socket: `RemoteProtocolError` (closed) or `ReadError` (reset).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx

from ._reply import Reply, RequestHandler


class _BrokenBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that yields its first half, then fails the way a connection closed mid-body does."""

    def __init__(self, body: bytes, request: httpx.Request) -> None:
        self._part = body[: len(body) // 2]
        self._error = httpx.RemoteProtocolError(
            f"peer closed connection without sending complete message body "
            f"(received {len(self._part)} bytes, expected {len(body)})",
            request=request,
        )

    def __iter__(self) -> Iterator[bytes]:
        yield self._part
        raise self._error

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self._part
        raise self._error


class FakeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Serves `handler` (a `FakeDuohub`) to `httpx.Client(transport=...)` or `httpx.AsyncClient(transport=...)`."""

    def __init__(self, handler: RequestHandler) -> None:
        self._handler = handler

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer synchronously, sleeping with `time.sleep`."""
        reply = self._reply(request)
        timeout = _read_timeout(request)
        if timeout is not None and reply.delay > timeout:
            time.sleep(timeout)
            raise httpx.ReadTimeout("timed out", request=request)
        if reply.delay > 0:
            time.sleep(reply.delay)
        return _response(reply, request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer asynchronously, sleeping with `asyncio.sleep` (so asyncio backends only)."""
        reply = self._reply(request)
        timeout = _read_timeout(request)
        if timeout is not None and reply.delay > timeout:
            await asyncio.sleep(timeout)
            raise httpx.ReadTimeout("timed out", request=request)
        if reply.delay > 0:
            await asyncio.sleep(reply.delay)
        return _response(reply, request)

    def _reply(self, request: httpx.Request) -> Reply:
        raw_path, _, raw_query = request.url.raw_path.decode("ascii").partition("?")
        return self._handler.handle(request.method, raw_path, raw_query, request.headers.multi_items())


def _read_timeout(request: httpx.Request) -> float | None:
    timeouts: dict[str, Any] = request.extensions.get("timeout") or {}
    read = timeouts.get("read")
    return float(read) if read is not None else None


def _response(reply: Reply, request: httpx.Request) -> httpx.Response:
    if reply.drop == "reset":
        raise httpx.ReadError("[Errno 104] Connection reset by peer", request=request)
    if reply.drop == "before_response":
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
    if reply.drop == "mid_body":
        headers = [*reply.headers, ("Content-Length", str(len(reply.body)))]
        return httpx.Response(reply.status, headers=headers, stream=_BrokenBody(reply.body, request), request=request)
    return httpx.Response(reply.status, headers=list(reply.headers), content=reply.body, request=request)
