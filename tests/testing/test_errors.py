"""Auth, lookups, ids and routing errors, with the spec's error bodies."""

from __future__ import annotations

import pytest

from .conftest import Wire

OPERATIONS = ["/sessions/get/s1", "/sessions/list", "/messages/get/m1"]


@pytest.mark.parametrize("path", OPERATIONS)
def test_missing_key_is_401(wire: Wire, path: str) -> None:
    response = wire.client(api_key=None).get(path)
    assert response.status_code == 401
    assert response.json() == {"error": "API key is required", "status": "unauthorized"}


@pytest.mark.parametrize("path", OPERATIONS)
def test_wrong_key_is_403(wire: Wire, path: str) -> None:
    response = wire.client(api_key="nope").get(path)
    assert response.status_code == 403
    assert response.json() == {"error": "Invalid API key", "status": "forbidden"}


def test_empty_key_counts_as_missing(wire: Wire) -> None:
    assert wire.client(api_key="").get("/sessions/list").status_code == 401


def test_get_session_and_message(wire: Wire) -> None:
    session = wire.fake.add_session("s1", customer_user_id="cust-1", metadata=[{"key": "source", "value": "web"}])
    message = wire.fake.add_message("m1", session_id="s1", role="developer", content="hi")
    client = wire.client()
    assert client.get("/sessions/get/s1").json() == {"status": "success", "data": session}
    assert client.get("/messages/get/m1").json() == {"status": "success", "data": message}
    assert message["customerUserID"] == "cust-1" and message["role"] == "developer"


def test_unknown_and_deleted(wire: Wire) -> None:
    wire.fake.add_session("gone")
    wire.fake.delete_session("gone")
    client = wire.client()
    assert client.get("/sessions/get/nope").json() == {"error": "Session not found", "status": "not_found"}
    deleted = client.get("/sessions/get/gone")
    assert deleted.status_code == 404
    assert deleted.json() == {"error": "Session has been deleted", "status": "not_found"}
    missing = client.get("/messages/get/nope")
    assert missing.status_code == 404
    assert missing.json() == {"error": "Message not found", "status": "not_found"}


def test_ids_are_percent_decoded_single_segments(wire: Wire) -> None:
    wire.fake.add_session("a/b c")
    wire.fake.add_session("..")
    client = wire.client()
    assert client.get("/sessions/get/a%2Fb%20c").json()["data"]["id"] == "a/b c"
    assert client.get("/sessions/get/a/b%20c").status_code == 404  # two segments: no such route
    assert client.get("/sessions/get/%2E%2E").json()["data"]["id"] == ".."
    assert [r.raw_path for r in wire.fake.requests][:2] == ["/sessions/get/a%2Fb%20c", "/sessions/get/a/b%20c"]


def test_empty_id_is_400(wire: Wire) -> None:
    client = wire.client()
    assert client.get("/sessions/get/").json() == {"error": "Session ID is required", "status": "bad_request"}
    assert client.get("/messages/get/").json() == {"error": "Message ID is required", "status": "bad_request"}


def test_unknown_path_and_method(wire: Wire) -> None:
    client = wire.client()
    unknown = client.get("/sessions/delete/x")
    assert unknown.status_code == 404 and unknown.json() == {"error": "Not found", "status": "not_found"}
    post = client.post("/sessions/list", json={"a": 1})
    assert post.status_code == 405 and post.headers["allow"] == "GET"
    assert client.get("/sessions/list").status_code == 200  # keep-alive survived the request body


def test_raw_bodies(wire: Wire) -> None:
    wire.fake.put_raw_session("r1", {"status": "success", "data": {"id": 7, "surprise": [1, 2]}})
    wire.fake.put_raw_message("r2", b"\x00not json", status=500, content_type="application/octet-stream")
    wire.fake.put_raw_list({"anything": True}, status=418)
    client = wire.client()
    assert client.get("/sessions/get/r1").json() == {"status": "success", "data": {"id": 7, "surprise": [1, 2]}}
    r2 = client.get("/messages/get/r2")
    assert (r2.status_code, r2.content, r2.headers["content-type"]) == (
        500,
        b"\x00not json",
        "application/octet-stream",
    )
    assert client.get("/sessions/list").status_code == 418
    assert client.get("/sessions/get/r1", headers={"X-API-Key": "bad"}).status_code == 403  # auth still first
    wire.fake.clear_raw()
    assert client.get("/sessions/get/r1").status_code == 404
