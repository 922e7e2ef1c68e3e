"""Configuration, connection reuse, with_options copies, raw responses, bulk gets."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from duohub_retriever import APIResponse, AsyncDuohub, Duohub, DuohubError, Message, NotFoundError, Session
from duohub_retriever.testing import FakeDuohub

from .conftest import API_KEY, Harness


def test_missing_key_names_the_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DUOHUB_API_KEY", raising=False)
    with pytest.raises(DuohubError, match="DUOHUB_API_KEY"):
        Duohub()
    with pytest.raises(DuohubError, match="DUOHUB_API_KEY"):
        AsyncDuohub(api_key="")


def test_key_and_base_url_from_environment(monkeypatch: pytest.MonkeyPatch, server_url: str, fake: FakeDuohub) -> None:
    fake.add_session("s-1")
    monkeypatch.setenv("DUOHUB_API_KEY", API_KEY)
    monkeypatch.setenv("DUOHUB_BASE_URL", server_url)
    with Duohub() as client:
        assert client.base_url == server_url
        assert client.sessions.get("s-1").id == "s-1"


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DUOHUB_BASE_URL", raising=False)
    with Duohub(api_key="k") as client:
        assert client.base_url == "https://api.duohub.ai"
        assert client.max_retries == 2
        assert client.timeout == httpx.Timeout(30.0, connect=5.0)


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"base_url": "api.duohub.ai"}, ValueError),
        ({"base_url": "ftp://x"}, ValueError),
        ({"max_retries": -1}, ValueError),
        ({"http_client": httpx.AsyncClient()}, TypeError),
    ],
)
def test_bad_configuration_fails_at_construction(options: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        Duohub(api_key="k", **options)
    if isinstance(options.get("http_client"), httpx.AsyncClient):
        asyncio.run(options["http_client"].aclose())


def test_timeout_from_own_http_client_and_float() -> None:
    with Duohub(api_key="k", http_client=httpx.Client(timeout=3.0)) as client:
        assert client.timeout == httpx.Timeout(3.0)
    with Duohub(api_key="k", timeout=1.5) as client:
        assert client.timeout == 1.5
        assert client.with_options(timeout=None).timeout is None


def test_one_connection_serves_every_call(server_url: str, fake: FakeDuohub) -> None:
    fake.seed(customers=1, sessions_per_customer=5)
    opened: list[str] = []

    def count_connections(event: str, info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.complete":
            opened.append(event)

    with Duohub(api_key=API_KEY, base_url=server_url) as client:
        client._http.event_hooks["request"].append(
            lambda request: request.extensions.__setitem__("trace", count_connections)
        )
        for session in client.sessions.list(limit=5).sessions:
            client.sessions.get(str(session.id))
        client.with_options(max_retries=0).sessions.list()
    assert len(fake.requests) == 7
    assert len(opened) == 1


def test_with_options_copy_shares_the_pool_and_does_not_close_it(server_url: str) -> None:
    client = Duohub(api_key=API_KEY, base_url=server_url)
    copy = client.with_options(timeout=1.0, max_retries=5, default_headers={"X-Trace": "1"})
    assert copy._http is client._http
    assert (copy.timeout, copy.max_retries, client.max_retries) == (1.0, 5, 2)
    copy.close()
    assert not client._http.is_closed
    client.close()
    assert client._http.is_closed


def test_raw_response(harness: Harness, fake: FakeDuohub) -> None:
    fake.add_session("s-1")
    fake.add_message("m-1", session_id="s-1", content="hello")

    async def read_async(client: AsyncDuohub) -> tuple[APIResponse[Any], ...]:
        return (
            await client.sessions.with_raw_response.get("s-1"),
            await client.sessions.with_raw_response.list(limit=5),
            await client.messages.with_raw_response.get("m-1"),
        )

    def read(client: Any) -> Any:
        if isinstance(client, AsyncDuohub):
            return read_async(client)
        return (
            client.sessions.with_raw_response.get("s-1"),
            client.sessions.with_raw_response.list(limit=5),
            client.messages.with_raw_response.get("m-1"),
        )

    session, page, message = harness.run(read)
    assert session.status_code == 200
    assert session.headers["content-type"].startswith("application/json")
    assert session.request_id is not None and session.request_id.startswith("fake-")
    assert isinstance(session.parse(), Session) and session.parse() is session.parse()
    assert page.parse().count == 1
    assert isinstance(message.parse(), Message) and message.parse().content == "hello"


class InFlightCounter(httpx.AsyncBaseTransport):
    """Wraps the fake's transport to measure how many requests are in flight at once."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.current = 0
        self.peak = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.current += 1
        self.peak = max(self.peak, self.current)
        try:
            return await self.inner.handle_async_request(request)
        finally:
            self.current -= 1


@pytest.mark.parametrize("concurrency", [1, 4, 16])
def test_get_many_keeps_order_and_bounds_concurrency(fake: FakeDuohub, concurrency: int) -> None:
    fake.latency = 0.005
    ids = [fake.add_message(f"m-{index}", session_id="s-1", content=str(index))["id"] for index in range(60)]
    ids.reverse()
    counter = InFlightCounter(fake.transport())

    async def main() -> list[Message]:
        http_client = httpx.AsyncClient(transport=counter)
        async with AsyncDuohub(api_key=API_KEY, base_url="http://fake.duohub.test", http_client=http_client) as client:
            return await client.messages.get_many(ids, concurrency=concurrency)

    messages = asyncio.run(main())
    assert [message.id for message in messages] == ids
    assert counter.peak == concurrency


def test_get_many_errors(fake: FakeDuohub) -> None:
    for index in range(5):
        fake.add_session(f"s-{index}")

    async def main() -> None:
        async with fake.async_client() as client:
            with pytest.raises(ValueError):
                await client.sessions.get_many(["s-1", ".."])
            assert fake.requests == []  # every id is checked before the first request
            with pytest.raises(ValueError):
                await client.sessions.get_many(["s-1"], concurrency=0)
            with pytest.raises(NotFoundError):
                await client.sessions.get_many(["s-0", "missing", "s-2"])
            results = await client.sessions.get_many(["s-0", "missing", "s-4"], return_exceptions=True)
            assert [getattr(result, "id", type(result).__name__) for result in results] == [
                "s-0",
                "NotFoundError",
                "s-4",
            ]
            assert await client.sessions.get_many([]) == []

    asyncio.run(main())
