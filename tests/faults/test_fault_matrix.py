"""The fault matrix: each scripted failure, sync and async, in-process and over real HTTP, with its exact outcome."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from duohub_retriever import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AsyncDuohub,
    Duohub,
    InternalServerError,
    Message,
    RateLimitError,
)
from duohub_retriever.testing import FAKE_BASE_URL, FakeDuohub, Fault

API_KEY = "sk-matrix"


@dataclass
class Case:
    faults: list[Fault]
    outcome: type[Any]  # the result's type, or the exception class raised
    attempts: int
    sleeps: list[float] | None = None  # exact retry waits, when they are deterministic
    client_options: dict[str, Any] = field(default_factory=dict)
    check: Callable[[Any], bool] = lambda result: True


CASES = {
    "503-503-200": Case([Fault(503, times=2)], Message, attempts=3),
    "429-retry-after-1": Case([Fault(429, headers={"Retry-After": "1"})], Message, attempts=2, sleeps=[1.0]),
    "retries-exhausted": Case(
        [Fault(503, json_body={"error": "down", "status": "error"}, times=None)],
        InternalServerError,
        attempts=3,
        check=lambda error: error.response.status_code == 503 and error.message == "down",
    ),
    "429-exhausted": Case(
        [Fault(429, headers={"Retry-After": "2"}, times=None)], RateLimitError, attempts=3, sleeps=[2.0, 2.0]
    ),
    "html-502": Case(
        [Fault.html(502, times=None)],
        InternalServerError,
        attempts=3,
        check=lambda error: error.status_code == 502 and "Bad Gateway" in error.message,
    ),
    "status-520": Case([Fault(520, times=None)], InternalServerError, attempts=3, check=lambda e: e.status_code == 520),
    "status-599": Case([Fault(599, body=b"", times=None)], InternalServerError, attempts=3),
    "truncated-json-200": Case([Fault.truncated_json()], APIResponseValidationError, attempts=1),
    "200-missing-data": Case(
        [Fault.missing_data()], APIResponseValidationError, attempts=1, check=lambda e: "'data'" in str(e)
    ),
    "read-timeout": Case(
        [Fault.slow(1.0, times=None)], APITimeoutError, attempts=2, client_options={"timeout": 0.05, "max_retries": 1}
    ),
    "dropped-mid-response": Case([Fault.disconnect("mid_body", times=None)], APIConnectionError, attempts=3),
    "dropped-once": Case([Fault.disconnect("mid_body")], Message, attempts=2),
    "reset-once": Case([Fault.disconnect("reset")], Message, attempts=2),
}


@dataclass
class Run:
    result: Any
    attempts: int
    sleeps: list[float]


def run(fake: FakeDuohub, flavour: str, over_http: bool, **options: Any) -> Run:
    """Get message m-1 with a client of the given flavour, recording retry waits instead of sleeping."""
    sleeps: list[float] = []
    fake.clear_requests()

    def build(base_url: str) -> Any:
        kwargs = {"api_key": API_KEY, "base_url": base_url, **options}
        if flavour == "sync":
            if not over_http:
                kwargs["http_client"] = httpx.Client(transport=fake.transport())
            client = Duohub(**kwargs)
            client._sleep = sleeps.append  # type: ignore[method-assign]
            return client
        if not over_http:
            kwargs["http_client"] = httpx.AsyncClient(transport=fake.transport())
        async_client = AsyncDuohub(**kwargs)

        async def record(seconds: float) -> None:
            sleeps.append(seconds)

        async_client._sleep = record  # type: ignore[method-assign]
        return async_client

    def call(base_url: str) -> Any:
        client = build(base_url)
        try:
            if flavour == "sync":
                with client:
                    return client.messages.get("m-1")

            async def main() -> Any:
                async with client:
                    return await client.messages.get("m-1")

            return asyncio.run(main())
        except Exception as error:  # the outcome under test
            return error

    if over_http:
        with fake.serve() as url:
            result = call(url)
    else:
        result = call(FAKE_BASE_URL)
    return Run(result, len(fake.requests), sleeps)


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=["in-process", "http"])
def over_http(request: pytest.FixtureRequest) -> bool:
    return bool(request.param == "http")


@pytest.fixture
def fake() -> Iterator[FakeDuohub]:
    service = FakeDuohub(api_key=API_KEY)
    service.add_message("m-1", session_id="s-1", role="developer", content="hello")
    yield service


@pytest.mark.parametrize("name", list(CASES))
def test_fault(fake: FakeDuohub, flavour: str, over_http: bool, name: str) -> None:
    case = CASES[name]
    for fault in case.faults:
        fake.faults.add(fault)
    outcome = run(fake, flavour, over_http, **case.client_options)
    assert type(outcome.result) is case.outcome, outcome.result
    assert outcome.attempts == case.attempts
    assert len(outcome.sleeps) == case.attempts - 1
    if case.sleeps is not None:
        assert outcome.sleeps == case.sleeps
    assert case.check(outcome.result)
    if isinstance(outcome.result, Message):
        assert (outcome.result.role, outcome.result.content) == ("developer", "hello")  # unknown role kept


def test_connection_refused(flavour: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    outcome = run(FakeDuohub(api_key=API_KEY), flavour, over_http=True, base_url=f"http://127.0.0.1:{port}")
    assert type(outcome.result) is APIConnectionError
    assert len(outcome.sleeps) == 2
