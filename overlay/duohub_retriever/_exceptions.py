"""Every error a call can raise, in one hierarchy.

    DuohubError
    └── APIError
        ├── APIConnectionError          the request never got a response
        │   └── APITimeoutError
        ├── APIStatusError              any non-2xx response, documented or not
        │   ├── BadRequestError             400
        │   ├── AuthenticationError         401
        │   ├── PermissionDeniedError       403
        │   ├── NotFoundError               404
        │   ├── ConflictError               409
        │   ├── UnprocessableEntityError    422
        │   ├── RateLimitError              429
        │   └── InternalServerError         >= 500
        └── APIResponseValidationError  a 2xx whose body is not what the spec says

Bad arguments raise ``ValueError``/``TypeError`` before any request is sent.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "DuohubError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
]

# Header names API gateways use for the request id, most specific first.
REQUEST_ID_HEADERS = ("x-request-id", "x-amzn-requestid", "x-amz-request-id", "apigw-requestid")


def request_id_of(headers: httpx.Headers) -> str | None:
    return next((headers[name] for name in REQUEST_ID_HEADERS if name in headers), None)


class DuohubError(Exception):
    """Base class of every error this package raises (configuration errors included)."""


class APIError(DuohubError):
    """A call to the API failed. ``request`` is what was sent (without the key in any str/repr)."""

    message: str
    request: httpx.Request
    body: object | None

    def __init__(self, message: str, request: httpx.Request, *, body: object | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body


class APIConnectionError(APIError):
    """No response arrived: the connection failed, dropped, or timed out (after all retries)."""

    def __init__(self, request: httpx.Request, message: str = "Connection error.") -> None:
        super().__init__(f"{message} ({request.method} {request.url})", request)


class APITimeoutError(APIConnectionError):
    """The request timed out (after all retries)."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__(request, "Request timed out.")


class APIResponseValidationError(APIError):
    """A 2xx response whose body does not match the spec: not JSON, truncated, or the wrong shape."""

    response: httpx.Response
    status_code: int

    def __init__(self, response: httpx.Response, message: str, *, body: object | None = None) -> None:
        super().__init__(
            f"Invalid response from {response.request.method} {response.request.url} "
            f"(HTTP {response.status_code}): {message}",
            response.request,
            body=body,
        )
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The API answered with a non-2xx status.

    ``message`` is the body's ``error`` (or a description of the body), ``status`` the body's
    ``status`` code word (``"not_found"``…) or None, ``body`` the parsed JSON (or text),
    ``request_id`` the gateway's request id when the server sent one.
    """

    response: httpx.Response
    status_code: int
    status: str | None
    request_id: str | None

    def __init__(self, message: str, *, response: httpx.Response, body: object | None, status: str | None) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.status = status
        self.request_id = request_id_of(response.headers)

    def __str__(self) -> str:
        request_id = f" (request id {self.request_id})" if self.request_id else ""
        return f"Error code: {self.status_code} - {self.message}{request_id}"


class BadRequestError(APIStatusError):
    """400: the request was malformed."""


class AuthenticationError(APIStatusError):
    """401: no API key reached the server."""


class PermissionDeniedError(APIStatusError):
    """403: the key is invalid or may not see this resource."""


class NotFoundError(APIStatusError):
    """404: no such resource, or it was deleted."""


class ConflictError(APIStatusError):
    """409: conflicts with the resource's current state (retried)."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was understood but not acceptable."""


class RateLimitError(APIStatusError):
    """429: too many requests (retried, honouring Retry-After)."""


class InternalServerError(APIStatusError):
    """5xx (including non-standard 520-599): the server or a gateway failed (retried)."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}

_BODY_SNIPPET = 200


def status_error_from_response(response: httpx.Response) -> APIStatusError:
    """Build the typed error for a non-2xx response, whatever its body (JSON, HTML, empty, binary)."""
    body, message, status = _describe_body(response)
    error_class = _STATUS_ERRORS.get(response.status_code)
    if error_class is None:
        error_class = InternalServerError if response.status_code >= 500 else APIStatusError
    return error_class(message, response=response, body=body, status=status)


def _describe_body(response: httpx.Response) -> tuple[object | None, str, str | None]:
    reason = f"HTTP {response.status_code}{' ' + response.reason_phrase if response.reason_phrase else ''}"
    content = response.content
    if not content:
        return None, f"{reason} (empty body)", None
    try:
        body: Any = json.loads(content)
    except (
        ValueError,
        RecursionError,
    ):  # not JSON, or absurdly deep (HTML error page from a gateway, plain text, binary)
        text = content.decode("utf-8", errors="replace")
        content_type = response.headers.get("content-type", "unknown content type")
        snippet = " ".join(text.split())[:_BODY_SNIPPET]
        return text, f"{reason} ({content_type}): {snippet}", None
    if isinstance(body, dict):
        error, status = body.get("error"), body.get("status")
        message = error if isinstance(error, str) and error else body.get("message")
        described = message if isinstance(message, str) and message else f"{reason}: {body}"[:_BODY_SNIPPET]
        return body, described, status if isinstance(status, str) else None
    return body, f"{reason}: {body!r}"[:_BODY_SNIPPET], None
