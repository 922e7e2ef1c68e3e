"""Canned, spec-shaped response bodies (openapi/duohub-retriever.yaml examples) as ready bytes."""

from __future__ import annotations

import json
from functools import lru_cache

SESSION_ID = "123e4567-e89b-12d3-a456-426614174000"
MESSAGE_ID = "0d5c3a7e-8f1b-4e2a-9c6d-3b7a1e5f9c20"

SESSION = {
    "id": SESSION_ID,
    "userID": "user-123",
    "customerUserID": "cust-123",
    "metadata": [{"key": "source", "value": "web"}, {"key": "plan", "value": "pro"}],
    "createdAt": "2024-01-01T00:00:00.000Z",
    "updatedAt": "2024-01-01T00:00:00.000Z",
    "deletedAt": None,
    "endedAt": None,
}

MESSAGE = {
    "id": MESSAGE_ID,
    "sessionID": "987fcdeb-51a2-43b7-91fa-987654321000",
    "role": "user",
    "content": "Hello, how can I help you today?",
    "userID": "d99e7428-40e1-7073-aa50-94cee086b518",
    "customerUserID": "cust-123",
    "createdAt": "2024-01-01T00:00:00.000Z",
    "updatedAt": "2024-01-01T00:00:00.000Z",
}

NOT_FOUND = b'{"error":"Not found","status":"not_found"}'
UNAUTHORIZED = b'{"error":"API key is required","status":"unauthorized"}'


def _dumps(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


SESSION_BODY = _dumps({"status": "success", "data": SESSION})
MESSAGE_BODY = _dumps({"status": "success", "data": MESSAGE})

# One session of a list page with its id left open: page bodies are joined, not re-serialized.
_PREFIX, _SUFFIX = _dumps({**SESSION, "id": "\x00"}).split(b'"\\u0000"')


def token_for(offset: int) -> str:
    """The opaque page token the fake server hands out (and accepts) for a page start."""
    return f"p{offset}"


def offset_of(token: str) -> int | None:
    """The page start a token stands for, or None if it is not one of ours."""
    if token.startswith("p") and token[1:].isdigit():
        return int(token[1:])
    return None


@lru_cache(maxsize=256)
def list_body(offset: int, limit: int, total: int) -> bytes:
    """A SessionListResponse for sessions [offset, offset+limit) of ``total``, with both tokens."""
    end = min(offset + limit, total)
    items = b",".join(b'%s"sess-%08d"%s' % (_PREFIX, index, _SUFFIX) for index in range(offset, end))
    next_token = token_for(end) if end < total else None
    previous_token = token_for(max(offset - limit, 0)) if offset > 0 else None
    tail = _dumps({"nextToken": next_token, "previousToken": previous_token, "count": end - offset})
    return b'{"status":"success","data":{"sessions":[' + items + b"]," + tail[1:] + b"}"
