"""The wire-level reply both plug-in modes enact, and the handler protocol they call.

One request-handling core (`FakeDuohub.handle`) produces a `Reply`; the in-process transport and the
HTTP server only differ in how they turn it into bytes, delays and broken connections.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

DropMode = Literal["before_response", "mid_body", "reset"]
"""How a connection breaks: closed before any byte, closed halfway through the body, or reset (RST)."""

JSON_CONTENT_TYPE = "application/json"


@dataclass(frozen=True)
class Reply:
    """What to send back: status, headers (no Content-Length), body, plus delay and connection faults."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    delay: float = 0.0
    drop: DropMode | None = None

    def header(self, name: str) -> str | None:
        """First value of header `name` (case-insensitive), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


class RequestHandler(Protocol):
    """Anything that turns one request into a `Reply` (implemented by `FakeDuohub`)."""

    def handle(self, method: str, raw_path: str, raw_query: str, headers: Sequence[tuple[str, str]]) -> Reply:
        """Answer one request; `raw_path` and `raw_query` are exactly as on the wire (percent-encoded)."""
        ...


def encode_json(value: Any) -> bytes:
    """Serialise `value` compactly as UTF-8 JSON, the way the real service does."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def json_reply(status: int, value: Any, headers: Sequence[tuple[str, str]] = ()) -> Reply:
    """A JSON reply with the usual content type."""
    return Reply(status, (("Content-Type", JSON_CONTENT_TYPE), *headers), encode_json(value))


_ERROR_STATUS_NAMES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found"}


def error_body(status: int, message: str) -> dict[str, str]:
    """The spec's error body, `{"error": message, "status": <name for this HTTP status>}`."""
    return {"error": message, "status": _ERROR_STATUS_NAMES.get(status, "error")}


def error_reply(status: int, message: str, headers: Sequence[tuple[str, str]] = ()) -> Reply:
    """A JSON error reply shaped like the spec's *ErrorBody schemas."""
    return json_reply(status, error_body(status, message), headers)
