"""Retries: what is retried, how often, how long the client waits, and what it raises at the end."""

from __future__ import annotations

import email.utils
import logging
import socket
import time

import pytest

from duohub_retriever import (
    APIConnectionError,
    APITimeoutError,
    BadRequestError,
    InternalServerError,
    RateLimitError,
)
from duohub_retriever.testing import FakeDuohub, Fault

from .conftest import Harness


@pytest.fixture
def session_id(fake: FakeDuohub) -> str:
    return str(fake.add_session(customer_user_id="cust-1")["id"])


def test_two_503_then_success(harness: Harness, fake: FakeDuohub, session_id: str) -> None:
    fake.faults.fail_next(2, status=503)
    session = harness.run(lambda client: client.sessions.get(session_id))
    assert session.id == session_id
    assert len(fake.requests) == 3
    # exponential backoff with up to 25% jitter: 0.5 s then 1 s
    assert 0.375 <= harness.sleeps[0] <= 0.5
    assert 0.75 <= harness.sleeps[1] <= 1.0


def test_retries_exhausted_raise_the_last_response(harness: Harness, fake: FakeDuohub, session_id: str) -> None:
    fake.faults.fail_next(3, status=503, json_body={"error": "overloaded", "status": "error"})
    with pytest.raises(InternalServerError) as caught:
        harness.run(lambda client: client.sessions.get(session_id))
    assert caught.value.message == "overloaded"
    assert len(fake.requests) == 3  # max_retries=2 → three attempts
    assert len(harness.sleeps) == 2


def test_backoff_doubles_and_is_capped(harness: Harness, fake: FakeDuohub, session_id: str) -> None:
    fake.faults.fail_next(7, status=502)
    with pytest.raises(InternalServerError):
        harness.run(lambda client: client.sessions.get(session_id), max_retries=6)
    upper = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert [0.75 * bound <= slept <= bound for slept, bound in zip(harness.sleeps, upper, strict=True)] == [True] * 6


@pytest.mark.parametrize("status_code", [408, 409, 429, 500, 502, 503, 504, 520, 599])
def test_retryable_statuses(harness: Harness, fake: FakeDuohub, session_id: str, status_code: int) -> None:
    fake.faults.fail_next(1, status=status_code)
    assert harness.run(lambda client: client.sessions.get(session_id)).id == session_id
    assert len(fake.requests) == 2


@pytest.mark.parametrize("status_code", [400, 401, 403, 404, 422])
def test_client_errors_are_not_retried(harness: Harness, fake: FakeDuohub, status_code: int) -> None:
    fake.faults.fail_next(1, status=status_code)
    with pytest.raises(Exception) as caught:
        harness.run(lambda client: client.sessions.get("s-1"))
    assert getattr(caught.value, "status_code", None) == status_code
    assert len(fake.requests) == 1
    assert harness.sleeps == []


def test_retry_after_seconds_is_honoured(harness: Harness, fake: FakeDuohub, session_id: str) -> None:
    fake.faults.fail_next(1, status=429, headers={"Retry-After": "1"})
    harness.run(lambda client: client.sessions.get(session_id))
    assert harness.sleeps == [1.0]


def test_retry_after_http_date_is_honoured(harness: Harness, fake: FakeDuohub, session_id: str) -> None:
    fake.faults.fail_next(1, status=503, headers={"Retry-After": email.utils.formatdate(time.time() + 5, usegmt=True)})
    harness.run(lambda client: client.sessions.get(session_id))
    assert 3.0 <= harness.sleeps[0] <= 5.0


def test_retry_after_is_capped(harness: Harness, fake: FakeDuohub, session_id: str) -> None:
    fake.faults.fail_next(1, status=429, headers={"Retry-After": "86400"})
    harness.run(lambda client: client.sessions.get(session_id))
    assert harness.sleeps == [60.0]


def test_unparseable_retry_after_falls_back_to_backoff(harness: Harness, fake: FakeDuohub, session_id: str) -> None:
    fake.faults.fail_next(1, status=429, headers={"Retry-After": "soon"})
    harness.run(lambda client: client.sessions.get(session_id))
    assert 0.375 <= harness.sleeps[0] <= 0.5


def test_rate_limit_exhausted(harness: Harness, fake: FakeDuohub) -> None:
    fake.faults.fail_next(5, status=429, headers={"Retry-After": "2"})
    with pytest.raises(RateLimitError) as caught:
        harness.run(lambda client: client.sessions.list(), max_retries=1)
    assert caught.value.response.headers["retry-after"] == "2"
    assert harness.sleeps == [2.0]


def test_with_options_overrides_retries_per_call(harness: Harness, fake: FakeDuohub, session_id: str) -> None:
    fake.faults.fail_next(1, status=503)
    with pytest.raises(InternalServerError):
        harness.run(lambda client: client.with_options(max_retries=0).sessions.get(session_id))
    assert len(fake.requests) == 1


def test_each_retry_is_logged(
    harness: Harness, fake: FakeDuohub, session_id: str, caplog: pytest.LogCaptureFixture
) -> None:
    fake.faults.fail_next(2, status=503)
    with caplog.at_level(logging.INFO, logger="duohub_retriever"):
        harness.run(lambda client: client.sessions.get(session_id))
    retries = [record.getMessage() for record in caplog.records if record.getMessage().startswith("Retrying")]
    assert len(retries) == 2
    assert "retry 1 of 2" in retries[0] and "after HTTP 503" in retries[0]


def test_dropped_connection_is_retried(harness: Harness, fake: FakeDuohub, session_id: str) -> None:
    fake.faults.add(Fault.disconnect("mid_body"))
    assert harness.run(lambda client: client.sessions.get(session_id)).id == session_id
    assert len(harness.sleeps) == 1


def test_dropped_connections_exhausted(harness: Harness, fake: FakeDuohub) -> None:
    fake.faults.add(Fault.disconnect("before_response", times=None))
    with pytest.raises(APIConnectionError) as caught:
        harness.run(lambda client: client.sessions.list())
    assert type(caught.value) is APIConnectionError
    assert "/sessions/list" in str(caught.value)
    assert len(harness.sleeps) == 2


def test_read_timeout(harness: Harness, fake: FakeDuohub, session_id: str) -> None:
    fake.faults.add(Fault.slow(2.0, times=None))
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        harness.run(lambda client: client.sessions.get(session_id), timeout=0.2, max_retries=1)
    assert time.monotonic() - started < 1.5  # two attempts of 0.2 s, not the server's 2 s
    assert len(harness.sleeps) == 1


def test_per_call_timeout_via_with_options(harness: Harness, fake: FakeDuohub, session_id: str) -> None:
    fake.faults.add(Fault.slow(0.5))
    with pytest.raises(APITimeoutError):
        harness.run(lambda client: client.with_options(timeout=0.1, max_retries=0).sessions.get(session_id))


def test_connection_refused(harness: Harness) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(APIConnectionError) as caught:
        harness.run(lambda client: client.sessions.list(), base_url=f"http://127.0.0.1:{port}")
    assert "ConnectError" in str(caught.value)
    assert len(harness.sleeps) == 2


def test_bad_request_is_not_retried_even_with_retry_after(harness: Harness, fake: FakeDuohub) -> None:
    fake.faults.fail_next(1, status=400, headers={"Retry-After": "1"})
    with pytest.raises(BadRequestError):
        harness.run(lambda client: client.sessions.list())
    assert harness.sleeps == []
