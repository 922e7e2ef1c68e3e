"""What reached the wire: raw and decoded paths, query, headers with the key redacted."""

from __future__ import annotations

from duohub_retriever.testing import REDACTED

from .conftest import Wire


def test_records_with_redaction(wire: Wire) -> None:
    client = wire.client()
    client.get("/sessions/get/x%2Fy", headers={"Authorization": "Bearer secret"})
    client.get("/sessions/list", params={"customerUserID": "c 1", "limit": "5"})
    wire.client(api_key=None).get("/messages/get/m")
    first, second, third = wire.fake.requests
    assert (first.method, first.raw_path, first.path, first.segments) == (
        "GET",
        "/sessions/get/x%2Fy",
        "/sessions/get/x/y",
        ["sessions", "get", "x/y"],
    )
    assert first.header("X-API-Key") == REDACTED and first.header("authorization") == REDACTED
    assert "test-key" not in repr(wire.fake.requests) and "secret" not in repr(wire.fake.requests)
    assert second.query == {"customerUserID": "c 1", "limit": "5"}
    assert second.raw_query == "customerUserID=c+1&limit=5"
    assert third.header("x-api-key") is None
    wire.fake.clear_requests()
    assert wire.fake.requests == []


def test_faulted_requests_are_recorded_too(wire: Wire) -> None:
    wire.fake.faults.fail_next(status=503)
    assert wire.client().get("/sessions/list").status_code == 503
    assert [r.path for r in wire.fake.requests] == ["/sessions/list"]


def test_concurrent_requests(wire: Wire) -> None:
    from concurrent.futures import ThreadPoolExecutor

    wire.fake.seed(customers=1, sessions_per_customer=5)
    client = wire.client()
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: client.get("/sessions/list").status_code, range(80)))
    assert statuses == [200] * 80 and len(wire.fake.requests) == 80
