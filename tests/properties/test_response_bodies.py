"""Property-based: every schema-valid body parses; every malformed body ends in a DuohubError, never anything else.

Bodies come from the merged spec's own response schemas (hypothesis-jsonschema), so a spec change
changes what is generated. Each body is served over an httpx transport to the real client.
"""

from __future__ import annotations

import copy
import datetime
import json
import os
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duohub_retriever import (
    UNSET,
    APIResponseValidationError,
    APIStatusError,
    Duohub,
    DuohubError,
    Message,
    Session,
    SessionPage,
)

from .strategies import from_schema

SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "openapi" / "duohub-retriever.yaml").read_text())
EXAMPLES = int(os.environ.get("DUOHUB_PROPERTY_EXAMPLES", "700"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


COMPONENTS = SPEC["components"]["schemas"]


def valid_bodies(component: str) -> st.SearchStrategy[Any]:
    return from_schema({"$ref": f"#/components/schemas/{component}"}, COMPONENTS)


OPERATIONS = {
    "get_session": ("SessionResponse", lambda client: client.sessions.get("s-1")),
    "list_sessions": ("SessionListResponse", lambda client: client.sessions.list()),
    "get_message": ("MessageResponse", lambda client: client.messages.get("m-1")),
}


class Served:
    """A client whose every request is answered with the body (and status) set last."""

    def __init__(self) -> None:
        self.status = 200
        self.content = b""
        self.client = Duohub(
            api_key="sk-prop",
            base_url="http://fake.duohub.test",
            max_retries=0,
            http_client=httpx.Client(transport=httpx.MockTransport(self._answer)),
        )

    def _answer(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(self.status, content=self.content, headers={"content-type": "application/json"})

    def call(self, operation: str, body: bytes, status: int = 200) -> Any:
        self.status, self.content = status, body
        return OPERATIONS[operation][1](self.client)


@pytest.fixture(scope="module")
def served() -> Any:
    server = Served()
    yield server
    server.client.close()


def check_session(session: Session, data: dict[str, Any]) -> None:
    assert session.id == data.get("id", UNSET)
    assert session.customer_user_id == data.get("customerUserID", UNSET)
    if isinstance(data.get("createdAt"), str):
        assert session.created_at == datetime.datetime.fromisoformat(data["createdAt"])
    assert len(session.metadata or []) == len(data.get("metadata", []))


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_every_schema_valid_body_parses(served: Served, operation: str) -> None:
    @SETTINGS
    @given(valid_bodies(OPERATIONS[operation][0]))
    def check(body: dict[str, Any]) -> None:
        result = served.call(operation, json.dumps(body).encode())
        data = body["data"]
        if operation == "get_session":
            assert isinstance(result, Session)
            check_session(result, data)
        elif operation == "get_message":
            assert isinstance(result, Message)
            assert result.role == data.get("role", UNSET)
            assert result.content == data.get("content", UNSET)
        else:
            assert isinstance(result, SessionPage)
            assert len(result.sessions) == len(data.get("sessions", []))
            for session, session_data in zip(result.sessions, data.get("sessions", []), strict=True):
                check_session(session, session_data)
            assert result.count == data.get("count")

    check()


WRONG_VALUE = {"string": 7, "integer": "7", "array": "not-a-list", "object": ["not", "an", "object"]}


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = COMPONENTS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def apply(body: dict[str, Any], place: tuple[dict[str, Any], str, Any]) -> dict[str, Any]:
    node, key, value = place
    if value == "delete":
        del node[key]
    else:
        node[key] = value
    return body


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_a_wrong_type_or_missing_required_key_is_a_validation_error(served: Served, operation: str) -> None:
    component = OPERATIONS[operation][0]

    @SETTINGS
    @given(valid_bodies(component), st.data())
    def check(body: dict[str, Any], data: st.DataObject) -> None:
        places: list[tuple[dict[str, Any], str, Any]] = []
        broken = copy.deepcopy(body)

        def collect(node: Any, schema: dict[str, Any]) -> None:
            schema = resolve(schema)
            if isinstance(node, dict):
                places.extend((node, key, "delete") for key in schema.get("required", []))
                for key, child_schema in schema.get("properties", {}).items():
                    if key in node:
                        kind = resolve(child_schema).get("type")
                        if isinstance(kind, list):
                            kind = next((k for k in kind if k != "null"), None)
                        if kind in WRONG_VALUE:
                            places.append((node, key, WRONG_VALUE[kind]))
                        collect(node[key], child_schema)
            elif isinstance(node, list) and "items" in schema:
                for item in node:
                    collect(item, schema["items"])

        collect(broken, {"$ref": f"#/components/schemas/{component}"})
        apply(broken, data.draw(st.sampled_from(places)))
        with pytest.raises(APIResponseValidationError) as caught:
            served.call(operation, json.dumps(broken).encode())
        assert caught.value.status_code == 200

    check()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_garbage_never_escapes_as_anything_but_a_duohub_error(served: Served, operation: str) -> None:
    @SETTINGS
    @given(
        st.one_of(
            st.binary(max_size=64),
            json_values.map(lambda value: json.dumps(value).encode()),
            json_values.map(lambda value: json.dumps({"status": "success", "data": value}).encode()),
        ),
        st.sampled_from([200, 200, 201, 400, 404, 429, 500, 520]),
    )
    def check(body: bytes, status: int) -> None:
        try:
            served.call(operation, body, status)
        except DuohubError as error:
            if status >= 400:
                assert isinstance(error, APIStatusError) and error.status_code == status
            else:
                assert isinstance(error, APIResponseValidationError)

    check()
