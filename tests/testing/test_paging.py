"""/sessions/list: ordering, filtering, limits and opaque tokens in both directions."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from duohub_retriever.testing import FakeDuohub

from .conftest import Wire


def _page(client: httpx.Client, **params: Any) -> dict[str, Any]:
    response = client.get("/sessions/list", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["status"] == "success"
    return body["data"]  # type: ignore[no-any-return]


def _add_many(fake: FakeDuohub, n: int) -> list[str]:
    # Inserted out of order, with equal createdAt for some, so the fake must sort by (createdAt, id).
    ids = [f"s-{i:03d}" for i in range(n)]
    for i in reversed(range(n)):
        fake.add_session(
            ids[i], customer_user_id=f"c{i % 2}", created_at=f"2024-02-01T00:{i // 120:02d}:{i // 2 % 60:02d}.000Z"
        )
    return ids


def test_forwards_then_backwards_over_250(wire: Wire) -> None:
    ids = _add_many(wire.fake, 250)
    client = wire.client()
    pages = [_page(client, limit=100)]
    assert pages[0]["previousToken"] is None
    while pages[-1]["nextToken"] is not None:
        pages.append(_page(client, limit=100, nextToken=pages[-1]["nextToken"]))
    assert [page["count"] for page in pages] == [100, 100, 50]
    assert [len(page["sessions"]) for page in pages] == [100, 100, 50]
    assert [s["id"] for page in pages for s in page["sessions"]] == ids

    back = [pages[-1]]
    while back[-1]["previousToken"] is not None:
        back.append(_page(client, limit=100, previousToken=back[-1]["previousToken"]))
    assert back[::-1] == pages
    assert back[-1]["previousToken"] is None


def test_previous_from_page_two_is_page_one_exactly(wire: Wire) -> None:
    _add_many(wire.fake, 25)
    client = wire.client()
    first = _page(client, limit=10)
    second = _page(client, limit=10, nextToken=first["nextToken"])
    assert _page(client, limit=10, previousToken=second["previousToken"]) == first


def test_default_limit_filter_and_deleted_excluded(wire: Wire) -> None:
    ids = _add_many(wire.fake, 30)
    wire.fake.delete_session(ids[0])
    client = wire.client()
    assert _page(client)["count"] == 10
    evens = ids[2::2]
    collected: list[str] = []
    data = _page(client, customerUserID="c0", limit=7)
    while True:
        collected += [s["id"] for s in data["sessions"]]
        assert all(s["customerUserID"] == "c0" for s in data["sessions"])
        if data["nextToken"] is None:
            break
        data = _page(client, customerUserID="c0", limit=7, nextToken=data["nextToken"])
    assert collected == evens
    assert _page(client, customerUserID="nobody") == {
        "sessions": [],
        "nextToken": None,
        "previousToken": None,
        "count": 0,
    }


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc", "1.5", "", " 5", "5_0"])
def test_bad_limit_is_400(wire: Wire, limit: str) -> None:
    response = wire.client().get("/sessions/list", params={"limit": limit})
    assert response.status_code == 400
    assert response.json() == {"error": "Limit must be between 1 and 100", "status": "bad_request"}


@pytest.mark.parametrize("limit", ["1", "100"])
def test_limit_bounds_accepted(wire: Wire, limit: str) -> None:
    wire.fake.seed(customers=1, sessions_per_customer=3)
    assert wire.client().get("/sessions/list", params={"limit": limit}).status_code == 200


def test_bad_tokens_are_400(wire: Wire) -> None:
    _add_many(wire.fake, 5)
    client = wire.client()
    token = _page(client, limit=2)["nextToken"]
    other_filter = _page(client, limit=1, customerUserID="c0")["nextToken"]
    cases = [
        {"nextToken": "garbage!"},
        {"nextToken": ""},
        {"nextToken": token[:-2] + ("AA" if not token.endswith("AA") else "BB")},
        {"previousToken": token},  # a next token in the previous slot
        {"nextToken": other_filter},  # issued for another customerUserID
        {"nextToken": token, "previousToken": token},
    ]
    for params in cases:
        response = client.get("/sessions/list", params=params)
        assert response.status_code == 400, params
        assert response.json()["status"] == "bad_request"


def test_tokens_are_opaque_and_stable() -> None:
    fake = FakeDuohub()
    fake.seed()
    with httpx.Client(transport=fake.transport(), base_url="http://x", headers={"X-API-Key": "test-key"}) as client:
        token = _page(client, limit=5)["nextToken"]
        assert token == _page(client, limit=5)["nextToken"]
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
