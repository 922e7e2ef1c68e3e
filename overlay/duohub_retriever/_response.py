"""The raw response of a call, for ``client.<resource>.with_raw_response.<method>(...)``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import httpx

from ._exceptions import request_id_of

T = TypeVar("T")


class APIResponse(Generic[T]):
    """A successful (2xx) response before parsing: status, headers, and ``parse()`` for the model."""

    http_response: httpx.Response

    def __init__(self, http_response: httpx.Response, parser: Callable[[httpx.Response], T], retries: int) -> None:
        self.http_response = http_response
        self.retries = retries  # how many retries it took to get this response
        self._parser = parser
        self._parsed: list[T] = []  # a list, not None: None may be a valid parsed value

    @property
    def status_code(self) -> int:
        """The HTTP status (always 2xx: errors are raised)."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The gateway's request id, when the server sent one."""
        return request_id_of(self.http_response.headers)

    @property
    def content(self) -> bytes:
        """The raw body bytes."""
        return self.http_response.content

    def parse(self) -> T:
        """The parsed model (computed once); APIResponseValidationError if the body is off-spec."""
        if not self._parsed:
            self._parsed.append(self._parser(self.http_response))
        return self._parsed[0]

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<APIResponse {request.method} {request.url} [{self.status_code}]>"
