"""Every body the fake serves validates against the spec's schema for its operation and status."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .conftest import Wire
from .spec import component, documented_errors, response_validator

SESSION = "/sessions/get/{id}"
LIST = "/sessions/list"
MESSAGE = "/messages/get/{id}"


def _check(operation: str, response: httpx.Response) -> dict[str, Any]:
    """Validate against the documented schema; error bodies must be one of the spec's examples."""
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    validator = response_validator(operation, response.status_code)
    assert validator is not None, f"{operation} {response.status_code} is not documented"
    validator.validate(body)
    if response.status_code >= 400:
        assert body in documented_errors(operation, response.status_code)
    return body


def test_seeded_data_conforms(wire: Wire) -> None:
    wire.fake.seed()
    client = wire.client()
    sessions: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 20}
    while True:
        data = _check(LIST, client.get("/sessions/list", params=params))["data"]
        sessions += data["sessions"]
        if data["nextToken"] is None:
            break
        params = {"limit": 20, "nextToken": data["nextToken"]}
    assert len(sessions) == 75
    step = 1 if wire.mode == "in-process" else 7  # same bytes either way; over HTTP a sample suffices
    for session in sessions[::step]:
        assert _check(SESSION, client.get(f"/sessions/get/{session['id']}"))["data"] == session
    for message in wire.fake.messages[::step]:
        assert _check(MESSAGE, client.get(f"/messages/get/{message['id']}"))["data"] == message


def test_added_data_conforms(wire: Wire) -> None:
    wire.fake.add_session("s1", ended_at="2024-01-02T00:00:00.000Z", metadata=[{"key": "k", "value": "v"}])
    wire.fake.add_session("s2", customer_user_id="c", extraField={"nested": True})  # unknown fields are allowed
    wire.fake.add_message("m1", session_id="s1", role="tool", content="{}")
    client = wire.client()
    _check(SESSION, client.get("/sessions/get/s1"))
    _check(SESSION, client.get("/sessions/get/s2"))
    _check(MESSAGE, client.get("/messages/get/m1"))
    _check(LIST, client.get("/sessions/list", params={"customerUserID": "c"}))


def test_unknown_role_is_served_but_off_spec(wire: Wire) -> None:
    wire.fake.add_message("m1", session_id="s", role="developer")
    body = wire.client().get("/messages/get/m1").json()
    with pytest.raises(Exception, match="developer"):
        component("MessageResponse").validate(body)


@pytest.mark.parametrize(
    ("operation", "path"), [(SESSION, "/sessions/get/x"), (LIST, "/sessions/list"), (MESSAGE, "/messages/get/x")]
)
def test_documented_errors_conform(wire: Wire, operation: str, path: str) -> None:
    wire.fake.add_session("x")
    _check(operation, wire.client(api_key=None).get(path))
    _check(operation, wire.client(api_key="wrong").get(path))
    client = wire.client()
    wire.fake.faults.fail_next(status=500, json_body={"error": "Internal server error", "status": "error"})
    _check(operation, client.get(path))
    if operation == LIST:
        _check(operation, client.get(path, params={"limit": 0}))
    else:
        _check(operation, client.get(path.rsplit("/", 1)[0] + "/"))  # empty id: 400 "... ID is required"
    if operation == SESSION:
        _check(operation, client.get("/sessions/get/missing"))
        wire.fake.delete_session("x")
        _check(operation, client.get(path))


def test_undocumented_errors_still_use_the_error_schemas(wire: Wire) -> None:
    client = wire.client()
    component("NotFoundErrorBody").validate(client.get("/messages/get/missing").json())
    component("NotFoundErrorBody").validate(client.get("/nope").json())
    component("BadRequestErrorBody").validate(client.get("/sessions/list", params={"nextToken": "x"}).json())
    component("InternalServerErrorBody").validate(client.post("/sessions/list").json())
    wire.fake.faults.fail_next(status=503)
    component("InternalServerErrorBody").validate(client.get("/sessions/list").json())


def test_validators_are_strict() -> None:
    validator = response_validator(SESSION, 200)
    assert validator is not None
    good = {"status": "success", "data": {"id": "a", "createdAt": "2024-01-01T00:00:00.000Z"}}
    validator.validate(good)
    for bad in (
        {"status": "ok", "data": {}},
        {"status": "success"},
        {"status": "success", "data": {"createdAt": "yesterday"}},
        {"status": "success", "data": {"metadata": [{"key": 1}]}},
    ):
        assert not validator.is_valid(bad), bad
