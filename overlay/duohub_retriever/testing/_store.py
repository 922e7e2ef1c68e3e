"""The fake's data: sessions, messages and raw bodies, shaped exactly like the spec's JSON.

Not locked itself: `FakeDuohub` serialises every access under its lock.
"""

from __future__ import annotations

import copy
import enum
import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ._reply import JSON_CONTENT_TYPE, encode_json

DEFAULT_USER_ID = "d99e7428-40e1-7073-aa50-94cee086b518"
"""The duohub account user every session belongs to unless a test says otherwise (the spec's example)."""

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
"""Where the fake's clock starts; each added item without a timestamp is one second later."""

Timestamp = str | datetime


class Unset(enum.Enum):
    """Marks an argument the caller did not pass (distinct from an explicit None)."""

    UNSET = enum.auto()


UNSET = Unset.UNSET


def format_timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds and a Z, like '2024-01-01T00:00:00.000Z'."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _timestamp(value: Timestamp | None) -> str | None:
    return format_timestamp(value) if isinstance(value, datetime) else value


@dataclass(frozen=True)
class RawBody:
    """A response a test stored verbatim for one resource, served instead of the real one."""

    status: int
    body: bytes
    content_type: str | None

    @classmethod
    def of(cls, body: object, status: int, content_type: str | None) -> RawBody:
        """Bytes are kept as they are; anything else is serialised as JSON."""
        if isinstance(body, bytes):
            return cls(status, body, content_type)
        return cls(status, encode_json(body), content_type or JSON_CONTENT_TYPE)


class Store:
    """Sessions and messages keyed by id, plus raw bodies; ids and timestamps default deterministically."""

    def __init__(self) -> None:
        self.sessions: dict[str, dict[str, Any]] = {}
        self.messages: dict[str, dict[str, Any]] = {}
        self.raw_sessions: dict[str, RawBody] = {}
        self.raw_messages: dict[str, RawBody] = {}
        self.raw_list: RawBody | None = None
        self._ticks = 0
        self._ids = random.Random("duohub-fake-ids")

    def now(self) -> str:
        """The next instant of the fake clock (strictly increasing)."""
        moment = EPOCH + timedelta(seconds=self._ticks)
        self._ticks += 1
        return format_timestamp(moment)

    def new_id(self) -> str:
        """A deterministic UUID4-shaped id."""
        return str(uuid.UUID(int=self._ids.getrandbits(128), version=4))

    def add_session(
        self,
        id: str | None,
        *,
        user_id: str,
        customer_user_id: str | None,
        metadata: Sequence[Mapping[str, str]] | None,
        created_at: Timestamp | None,
        updated_at: Timestamp | None,
        ended_at: Timestamp | None,
        deleted: bool,
        extra_fields: Mapping[str, Any],
    ) -> dict[str, Any]:
        """Store a session (replacing one with the same id) and return a copy of its JSON."""
        created = _timestamp(created_at) or self.now()
        session: dict[str, Any] = {
            "id": id if id is not None else self.new_id(),
            "userID": user_id,
            "customerUserID": customer_user_id,
            "metadata": [dict(item) for item in metadata or ()],
            "createdAt": created,
            "updatedAt": _timestamp(updated_at) or created,
            "deletedAt": self.now() if deleted else None,
            "endedAt": _timestamp(ended_at),
            **extra_fields,
        }
        self.sessions[session["id"]] = session
        return copy.deepcopy(session)

    def add_message(
        self,
        id: str | None,
        *,
        session_id: str,
        role: str,
        content: str,
        user_id: str | None,
        customer_user_id: str | Unset | None,
        created_at: Timestamp | None,
        updated_at: Timestamp | None,
        extra_fields: Mapping[str, Any],
    ) -> dict[str, Any]:
        """Store a message; user and customer ids default to its session's. Returns a copy of its JSON."""
        session = self.sessions.get(session_id, {})
        created = _timestamp(created_at) or self.now()
        message: dict[str, Any] = {
            "id": id if id is not None else self.new_id(),
            "sessionID": session_id,
            "role": role,
            "content": content,
            "userID": user_id if user_id is not None else session.get("userID", DEFAULT_USER_ID),
            "customerUserID": (
                session.get("customerUserID") if isinstance(customer_user_id, Unset) else customer_user_id
            ),
            "createdAt": created,
            "updatedAt": _timestamp(updated_at) or created,
            **extra_fields,
        }
        self.messages[message["id"]] = message
        return copy.deepcopy(message)

    def delete_session(self, id: str) -> dict[str, Any]:
        """Soft-delete: set deletedAt (and updatedAt). Raises KeyError for an unknown id."""
        session = self.sessions[id]
        if session.get("deletedAt") is None:
            session["deletedAt"] = session["updatedAt"] = self.now()
        return copy.deepcopy(session)

    def listed_sessions(self, customer_user_id: str | None) -> list[dict[str, Any]]:
        """Live sessions (optionally of one customer), ordered by createdAt then id."""
        found = [
            session
            for session in self.sessions.values()
            if session.get("deletedAt") is None
            and (customer_user_id is None or session.get("customerUserID") == customer_user_id)
        ]
        return sorted(found, key=lambda session: (str(session.get("createdAt")), str(session.get("id"))))
