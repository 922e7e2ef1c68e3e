"""``client.sessions``: GET /sessions/get/{id} and GET /sessions/list."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, Literal, overload

import httpx

from duohub_retriever_api.api.sessions import get_session, list_sessions
from duohub_retriever_api.models import Session, SessionListResponse, SessionResponse
from duohub_retriever_api.types import UNSET

from .._base_client import AsyncAPIClient, Call, SyncAPIClient
from .._bulk import check_concurrency, check_ids, gather_bounded
from .._exceptions import DuohubError
from .._inputs import optional_text, page_limit, path_id
from .._parsing import parse_json, parse_model
from .._response import APIResponse
from ..pagination import AsyncSessionPage, AsyncSessionPager, SessionPage

__all__ = ["AsyncSessions", "AsyncSessionsWithRawResponse", "Sessions", "SessionsWithRawResponse"]


def _parse_session(response: httpx.Response) -> Session:
    return parse_model(SessionResponse, parse_json(response), response).data


def _parse_session_list(response: httpx.Response) -> SessionListResponse:
    return parse_model(SessionListResponse, parse_json(response), response)


def _get_call(session_id: str) -> Call[Session]:
    return Call(get_session._get_kwargs(id=path_id("session_id", session_id)), _parse_session)


def _list_request(
    customer_user_id: str | None, limit: int | None, next_token: str | None, previous_token: str | None
) -> dict[str, Any]:
    """Check the query before anything is sent; omitted values are not sent at all."""
    customer_user_id = optional_text("customer_user_id", customer_user_id)
    next_token = optional_text("next_token", next_token)
    previous_token = optional_text("previous_token", previous_token)
    if next_token and previous_token:
        raise ValueError("pass next_token or previous_token, not both")
    return list_sessions._get_kwargs(
        customer_user_id=customer_user_id or UNSET,
        limit=UNSET if limit is None else page_limit(limit),
        next_token=next_token or UNSET,
        previous_token=previous_token or UNSET,
    )


class Sessions:
    """Sessions of your duohub account."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def get(self, session_id: str) -> Session:
        """Retrieve one session. Raises NotFoundError if it does not exist or was deleted."""
        return self._client._execute(_get_call(session_id))

    def list(
        self,
        customer_user_id: str | None = None,
        limit: int | None = None,
        next_token: str | None = None,
        previous_token: str | None = None,
    ) -> SessionPage:
        """One page of sessions (``limit`` 1-100, server default 10). Iterate it for all pages."""
        return self._client._execute(self._list_call(customer_user_id, limit, next_token, previous_token))

    def _list_call(
        self, customer_user_id: str | None, limit: int | None, next_token: str | None, previous_token: str | None
    ) -> Call[SessionPage]:
        request = _list_request(customer_user_id, limit, next_token, previous_token)
        fetch = functools.partial(self.list, customer_user_id, limit)
        return Call(request, lambda response: SessionPage(_parse_session_list(response), response, fetch))

    @functools.cached_property
    def with_raw_response(self) -> SessionsWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, ``parse()``)."""
        return SessionsWithRawResponse(self)


class SessionsWithRawResponse:
    """`with_raw_response`: each method returns an APIResponse instead of the parsed model."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    def get(self, session_id: str) -> APIResponse[Session]:
        return self._sessions._client._send(_get_call(session_id))

    def list(
        self,
        customer_user_id: str | None = None,
        limit: int | None = None,
        next_token: str | None = None,
        previous_token: str | None = None,
    ) -> APIResponse[SessionPage]:
        call = self._sessions._list_call(customer_user_id, limit, next_token, previous_token)
        return self._sessions._client._send(call)


class AsyncSessions:
    """Sessions of your duohub account (async)."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def get(self, session_id: str) -> Session:
        """Retrieve one session. Raises NotFoundError if it does not exist or was deleted."""
        return await self._client._execute(_get_call(session_id))

    @overload
    async def get_many(
        self, session_ids: Iterable[str], *, concurrency: int = ..., return_exceptions: Literal[False] = ...
    ) -> list[Session]: ...
    @overload
    async def get_many(
        self, session_ids: Iterable[str], *, concurrency: int = ..., return_exceptions: Literal[True]
    ) -> list[Session | DuohubError]: ...
    async def get_many(
        self, session_ids: Iterable[str], *, concurrency: int = 8, return_exceptions: bool = False
    ) -> list[Session] | list[Session | DuohubError]:
        """Retrieve many sessions over one connection pool, at most ``concurrency`` at a time.

        Results are in input order. Every id is checked before the first request. The first
        error is raised (the rest are cancelled) unless ``return_exceptions=True`` puts each
        error in its id's place.
        """
        check_ids("session_ids", session_ids)
        ids = [path_id("session_id", session_id) for session_id in session_ids]
        return await gather_bounded(ids, self.get, check_concurrency(concurrency), return_exceptions)

    def list(
        self,
        customer_user_id: str | None = None,
        limit: int | None = None,
        next_token: str | None = None,
        previous_token: str | None = None,
    ) -> AsyncSessionPager:
        """``await`` it for one page, or ``async for session in ...`` for every session of every page."""
        call = self._list_call(customer_user_id, limit, next_token, previous_token)
        return AsyncSessionPager(lambda: self._client._execute(call))

    def _list_call(
        self, customer_user_id: str | None, limit: int | None, next_token: str | None, previous_token: str | None
    ) -> Call[AsyncSessionPage]:
        request = _list_request(customer_user_id, limit, next_token, previous_token)

        async def fetch(*, next_token: str | None = None, previous_token: str | None = None) -> AsyncSessionPage:
            return await self.list(customer_user_id, limit, next_token, previous_token)

        return Call(request, lambda response: AsyncSessionPage(_parse_session_list(response), response, fetch))

    @functools.cached_property
    def with_raw_response(self) -> AsyncSessionsWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, ``parse()``)."""
        return AsyncSessionsWithRawResponse(self)


class AsyncSessionsWithRawResponse:
    """`with_raw_response`: each method returns an APIResponse instead of the parsed model."""

    def __init__(self, sessions: AsyncSessions) -> None:
        self._sessions = sessions

    async def get(self, session_id: str) -> APIResponse[Session]:
        return await self._sessions._client._send(_get_call(session_id))

    async def list(
        self,
        customer_user_id: str | None = None,
        limit: int | None = None,
        next_token: str | None = None,
        previous_token: str | None = None,
    ) -> APIResponse[AsyncSessionPage]:
        call = self._sessions._list_call(customer_user_id, limit, next_token, previous_token)
        return await self._sessions._client._send(call)
