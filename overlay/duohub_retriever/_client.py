"""``Duohub`` and ``AsyncDuohub``: configuration, resources and lifecycle."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING

import httpx

from ._base_client import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    AsyncAPIClient,
    SyncAPIClient,
    resolve_options,
)

if TYPE_CHECKING:
    from .resources import AsyncMessages, AsyncSessions, Messages, Sessions

__all__ = ["AsyncDuohub", "Duohub"]


def _default_timeout(
    timeout: float | httpx.Timeout | None, http_client: httpx.Client | httpx.AsyncClient | None
) -> float | httpx.Timeout | None:
    """An explicit timeout wins; else the one of the http_client you passed; else DEFAULT_TIMEOUT."""
    if timeout is not NOT_GIVEN:
        return timeout
    return http_client.timeout if http_client is not None else DEFAULT_TIMEOUT


class Duohub(SyncAPIClient):
    """Client for the duohub Retriever API.

    ``api_key`` defaults to ``DUOHUB_API_KEY``, ``base_url`` to ``DUOHUB_BASE_URL`` and then
    ``https://api.duohub.ai``. ``timeout`` (seconds or ``httpx.Timeout``) defaults to 30 s
    (5 s to connect), or to your ``http_client``'s. Connection errors, timeouts, 408, 409, 429
    and 5xx are retried ``max_retries`` times (default 2) with backoff, honouring Retry-After.
    One connection pool serves every call; close it with ``close()`` or a ``with`` block.
    """

    sessions: Sessions
    messages: Messages

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        self._options = resolve_options(
            api_key, base_url, _default_timeout(timeout, http_client), max_retries, default_headers
        )
        self._init_http(http_client)
        self._init_resources()

    def _init_resources(self) -> None:
        # Imported on first use: the resources pull in the generated models (and attrs), which is
        # most of the package's import time, and `import duohub_retriever` should stay cheap.
        from .resources import Messages, Sessions

        self.sessions = Sessions(self)
        self.messages = Messages(self)

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> Duohub:
        """A copy with other settings that shares this client's connection pool (closing it is a no-op)."""
        return self._copy(timeout, max_retries, default_headers)

    def __enter__(self) -> Duohub:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


class AsyncDuohub(AsyncAPIClient):
    """Async client for the duohub Retriever API; the same settings and methods as ``Duohub``."""

    sessions: AsyncSessions
    messages: AsyncMessages

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        self._options = resolve_options(
            api_key, base_url, _default_timeout(timeout, http_client), max_retries, default_headers
        )
        self._init_http(http_client)
        self._init_resources()

    def _init_resources(self) -> None:
        from .resources import AsyncMessages, AsyncSessions  # on first use, as in Duohub

        self.sessions = AsyncSessions(self)
        self.messages = AsyncMessages(self)

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> AsyncDuohub:
        """A copy with other settings that shares this client's connection pool (closing it is a no-op)."""
        return self._copy(timeout, max_retries, default_headers)

    async def __aenter__(self) -> AsyncDuohub:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()
