"""Routing and the three operations, as the spec describes them: a pure function from request to `Reply`.

Order of checks: unknown path (404), method (405), X-API-Key (401 missing, 403 wrong), then the
operation's own validation and lookup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from ._records import RecordedRequest
from ._reply import Reply, error_reply, json_reply
from ._store import RawBody, Store
from ._tokens import Direction, InvalidTokenError, PageToken, decode_token, encode_token

DEFAULT_LIMIT = 10
MAX_LIMIT = 100
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Context:
    """What the operations need besides the request: the data, the valid key, the token secret."""

    store: Store
    api_key: str
    token_secret: bytes


def route(ctx: Context, request: RecordedRequest, api_key: str | None) -> Reply:
    """Answer `request` (whose recorded headers are redacted, hence the separate `api_key`)."""
    parts = request.raw_path.split("/")
    if len(parts) == 4 and parts[0] == "" and (parts[1], parts[2]) in (("sessions", "get"), ("messages", "get")):
        kind, ident = parts[1], unquote(parts[3])
    elif request.raw_path == "/sessions/list":
        kind, ident = "list", ""
    else:
        return error_reply(404, "Not found")
    if request.method != "GET":
        return error_reply(405, "Method not allowed", [("Allow", "GET")])
    if not api_key:
        return error_reply(401, "API key is required")
    if api_key != ctx.api_key:
        return error_reply(403, "Invalid API key")
    if kind == "sessions":
        return _get_session(ctx.store, ident)
    if kind == "messages":
        return _get_message(ctx.store, ident)
    return _list_sessions(ctx, request.query)


def _raw(raw: RawBody) -> Reply:
    return Reply(raw.status, (("Content-Type", raw.content_type),) if raw.content_type else (), raw.body)


def _get_session(store: Store, ident: str) -> Reply:
    if ident in store.raw_sessions:
        return _raw(store.raw_sessions[ident])
    if not ident:
        return error_reply(400, "Session ID is required")
    session = store.sessions.get(ident)
    if session is None:
        return error_reply(404, "Session not found")
    if session.get("deletedAt") is not None:
        return error_reply(404, "Session has been deleted")
    return json_reply(200, {"status": "success", "data": session})


def _get_message(store: Store, ident: str) -> Reply:
    if ident in store.raw_messages:
        return _raw(store.raw_messages[ident])
    if not ident:
        return error_reply(400, "Message ID is required")
    message = store.messages.get(ident)
    if message is None:
        return error_reply(404, "Message not found")
    return json_reply(200, {"status": "success", "data": message})


def _list_sessions(ctx: Context, query: Mapping[str, str]) -> Reply:
    if ctx.store.raw_list is not None:
        return _raw(ctx.store.raw_list)
    limit_text = query.get("limit", str(DEFAULT_LIMIT))
    limit = int(limit_text) if _DIGITS.fullmatch(limit_text) else 0
    if not 1 <= limit <= MAX_LIMIT:
        return error_reply(400, "Limit must be between 1 and 100")
    if "nextToken" in query and "previousToken" in query:
        return error_reply(400, "Only one of nextToken and previousToken may be given")
    customer = query.get("customerUserID")
    offset = 0
    directions: tuple[tuple[Direction, str], ...] = (("next", "nextToken"), ("previous", "previousToken"))
    for direction, name in directions:
        if name in query:
            try:
                token = decode_token(query[name], ctx.token_secret)
            except InvalidTokenError:
                return error_reply(400, "Invalid pagination token")
            if token.direction != direction or token.customer_user_id != customer:
                return error_reply(400, "Invalid pagination token")
            offset = token.offset
    sessions = ctx.store.listed_sessions(customer)
    page = sessions[offset : offset + limit]
    after = offset + limit
    data: dict[str, Any] = {
        "sessions": page,
        "nextToken": _token(ctx, "next", after, customer) if after < len(sessions) else None,
        "previousToken": _token(ctx, "previous", max(0, offset - limit), customer) if offset > 0 else None,
        "count": len(page),
    }
    return json_reply(200, {"status": "success", "data": data})


def _token(ctx: Context, direction: Direction, offset: int, customer: str | None) -> str:
    return encode_token(PageToken(direction, offset, customer), ctx.token_secret)
