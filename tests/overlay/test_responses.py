"""2xx bodies: what the spec allows parses (forward-compatibly); anything else is APIResponseValidationError."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from duohub_retriever import (
    UNSET,
    APIConnectionError,
    APIResponseValidationError,
    Message,
    MessageRole,
    MetadataItem,
    Session,
)
from duohub_retriever.testing import FakeDuohub, Fault

from .conftest import Harness

SESSION = {
    "id": "s-1",
    "userID": "user-1",
    "customerUserID": None,
    "metadata": [{"key": "source", "value": "web"}],
    "createdAt": "2024-01-01T00:00:00.000Z",
    "updatedAt": "2024-01-02T03:04:05.678Z",
    "deletedAt": None,
    "endedAt": None,
}


def envelope(data: Any) -> dict[str, Any]:
    return {"status": "success", "data": data}


def test_session_parses_into_the_generated_model(harness: Harness, fake: FakeDuohub) -> None:
    fake.put_raw_session("s-1", envelope(SESSION))
    session = harness.run(lambda client: client.sessions.get("s-1"))
    assert isinstance(session, Session)
    assert session.id == "s-1"
    assert session.customer_user_id is None
    assert session.metadata == [MetadataItem(key="source", value="web")]
    assert session.updated_at == datetime.datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=datetime.UTC)
    assert session.deleted_at is None


def test_unknown_role_and_extra_fields_are_kept(harness: Harness, fake: FakeDuohub) -> None:
    fake.add_message("m-1", session_id="s-1", role="developer", content="hi", toolCalls=[{"id": 1}])
    message = harness.run(lambda client: client.messages.get("m-1"))
    assert isinstance(message, Message)
    assert message.role == "developer"
    assert isinstance(message.role, MessageRole)
    assert message.additional_properties["toolCalls"] == [{"id": 1}]
    assert MessageRole("user") is MessageRole.USER


def test_absent_optional_fields_are_unset_not_errors(harness: Harness, fake: FakeDuohub) -> None:
    fake.put_raw_session("s-2", envelope({"id": "s-2"}))
    session = harness.run(lambda client: client.sessions.get("s-2"))
    assert session.id == "s-2"
    assert session.created_at is UNSET
    assert repr(session.created_at) == "UNSET"


INVALID_BODIES = [
    pytest.param(envelope({**SESSION, "id": 123}), "data.id: expected string | absent, got int 123", id="int-id"),
    pytest.param(envelope({**SESSION, "deletedAt": "yesterday"}), "data.deleted_at", id="bad-nullable-date"),
    pytest.param(envelope({**SESSION, "deletedAt": 1704067200}), "data.deleted_at", id="epoch-date"),
    pytest.param(envelope({**SESSION, "createdAt": "yesterday"}), "Invalid isoformat", id="bad-date"),
    pytest.param(envelope({**SESSION, "metadata": "web"}), "does not match SessionResponse", id="metadata-not-list"),
    pytest.param(envelope({**SESSION, "metadata": [{"key": 1}]}), "data.metadata[0].key", id="metadata-key-int"),
    pytest.param(envelope({**SESSION, "customerUserID": 7}), "data.customer_user_id", id="int-customer"),
    pytest.param({"status": "success"}, "required field 'data' is missing", id="missing-data"),
    pytest.param(envelope(None), "does not match SessionResponse (TypeError", id="null-data"),
    pytest.param(envelope([SESSION]), "does not match SessionResponse (ValueError", id="list-data"),
    pytest.param([SESSION], "expected a JSON object, got list", id="top-level-list"),
    pytest.param("ok", "expected a JSON object, got str", id="top-level-string"),
]


@pytest.mark.parametrize(("body", "expected"), INVALID_BODIES)
def test_off_spec_session_body_is_a_validation_error(
    harness: Harness, fake: FakeDuohub, body: object, expected: str
) -> None:
    fake.put_raw_session("s-bad", body)
    with pytest.raises(APIResponseValidationError) as caught:
        harness.run(lambda client: client.sessions.get("s-bad"))
    assert expected in str(caught.value)
    assert caught.value.status_code == 200
    assert caught.value.response.status_code == 200


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (Fault.truncated_json(), "not valid JSON"),
        (Fault.not_json(body="<html>ok</html>"), "not valid JSON"),
        (Fault.not_json(body="\xff\xfe garbage"), "not valid JSON"),
        (Fault.missing_data(), "required field 'data' is missing"),
    ],
    ids=["truncated", "html-200", "garbage", "missing-data"],
)
def test_broken_200_bodies(harness: Harness, fake: FakeDuohub, fault: Fault, expected: str) -> None:
    fake.seed(customers=1, sessions_per_customer=3)
    fake.faults.add(fault)
    with pytest.raises(APIResponseValidationError, match=expected):
        harness.run(lambda client: client.sessions.list())


def test_list_with_wrong_count_type_is_rejected(harness: Harness, fake: FakeDuohub) -> None:
    fake.put_raw_list(envelope({"sessions": [SESSION], "nextToken": None, "previousToken": None, "count": "1"}))
    with pytest.raises(APIResponseValidationError, match=r"data\.count: expected integer"):
        harness.run(lambda client: client.sessions.list())


def test_list_item_problem_names_its_index(harness: Harness, fake: FakeDuohub) -> None:
    sessions = [SESSION, SESSION, {**SESSION, "userID": ["x"]}]
    fake.put_raw_list(envelope({"sessions": sessions, "nextToken": None, "previousToken": None, "count": 3}))
    with pytest.raises(APIResponseValidationError, match=r"data\.sessions\[2\]\.user_id: expected string"):
        harness.run(lambda client: client.sessions.list())


def test_undecodable_content_encoding_is_a_typed_error(harness: Harness, fake: FakeDuohub) -> None:
    fake.faults.add(Fault(200, body=b"this is not gzip", headers={"Content-Encoding": "gzip"}))
    with pytest.raises(APIConnectionError, match="DecodingError"):
        harness.run(lambda client: client.sessions.get("s-1"), max_retries=0)
