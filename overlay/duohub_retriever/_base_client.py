"""The request loop shared by every operation: build → send → retry decision → parse.

``SyncAPIClient`` and ``AsyncAPIClient`` are twins; everything that does not wait on I/O
(configuration, request building, redirects, the error for a response) lives in ``BaseClient``.
"""

from __future__ import annotations

import copy
import os
import re
import sys
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Self, TypeVar

import httpx

from . import _logging
from ._exceptions import APIConnectionError, APITimeoutError, DuohubError, status_error_from_response
from ._response import APIResponse
from ._retry import RetryPolicy, is_retryable_exception, is_retryable_status
from ._version import __version__

T = TypeVar("T")

DEFAULT_BASE_URL = "https://api.duohub.ai"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)
API_KEY_HEADER = "X-API-Key"
_PYTHON_VERSION = ".".join(map(str, sys.version_info[:3]))
MAX_REDIRECTS = 5

_logging.configure_from_env()
logger = _logging.logger


class _NotGiven:
    """Marks an argument the caller did not pass (None is a meaningful timeout: no timeout)."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


@dataclass(frozen=True)
class Call(Generic[T]):
    """One operation to perform: the generated request arguments and how to parse a 2xx reply."""

    request: Mapping[str, Any]  # what the generated `_get_kwargs` returns: method, url, params
    parse: Callable[[httpx.Response], T]


@dataclass(frozen=True)
class ClientOptions:
    api_key: str = field(repr=False)
    base_url: str
    timeout: float | httpx.Timeout | None
    retry: RetryPolicy
    headers: Mapping[str, str] = field(repr=False)
    origin: tuple[str, str, int | None] = field(repr=False)  # (scheme, host, port) of base_url


_HEADER_SAFE = re.compile(r"[\x21-\x7e]+")  # visible ASCII: what an HTTP header value can carry safely


def _check_timeout(timeout: object) -> None:
    values = (
        [timeout.connect, timeout.read, timeout.write, timeout.pool]
        if isinstance(timeout, httpx.Timeout)
        else [timeout]
    )
    for value in values:
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"timeout must be seconds (a number), an httpx.Timeout or None, got {timeout!r}")
        if not value > 0:
            raise ValueError(f"timeout must be greater than 0 seconds (or None for no timeout), got {timeout!r}")


def resolve_options(
    api_key: str | None,
    base_url: str | None,
    timeout: float | httpx.Timeout | None,
    max_retries: int,
    default_headers: Mapping[str, str] | None,
) -> ClientOptions:
    """Apply the environment fallbacks and check every setting once, at construction."""
    api_key = api_key if api_key is not None else os.environ.get("DUOHUB_API_KEY")
    if not api_key:
        raise DuohubError("No API key: pass api_key=... to the client or set the DUOHUB_API_KEY environment variable.")
    if not _HEADER_SAFE.fullmatch(api_key):  # e.g. a newline read from a file; the message never repeats the key
        raise DuohubError("The API key contains whitespace, control or non-ASCII characters: check how it was read.")
    base_url = base_url or os.environ.get("DUOHUB_BASE_URL") or DEFAULT_BASE_URL
    url = httpx.URL(base_url)
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an absolute http(s) URL, got {base_url!r}")
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ValueError(f"max_retries must be an int >= 0, got {max_retries!r}")
    _check_timeout(timeout)
    headers = httpx.Headers(
        {
            "Accept": "application/json",
            "User-Agent": f"duohub-retriever/{__version__} Python/{_PYTHON_VERSION} httpx/{httpx.__version__}",
        }
    )
    headers.update(default_headers or {})
    headers[API_KEY_HEADER] = api_key  # replaces any x-api-key spelling from default_headers
    origin = (url.scheme, url.host, url.port)
    return ClientOptions(api_key, base_url.rstrip("/"), timeout, RetryPolicy(max_retries=max_retries), headers, origin)


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # here, not at module level: importing asyncio costs sync users ~15 ms

    await asyncio.sleep(seconds)


class BaseClient:
    _options: ClientOptions
    _owns_http: bool
    # The options the connection pool was built with (headers, timeout), when this package built it.
    _pool_options: ClientOptions | None = None

    @property
    def api_key(self) -> str:
        return self._options.api_key

    @property
    def base_url(self) -> str:
        return self._options.base_url

    @property
    def timeout(self) -> float | httpx.Timeout | None:
        return self._options.timeout

    @property
    def max_retries(self) -> int:
        return self._options.retry.max_retries

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, api_key='<redacted>', "
            f"timeout={self.timeout!r}, max_retries={self.max_retries})"
        )

    def _init_resources(self) -> None:
        raise NotImplementedError

    def _copy(
        self,
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
        default_headers: Mapping[str, str] | None,
    ) -> Self:
        """A shallow copy with other options: same connection pool, which the copy does not close."""
        options = self._options
        clone = copy.copy(self)
        clone._options = resolve_options(
            options.api_key,
            options.base_url,
            options.timeout if timeout is NOT_GIVEN else timeout,
            options.retry.max_retries if max_retries is None else max_retries,
            {**options.headers, **(default_headers or {})},
        )
        clone._owns_http = False
        clone._init_resources()
        return clone

    def _build_request(self, http_client: httpx.Client | httpx.AsyncClient, call: Call[Any]) -> httpx.Request:
        if http_client.is_closed:
            raise DuohubError(f"This {type(self).__name__} is closed: create a new client (or use it in a with-block).")
        spec = call.request
        url = self._options.base_url + spec["url"]
        try:
            if self._options is self._pool_options:  # headers and timeout are the pool's own: skip the merge
                return http_client.build_request(spec["method"].upper(), url, params=spec.get("params"))
            return http_client.build_request(
                spec["method"].upper(),
                url,
                params=spec.get("params"),
                headers=self._options.headers,
                timeout=self._options.timeout,
            )
        except httpx.InvalidURL as error:  # e.g. an id that makes the URL longer than 64 KB
            raise ValueError(f"cannot build the request URL: {error}") from None

    def _is_api_origin(self, url: httpx.URL) -> bool:
        return (url.scheme, url.host, url.port) == self._options.origin

    def _redirect(self, request: httpx.Request, response: httpx.Response) -> httpx.Request | None:
        """The next request for a redirect, or None. Credentials never leave the API's origin."""
        if not response.has_redirect_location:
            return None
        url = request.url.join(response.headers["location"])
        headers = httpx.Headers(request.headers)
        if not self._is_api_origin(url):
            for name in _logging.SECRET_HEADERS:
                headers.pop(name, None)
            logger.warning("Redirected to another origin (%s); no credentials are sent there", url.host)
        headers.pop("Host", None)
        return httpx.Request("GET", url, headers=headers, extensions=request.extensions)

    def _auth_for(self, request: httpx.Request) -> httpx.Auth | httpx._client.UseClientDefault | None:
        """The http_client's own auth (say Basic) goes to the API's origin only."""
        return httpx.USE_CLIENT_DEFAULT if self._is_api_origin(request.url) else None

    def _log_request(self, request: httpx.Request, attempt: int) -> None:
        if logger.isEnabledFor(10):  # DEBUG, without formatting the headers on the hot path
            headers = _logging.redacted_headers(request.headers)
            logger.debug("Request %s %s (attempt %d) headers=%s", request.method, request.url, attempt, headers)

    def _retry_delay(
        self, retries_done: int, request: httpx.Request, reason: str, response: httpx.Response | None
    ) -> float:
        delay = self._options.retry.delay(retries_done, response)
        logger.info(
            "Retrying %s %s in %.2f s (retry %d of %d) after %s",
            request.method, request.url, delay, retries_done + 1, self.max_retries, reason,
        )  # fmt: skip
        return delay

    def _connection_error(self, error: httpx.RequestError, request: httpx.Request) -> APIConnectionError:
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(request)
        if isinstance(error, httpx.LocalProtocolError):  # its text may quote a header value: the key
            return APIConnectionError(request, "Connection error: the request could not be sent (LocalProtocolError)")
        return APIConnectionError(request, f"Connection error: {type(error).__name__}: {error}")

    def _can_retry_status(self, response: httpx.Response, retries_done: int) -> bool:
        return retries_done < self.max_retries and is_retryable_status(response.status_code)

    def _can_retry_error(self, error: httpx.RequestError, retries_done: int) -> bool:
        return retries_done < self.max_retries and is_retryable_exception(error)


