"""What is retried, and how long to wait before the next attempt.

Retried: connection errors, timeouts, and the statuses 408, 409, 429 and >= 500. Every
operation of this API is a GET, so a retry can never apply a change twice. The wait is
``Retry-After`` (seconds or an HTTP date, capped at MAX_RETRY_AFTER) when the server sends
one, else exponential backoff from INITIAL_DELAY doubling to MAX_DELAY, with jitter so
many clients do not retry in lockstep.

Written here rather than taken from tenacity/stamina: the decision needs the response
(status, Retry-After) inside the request loop, identically for sync and async, and a
~40-line policy is smaller than the adapter either library would need.
"""

from __future__ import annotations

import email.utils
import math
import random
import time
from dataclasses import dataclass

import httpx

INITIAL_DELAY = 0.5
MAX_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
RETRYABLE_STATUSES = frozenset({408, 409, 429})


def is_retryable_status(status_code: int) -> bool:
    return status_code in RETRYABLE_STATUSES or status_code >= 500


def is_retryable_exception(error: httpx.RequestError) -> bool:
    """Timeouts and network failures; not misconfiguration (bad scheme, proxy, protocol misuse)."""
    return isinstance(error, (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError))


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 2
    initial_delay: float = INITIAL_DELAY
    max_delay: float = MAX_DELAY
    max_retry_after: float = MAX_RETRY_AFTER

    def delay(self, retries_done: int, response: httpx.Response | None) -> float:
        """Seconds to wait before retry number ``retries_done + 1``."""
        if response is not None:
            retry_after = parse_retry_after(response.headers)
            if retry_after is not None:
                return min(retry_after, self.max_retry_after)
        backoff = min(self.initial_delay * 2.0**retries_done, self.max_delay)
        return backoff * (1.0 - 0.25 * random.random())


def _finite(text: str | None) -> float | None:
    """A number of seconds, or None; "nan" and "inf" parse as floats but are not waits."""
    try:
        number = float(text) if text is not None else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def parse_retry_after(headers: httpx.Headers) -> float | None:
    """``retry-after-ms`` or ``Retry-After`` (delta-seconds or HTTP date) in seconds; None if absent/bad."""
    milliseconds = _finite(headers.get("retry-after-ms"))
    if milliseconds is not None:
        return max(milliseconds / 1000.0, 0.0)
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _finite(value)
    if seconds is not None:
        return max(seconds, 0.0)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)
