"""SessionPage / AsyncSessionPage: forwards and backwards across many pages, lazily."""

from __future__ import annotations

import asyncio

import pytest

from duohub_retriever import (
    APIResponseValidationError,
    AsyncDuohub,
    AsyncSessionPage,
    Duohub,
    DuohubError,
    SessionPage,
)
from duohub_retriever.testing import FakeDuohub

from .conftest import API_KEY


@pytest.fixture
def customer_sessions(fake: FakeDuohub) -> list[str]:
    """250 sessions of cust-1 (oldest first), mixed with other customers' and deleted ones."""
    ids = []
    for index in range(250):
        ids.append(fake.add_session(customer_user_id="cust-1")["id"])
        if index % 50 == 0:
            fake.add_session(customer_user_id="cust-2")
            fake.delete_session(fake.add_session(customer_user_id="cust-1")["id"])
    return ids


def test_pages_forwards_and_backwards(server_url: str, customer_sessions: list[str]) -> None:
    with Duohub(api_key=API_KEY, base_url=server_url) as client:
        first = client.sessions.list(customer_user_id="cust-1", limit=100)
        assert isinstance(first, SessionPage)
        assert (first.count, len(first.sessions), first.has_previous_page()) == (100, 100, False)
        pages = list(first.iter_pages())
        assert [len(page) for page in pages] == [100, 100, 50]
        assert not pages[-1].has_next_page()
        assert [session.id for page in pages for session in page.sessions] == customer_sessions

        back = pages[-1].get_previous_page()
        assert [s.id for s in back.sessions] == [s.id for s in pages[1].sessions]
        backwards = list(pages[-1].iter_pages(backwards=True))
        assert [[s.id for s in page.sessions] for page in backwards] == [
            [s.id for s in page.sessions] for page in reversed(pages)
        ]
        with pytest.raises(DuohubError, match="no next page"):
            pages[-1].get_next_page()
        with pytest.raises(DuohubError, match="no previous page"):
            first.get_previous_page()


def test_iterating_a_page_walks_every_following_page(
    server_url: str, fake: FakeDuohub, customer_sessions: list[str]
) -> None:
    with Duohub(api_key=API_KEY, base_url=server_url) as client:
        page = client.sessions.list(customer_user_id="cust-1", limit=30)
        fake.clear_requests()
        iterator = iter(page)
        assert next(iterator).id == customer_sessions[0]
        assert fake.requests == []  # lazy: nothing fetched until the page runs out
        assert [session.id for session in iterator] == customer_sessions[1:]
    assert len(fake.requests) == 8  # 250 / 30 → 9 pages, the first fetched before
    assert all(request.query.get("limit") == "30" for request in fake.requests)
    assert all(request.query.get("customerUserID") == "cust-1" for request in fake.requests)


def test_async_await_and_async_for(server_url: str, customer_sessions: list[str]) -> None:
    async def main() -> None:
        async with AsyncDuohub(api_key=API_KEY, base_url=server_url) as client:
            page = await client.sessions.list(customer_user_id="cust-1", limit=100)
            assert isinstance(page, AsyncSessionPage)
            assert [s.id for s in page.sessions] == customer_sessions[:100]
            assert [s.id async for s in client.sessions.list(customer_user_id="cust-1", limit=100)] == customer_sessions
            pages = [p async for p in page.iter_pages()]
            last = pages[-1]
            previous = await last.get_previous_page()
            assert [s.id for s in previous.sessions] == customer_sessions[100:200]
            assert [len(p) async for p in last.iter_pages(backwards=True)] == [50, 100, 100]
            with pytest.raises(DuohubError):
                await last.get_next_page()

    asyncio.run(main())


def test_default_limit_is_not_sent(server_url: str, fake: FakeDuohub, customer_sessions: list[str]) -> None:
    with Duohub(api_key=API_KEY, base_url=server_url) as client:
        page = client.sessions.list()
    assert fake.requests[-1].raw_query == ""
    assert page.count == 10  # the server's default


def test_a_retried_page_yields_each_session_once(
    server_url: str, fake: FakeDuohub, customer_sessions: list[str]
) -> None:
    fake.faults.fail_every(2, status=503, path_prefix="/sessions/list")
    with Duohub(api_key=API_KEY, base_url=server_url) as client:
        client._sleep = lambda seconds: None  # type: ignore[method-assign]
        seen = [session.id for session in client.sessions.list(customer_user_id="cust-1", limit=25)]
    assert seen == customer_sessions


def test_a_server_repeating_its_token_is_an_error_not_an_endless_loop(server_url: str, fake: FakeDuohub) -> None:
    session = {"id": "s-1", "userID": "u-1"}
    looping = {"sessions": [session], "nextToken": "same", "previousToken": "same", "count": 1}
    fake.put_raw_list({"status": "success", "data": looping})
    with Duohub(api_key=API_KEY, base_url=server_url) as client:
        with pytest.raises(APIResponseValidationError, match="pagination does not advance: token 'same'"):
            list(client.sessions.list())
        with pytest.raises(APIResponseValidationError):
            list(client.sessions.list().iter_pages(backwards=True))
    assert len(fake.requests) == 4  # two pages each, then the repeat is caught