class SyncAPIClient(BaseClient):
    _http: httpx.Client
    _sleep: Callable[[float], None] = staticmethod(time.sleep)

    def _init_http(self, http_client: httpx.Client | None) -> None:
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(f"http_client must be an httpx.Client, got {type(http_client).__name__}")
        self._owns_http = True  # a client you pass in is closed with this one, as with a with-block
        if http_client is None:
            options = self._pool_options = self._options
            http_client = httpx.Client(limits=DEFAULT_LIMITS, headers=options.headers, timeout=options.timeout)
        self._http = http_client

    def _send(self, call: Call[T]) -> APIResponse[T]:
        """Send with retries; return the 2xx response or raise the typed error."""
        request = self._build_request(self._http, call)
        retries_done = 0
        while True:
            self._log_request(request, retries_done + 1)
            try:
                response = self._send_following_redirects(request)
            except httpx.RequestError as error:  # transport failures, undecodable bodies
                if not self._can_retry_error(error, retries_done):
                    raise self._connection_error(error, request) from error
                self._sleep(self._retry_delay(retries_done, request, type(error).__name__, None))
                retries_done += 1
                continue
            if response.is_success:
                return APIResponse(response, call.parse, retries_done)
            if not self._can_retry_status(response, retries_done):
                raise status_error_from_response(response)
            self._sleep(self._retry_delay(retries_done, request, f"HTTP {response.status_code}", response))
            retries_done += 1

    def _send_following_redirects(self, request: httpx.Request) -> httpx.Response:
        for _ in range(MAX_REDIRECTS):
            response = self._http.send(request, follow_redirects=False, auth=self._auth_for(request))
            next_request = self._redirect(request, response)
            if next_request is None:
                return response
            request = next_request
        return self._http.send(request, follow_redirects=False, auth=self._auth_for(request))

    def _execute(self, call: Call[T]) -> T:
        return self._send(call).parse()

    def close(self) -> None:
        """Close the connection pool (also an http_client you passed in); a with_options() copy does nothing."""
        if self._owns_http:
            self._http.close()


