"""Records of the requests the fake received, so tests can assert what reached the wire."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote

REDACTED = "***"
"""What recorded secret header values are replaced with."""

SECRET_HEADERS = frozenset({"x-api-key", "authorization"})


@dataclass(frozen=True)
class RecordedRequest:
    """One request as received: raw and decoded path, query, and headers with secrets redacted."""

    method: str
    raw_path: str
    """Path exactly as on the wire, still percent-encoded, without the query string."""
    path: str
    """`raw_path` percent-decoded (so `%2F` shows as `/`)."""
    raw_query: str
    query: dict[str, str]
    """Decoded query parameters, first value per name."""
    query_items: tuple[tuple[str, str], ...]
    """Every decoded query parameter in order, repeats included."""
    headers: dict[str, str]
    """Lower-cased header names; X-API-Key and Authorization values replaced with `REDACTED`."""

    def header(self, name: str) -> str | None:
        """The (redacted) value of header `name`, or None if it was not sent."""
        return self.headers.get(name.lower())

    @property
    def segments(self) -> list[str]:
        """The decoded path segments, split on the raw `/` so an encoded `%2F` stays inside its segment."""
        return [unquote(part) for part in self.raw_path.split("/")[1:]]


def record(method: str, raw_path: str, raw_query: str, headers: Sequence[tuple[str, str]]) -> RecordedRequest:
    """Build the record of one request, redacting secret headers."""
    items = tuple(parse_qsl(raw_query, keep_blank_values=True))
    query: dict[str, str] = {}
    for key, value in items:
        query.setdefault(key, value)
    merged: dict[str, str] = {}
    for name, value in headers:
        key = name.lower()
        shown = REDACTED if key in SECRET_HEADERS else value
        merged[key] = f"{merged[key]}, {shown}" if key in merged else shown
    return RecordedRequest(method.upper(), raw_path, unquote(raw_path), raw_query, query, items, merged)
