"""Pages of sessions, and how a page fetches the next (or previous) one.

``GET /sessions/list`` pages with opaque ``nextToken``/``previousToken``. A page knows the
query it came from, so ``get_next_page()`` repeats it with the token. Iterating a page yields
its sessions and then those of every following page, fetched lazily: only the current page is
held, so iterating 100 000 sessions takes the memory of one page.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any

import httpx

from duohub_retriever_api.models import Session, SessionListResponse
from duohub_retriever_api.types import Unset

from ._exceptions import APIResponseValidationError, DuohubError

__all__ = ["AsyncSessionPage", "AsyncSessionPager", "SessionPage"]


def _token(value: str | Unset | None) -> str | None:
    return value if isinstance(value, str) and value else None


class _PageData:
    """What one response of GET /sessions/list says, shared by the sync and async pages."""

    sessions: list[Session]
    next_token: str | None
    previous_token: str | None
    count: int | None

    def __init__(self, response: SessionListResponse, http_response: httpx.Response) -> None:
        self.http_response = http_response
        data = response.data
        self.sessions = [] if isinstance(data.sessions, Unset) else data.sessions
        self.next_token = _token(data.next_token)
        self.previous_token = _token(data.previous_token)
        self.count = None if isinstance(data.count, Unset) else data.count

    def has_next_page(self) -> bool:
        """True when the server returned a ``nextToken``."""
        return self.next_token is not None

    def has_previous_page(self) -> bool:
        """True when the server returned a ``previousToken``."""
        return self.previous_token is not None

    def _require(self, token: str | None, direction: str) -> str:
        if token is None:
            raise DuohubError(f"There is no {direction} page: the server returned no {direction}Token.")
        return token

    def _token_towards(self, backwards: bool, followed: set[str]) -> str | None:
        """The token to the adjacent page; a token already followed means the server is looping."""
        token = self.previous_token if backwards else self.next_token
        if token is not None and token in followed:
            raise APIResponseValidationError(
                self.http_response, f"pagination does not advance: token {token!r} was already followed"
            )
        if token is not None:
            followed.add(token)
        return token

    def __len__(self) -> int:
        return len(self.sessions)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(sessions=<{len(self.sessions)} sessions>, next_token={self.next_token!r}, "
            f"previous_token={self.previous_token!r}, count={self.count!r})"
        )


class SessionPage(_PageData):
    """One page of sessions. ``for session in page`` walks this page and all following ones."""

    def __init__(
        self, response: SessionListResponse, http_response: httpx.Response, fetch: Callable[..., SessionPage]
    ) -> None:
        super().__init__(response, http_response)
        self._fetch = fetch  # list(...) with this page's query, taking next_token/previous_token

    def get_next_page(self) -> SessionPage:
        """Fetch the page after this one (same query); DuohubError if there is none."""
        return self._fetch(next_token=self._require(self.next_token, "next"))

    def get_previous_page(self) -> SessionPage:
        """Fetch the page before this one (same query); DuohubError if there is none."""
        return self._fetch(previous_token=self._require(self.previous_token, "previous"))

    def iter_pages(self, *, backwards: bool = False) -> Iterator[SessionPage]:
        """This page, then each following (or, with ``backwards=True``, preceding) page."""
        page: SessionPage | None = self
        followed: set[str] = set()
        while page is not None:
            yield page
            token = page._token_towards(backwards, followed)
            direction = "previous_token" if backwards else "next_token"
            page = None if token is None else page._fetch(**{direction: token})

    def __iter__(self) -> Iterator[Session]:
        for page in self.iter_pages():
            yield from page.sessions


class AsyncSessionPage(_PageData):
    """One page of sessions. ``async for session in page`` walks this page and all following ones."""

    def __init__(
        self,
        response: SessionListResponse,
        http_response: httpx.Response,
        fetch: Callable[..., Awaitable[AsyncSessionPage]],
    ) -> None:
        super().__init__(response, http_response)
        self._fetch = fetch

    async def get_next_page(self) -> AsyncSessionPage:
        """Fetch the page after this one (same query); DuohubError if there is none."""
        return await self._fetch(next_token=self._require(self.next_token, "next"))

    async def get_previous_page(self) -> AsyncSessionPage:
        """Fetch the page before this one (same query); DuohubError if there is none."""
        return await self._fetch(previous_token=self._require(self.previous_token, "previous"))

    async def iter_pages(self, *, backwards: bool = False) -> AsyncIterator[AsyncSessionPage]:
        """This page, then each following (or, with ``backwards=True``, preceding) page."""
        page: AsyncSessionPage | None = self
        followed: set[str] = set()
        while page is not None:
            yield page
            token = page._token_towards(backwards, followed)
            direction = "previous_token" if backwards else "next_token"
            page = None if token is None else await page._fetch(**{direction: token})

    async def __aiter__(self) -> AsyncIterator[Session]:
        async for page in self.iter_pages():
            for session in page.sessions:
                yield session


class AsyncSessionPager:
    """What ``AsyncDuohub.sessions.list(...)`` returns: ``await`` it for the first page, or
    ``async for`` over it for every session of every page."""

    def __init__(self, fetch_first: Callable[[], Awaitable[AsyncSessionPage]]) -> None:
        self._fetch_first = fetch_first

    def __await__(self) -> Generator[Any, None, AsyncSessionPage]:
        return self._fetch_first().__await__()

    async def __aiter__(self) -> AsyncIterator[Session]:
        page = await self._fetch_first()
        async for session in page:
            yield session