class AsyncAPIClient(BaseClient):
    _http: httpx.AsyncClient
    _sleep: Callable[[float], Awaitable[None]] = staticmethod(_asyncio_sleep)

    def _init_http(self, http_client: httpx.AsyncClient | None) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__}")
        self._owns_http = True  # a client you pass in is closed with this one, as with a with-block
        if http_client is None:
            options = self._pool_options = self._options
            http_client = httpx.AsyncClient(limits=DEFAULT_LIMITS, headers=options.headers, timeout=options.timeout)
        self._http = http_client

    async def _send(self, call: Call[T]) -> APIResponse[T]:
        """Send with retries; return the 2xx response or raise the typed error."""
        request = self._build_request(self._http, call)
        retries_done = 0
        while True:
            self._log_request(request, retries_done + 1)
            try:
                response = await self._send_following_redirects(request)
            except httpx.RequestError as error:  # transport failures, undecodable bodies
                if not self._can_retry_error(error, retries_done):
                    raise self._connection_error(error, request) from error
                await self._sleep(self._retry_delay(retries_done, request, type(error).__name__, None))
                retries_done += 1
                continue
            if response.is_success:
                return APIResponse(response, call.parse, retries_done)
            if not self._can_retry_status(response, retries_done):
                raise status_error_from_response(response)
            await self._sleep(self._retry_delay(retries_done, request, f"HTTP {response.status_code}", response))
            retries_done += 1

    async def _send_following_redirects(self, request: httpx.Request) -> httpx.Response:
        for _ in range(MAX_REDIRECTS):
            response = await self._http.send(request, follow_redirects=False, auth=self._auth_for(request))
            next_request = self._redirect(request, response)
            if next_request is None:
                return response
            request = next_request
        return await self._http.send(request, follow_redirects=False, auth=self._auth_for(request))

    async def _execute(self, call: Call[T]) -> T:
        return (await self._send(call)).parse()

    async def aclose(self) -> None:
        """Close the connection pool (also an http_client you passed in); a with_options() copy does nothing."""
        if self._owns_http:
            await self._http.aclose()


__all__ = ["NOT_GIVEN", "AsyncAPIClient", "BaseClient", "Call", "SyncAPIClient"]
