"""Every way a run can fail → one line for stderr and a distinct exit code."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._text import clip, one_line

KEY_HINT = "set DUOHUB_API_KEY or pass --api-key"
MESSAGE_MAX = 300  # characters of the server's error message to show


class ExitCode(enum.IntEnum):
    OK = 0
    UNEXPECTED = 1
    USAGE = 2
    CONFIGURATION = 3
    AUTHENTICATION = 4
    PERMISSION = 5
    NOT_FOUND = 6
    RATE_LIMITED = 7
    API_ERROR = 8
    CONNECTION = 9
    INVALID_RESPONSE = 10
    INTERRUPTED = 130
    BROKEN_PIPE = 141


EXIT_CODES: tuple[tuple[ExitCode, str], ...] = (
    (ExitCode.OK, "success"),
    (ExitCode.UNEXPECTED, "unexpected error (a bug: please report it)"),
    (ExitCode.USAGE, "bad arguments, found locally or by the API (400, 422)"),
    (ExitCode.CONFIGURATION, "configuration: no API key, invalid base URL"),
    (ExitCode.AUTHENTICATION, "authentication failed (401): no key reached the API"),
    (ExitCode.PERMISSION, "permission denied (403): invalid key, or not yours"),
    (ExitCode.NOT_FOUND, "not found (404), or deleted"),
    (ExitCode.RATE_LIMITED, "rate limited (429), after retries"),
    (ExitCode.API_ERROR, "API error: 5xx after retries, or any other status"),
    (ExitCode.CONNECTION, "connection failed or timed out, after retries"),
    (ExitCode.INVALID_RESPONSE, "invalid response: a 2xx body that does not match the spec"),
    (ExitCode.INTERRUPTED, "interrupted (Ctrl-C)"),
    (ExitCode.BROKEN_PIPE, "output closed early (e.g. | head): stops quietly"),
)


class UsageError(Exception):
    """The command line is wrong; ``prog`` is the (sub)command whose --help explains it."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(message)
        self.prog = prog


class ConfigurationError(Exception):
    """The client cannot be built from the flags and environment."""


@dataclass(frozen=True)
class Failure:
    code: ExitCode
    message: str  # one line, without the program name


def describe(error: BaseException) -> Failure:
    """The exit code and the one-line message for ``error``."""
    failure = _describe(error)
    return Failure(failure.code, one_line(failure.message))


def _describe(error: BaseException) -> Failure:
    if isinstance(error, KeyboardInterrupt):
        return Failure(ExitCode.INTERRUPTED, "interrupted")
    if isinstance(error, UsageError):
        return Failure(ExitCode.USAGE, f"{error} (see '{error.prog} --help')")
    if isinstance(error, ConfigurationError):
        return Failure(ExitCode.CONFIGURATION, f"configuration error: {error}")
    if isinstance(error, APIStatusError):
        return _status_failure(error)
    if isinstance(error, APITimeoutError):
        request = error.request
        return Failure(
            ExitCode.CONNECTION, f"request timed out ({request.method} {request.url}): raise --timeout or retry later"
        )
    if isinstance(error, APIConnectionError):
        request, cause = error.request, error.__cause__
        reason = (str(cause) or type(cause).__name__) if cause is not None else error.message
        return Failure(
            ExitCode.CONNECTION,
            f"connection failed ({request.method} {request.url}): {reason} — check --base-url or DUOHUB_BASE_URL",
        )
    if isinstance(error, APIResponseValidationError):
        return Failure(ExitCode.INVALID_RESPONSE, error.message)
    if isinstance(error, ValueError) and not isinstance(error, UnicodeError):
        return Failure(ExitCode.USAGE, f"invalid argument: {error}")  # the SDK's checks, before any request
    return Failure(ExitCode.UNEXPECTED, f"unexpected error: {type(error).__name__}: {error}")


_STATUS_FAILURES: tuple[tuple[type[APIStatusError], ExitCode, str, str], ...] = (
    (BadRequestError, ExitCode.USAGE, "bad request", ""),
    (UnprocessableEntityError, ExitCode.USAGE, "request not accepted", ""),
    (AuthenticationError, ExitCode.AUTHENTICATION, "authentication failed", KEY_HINT),
    (PermissionDeniedError, ExitCode.PERMISSION, "permission denied", "check DUOHUB_API_KEY or --api-key"),
    (NotFoundError, ExitCode.NOT_FOUND, "not found", ""),
    (RateLimitError, ExitCode.RATE_LIMITED, "rate limited", "retry later, or raise --max-retries"),
)


def _status_failure(error: APIStatusError) -> Failure:
    code, what, hint = ExitCode.API_ERROR, "server error" if error.status_code >= 500 else "API error", ""
    for error_class, class_code, class_what, class_hint in _STATUS_FAILURES:
        if isinstance(error, error_class):
            code, what, hint = class_code, class_what, class_hint
            break
    message = f"{what} ({error.status_code}): {clip(error.message, MESSAGE_MAX)}"
    if hint:
        message += f" — {hint}"
    if error.request_id:
        message += f" [request id {error.request_id}]"
    return Failure(code, message)
