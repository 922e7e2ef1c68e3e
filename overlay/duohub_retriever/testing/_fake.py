"""`FakeDuohub`: the fake service's state and its one request-handling core, plus the ways to plug it in."""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpx

from ._core import Context, route
from ._faults import FaultPlan
from ._records import RecordedRequest, record
from ._reply import Reply
from ._seed import seed_store
from ._server import FakeServer
from ._store import DEFAULT_USER_ID, UNSET, RawBody, Store, Timestamp, Unset
from ._transport import FakeTransport

if TYPE_CHECKING:  # the client package is written alongside; until it exists these are Any
    from duohub_retriever import AsyncDuohub, Duohub  # type: ignore[attr-defined, unused-ignore]

FAKE_BASE_URL = "http://fake.duohub.test"
"""The base URL in-process clients use (never resolved: the transport answers)."""


class FakeDuohub:
    """An in-memory duohub Retriever service for tests; thread-safe.

    Add data (`add_session`, `add_message`, `seed`, `put_raw_*`), script `faults`, set `latency`, then
    serve it in-process (`transport`, `client`, `async_client`) or over HTTP (`serve`). Every request
    it receives is appended to `requests`.
    """

    def __init__(self, api_key: str = "test-key", *, latency: float = 0.0) -> None:
        self.api_key = api_key
        self.latency = latency
        """Seconds added to every reply (before any fault delay)."""
        self.faults = FaultPlan()
        self._lock = threading.RLock()
        self._store = Store()
        self._requests: list[RecordedRequest] = []
        self._request_ids = 0

    # Data -----------------------------------------------------------------------------------------

    def add_session(
        self,
        id: str | None = None,
        *,
        customer_user_id: str | None = None,
        user_id: str = DEFAULT_USER_ID,
        metadata: Sequence[Mapping[str, str]] | None = None,
        created_at: Timestamp | None = None,
        updated_at: Timestamp | None = None,
        ended_at: Timestamp | None = None,
        deleted: bool = False,
        **extra_fields: Any,
    ) -> dict[str, Any]:
        """Store a session and return (a copy of) its JSON; `extra_fields` are added verbatim.

        Defaults: a deterministic UUID, createdAt from the fake clock, updatedAt = createdAt,
        deletedAt set only if `deleted`. Datetimes are formatted like '2024-01-01T00:00:00.000Z'.
        """
        with self._lock:
            return self._store.add_session(
                id,
                user_id=user_id,
                customer_user_id=customer_user_id,
                metadata=metadata,
                created_at=created_at,
                updated_at=updated_at,
                ended_at=ended_at,
                deleted=deleted,
                extra_fields=extra_fields,
            )

    def add_message(
        self,
        id: str | None = None,
        *,
        session_id: str,
        role: str = "user",
        content: str = "",
        user_id: str | None = None,
        customer_user_id: str | Unset | None = UNSET,
        created_at: Timestamp | None = None,
        updated_at: Timestamp | None = None,
        **extra_fields: Any,
    ) -> dict[str, Any]:
        """Store a message and return (a copy of) its JSON. `role` may be any string (e.g. 'developer').

        userID and customerUserID default to the session's; the session need not exist.
        """
        with self._lock:
            return self._store.add_message(
                id,
                session_id=session_id,
                role=role,
                content=content,
                user_id=user_id,
                customer_user_id=customer_user_id,
                created_at=created_at,
                updated_at=updated_at,
                extra_fields=extra_fields,
            )

    def delete_session(self, id: str) -> dict[str, Any]:
        """Soft-delete a session: GET answers 404 'Session has been deleted', list skips it. KeyError if unknown."""
        with self._lock:
            return self._store.delete_session(id)

    def seed(
        self, customers: int = 3, sessions_per_customer: int = 25, messages_per_session: int = 2, rng_seed: int = 0
    ) -> list[dict[str, Any]]:
        """Add a realistic deterministic data set (customers 'cust-001'...); returns its sessions oldest first."""
        with self._lock:
            return seed_store(
                self._store,
                customers=customers,
                sessions_per_customer=sessions_per_customer,
                messages_per_session=messages_per_session,
                rng_seed=rng_seed,
            )

    def put_raw_session(self, id: str, body: object, *, status: int = 200, content_type: str | None = None) -> None:
        """Serve `body` for GET /sessions/get/{id}: bytes verbatim, anything else as JSON (no validation)."""
        with self._lock:
            self._store.raw_sessions[id] = RawBody.of(body, status, content_type)

    def put_raw_message(self, id: str, body: object, *, status: int = 200, content_type: str | None = None) -> None:
        """Serve `body` for GET /messages/get/{id}: bytes verbatim, anything else as JSON (no validation)."""
        with self._lock:
            self._store.raw_messages[id] = RawBody.of(body, status, content_type)

    def put_raw_list(self, body: object, *, status: int = 200, content_type: str | None = None) -> None:
        """Serve `body` for every authorised GET /sessions/list until `clear_raw`."""
        with self._lock:
            self._store.raw_list = RawBody.of(body, status, content_type)

    def clear_raw(self) -> None:
        """Forget every raw body set with `put_raw_*`."""
        with self._lock:
            self._store.raw_sessions.clear()
            self._store.raw_messages.clear()
            self._store.raw_list = None

    @property
    def sessions(self) -> list[dict[str, Any]]:
        """Copies of every stored session (deleted ones too), in insertion order."""
        with self._lock:
            return copy.deepcopy(list(self._store.sessions.values()))

    @property
    def messages(self) -> list[dict[str, Any]]:
        """Copies of every stored message, in insertion order."""
        with self._lock:
            return copy.deepcopy(list(self._store.messages.values()))

    # Requests -------------------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first (a snapshot)."""
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        """Forget the recorded requests."""
        with self._lock:
            self._requests.clear()

    def handle(self, method: str, raw_path: str, raw_query: str, headers: Sequence[tuple[str, str]]) -> Reply:
        """The one request-handling core: record, answer per the spec, then apply latency and faults."""
        api_key = next((value for name, value in headers if name.lower() == "x-api-key"), None)
        request = record(method, raw_path, raw_query, headers)
        with self._lock:
            self._requests.append(request)
            self._request_ids += 1
            reply = route(Context(self._store, self.api_key, b"duohub-fake-token"), request, api_key)
            reply = Reply(
                reply.status,
                (*reply.headers, ("X-Request-Id", f"fake-{self._request_ids:06d}")),
                reply.body,
                reply.delay + self.latency,
            )
        fault = self.faults.pick(raw_path)
        return fault.apply(reply) if fault is not None else reply

    # Plug-ins -------------------------------------------------------------------------------------

    def transport(self) -> FakeTransport:
        """An httpx transport for both `httpx.Client` and `httpx.AsyncClient`."""
        return FakeTransport(self)

    def client(self, **kwargs: Any) -> Duohub:
        """A `duohub_retriever.Duohub` wired to this fake in-process; `kwargs` (even api_key) override."""
        from duohub_retriever import Duohub  # type: ignore[attr-defined, unused-ignore]

        kwargs.setdefault("api_key", self.api_key)
        kwargs.setdefault("base_url", FAKE_BASE_URL)
        if "http_client" not in kwargs:
            kwargs["http_client"] = httpx.Client(transport=self.transport(), base_url=kwargs["base_url"])
        return Duohub(**kwargs)

    def async_client(self, **kwargs: Any) -> AsyncDuohub:
        """A `duohub_retriever.AsyncDuohub` wired to this fake in-process; `kwargs` (even api_key) override."""
        from duohub_retriever import AsyncDuohub  # type: ignore[attr-defined, unused-ignore]

        kwargs.setdefault("api_key", self.api_key)
        kwargs.setdefault("base_url", FAKE_BASE_URL)
        if "http_client" not in kwargs:
            kwargs["http_client"] = httpx.AsyncClient(transport=self.transport(), base_url=kwargs["base_url"])
        return AsyncDuohub(**kwargs)

    @contextmanager
    def serve(self, port: int = 0, host: str = "127.0.0.1", *, log: bool = False) -> Iterator[str]:
        """Serve over real HTTP while the block runs; yields the base URL. Stops cleanly on exit."""
        with FakeServer(self, host, port, log=log) as url:
            yield url
