"""10 000 sessions, 100 per page, while 10% of calls fail with a retryable status: each session once, in order."""

from __future__ import annotations

import asyncio

import pytest

from duohub_retriever.testing import FakeDuohub, Fault

TOTAL = 10_000


@pytest.fixture(scope="module")
def fake_with_sessions() -> FakeDuohub:
    fake = FakeDuohub(api_key="sk-pages")
    for _ in range(TOTAL):
        fake.add_session(customer_user_id="cust-big")
    return fake


@pytest.fixture
def fake(fake_with_sessions: FakeDuohub) -> FakeDuohub:
    fake_with_sessions.faults.clear()
    fake_with_sessions.clear_requests()
    fake_with_sessions.faults.add(Fault(503, every=10, times=None))  # 10% of calls fail
    return fake_with_sessions


def expected_ids(fake: FakeDuohub) -> list[str]:
    return [session["id"] for session in fake.sessions if session.get("customerUserID") == "cust-big"]


def test_sync_iteration_under_faults(fake: FakeDuohub) -> None:
    sleeps: list[float] = []
    with fake.client() as client:
        client._sleep = sleeps.append  # type: ignore[method-assign]
        seen = [session.id for session in client.sessions.list(customer_user_id="cust-big", limit=100)]
    assert len(seen) == TOTAL
    assert len(set(seen)) == TOTAL
    assert seen == expected_ids(fake)
    failed = len(fake.faults.fired)
    assert failed >= 10  # about 10% of ~110 calls
    assert len(fake.requests) == 100 + failed  # every failure cost exactly one retry
    assert len(sleeps) == failed


def test_async_iteration_under_faults(fake: FakeDuohub) -> None:
    async def main() -> list[str]:
        async with fake.async_client() as client:

            async def no_sleep(seconds: float) -> None:
                return None

            client._sleep = no_sleep  # type: ignore[method-assign]
            return [str(s.id) async for s in client.sessions.list(customer_user_id="cust-big", limit=100)]

    seen = asyncio.run(main())
    assert seen == expected_ids(fake)
    assert len(set(seen)) == TOTAL
    assert len(fake.faults.fired) >= 10
