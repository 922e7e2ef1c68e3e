"""The SDK against Prism serving the merged spec: what the spec documents is what the SDK returns.

Successes parse the spec's own 2xx examples. Every documented error example, read from the spec
file (so a new one is covered without editing this file), is requested with Prism's ``Prefer``
header and must raise the error class of its status carrying the example's ``error`` and
``status``. Every request the SDK sends must conform to the spec: Prism reports violations in an
``sl-violations`` response header, which must never appear. A few raw httpx tests check the
harness itself (the ``Prefer`` mechanism, 401 without a key, 400 for a bad query).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import yaml

from duohub_retriever import (
    APIStatusError,
    AsyncDuohub,
    AuthenticationError,
    BadRequestError,
    Duohub,
    InternalServerError,
    Message,
    MessageRole,
    NotFoundError,
    PermissionDeniedError,
    Session,
    SessionPage,
)

from .conftest import SPEC

pytestmark = pytest.mark.prism

API_KEY = "test-key"
SESSION_ID = "123e4567-e89b-12d3-a456-426614174000"
MESSAGE_ID = "123e4567-e89b-12d3-a456-426614174000"
# Error examples in the spec today (14 named, 7 single); new ones only add cases.
MIN_ERROR_EXAMPLES = 21

ERROR_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    500: InternalServerError,
}

# How the SDK performs each operation of the spec (a new operation fails test_every_operation_...).
SYNC_CALLS: dict[str, Callable[[Duohub], object]] = {
    "getSession": lambda client: client.sessions.get(SESSION_ID),
    "getMessage": lambda client: client.messages.get(MESSAGE_ID),
    "listSessions": lambda client: client.sessions.list(),
}


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str  # with path parameters filled in


@dataclass(frozen=True)
class ErrorExample:
    operation: Operation
    code: int
    name: str | None  # None: the response has a single `example`, not named `examples`
    error: str
    status: str

    @property
    def prefer(self) -> str:
        return f"code={self.code}" if self.name is None else f"code={self.code}, example={self.name}"

    @property
    def id(self) -> str:
        return f"{self.operation.operation_id}-{self.code}-{self.name or 'example'}"


def _load_spec() -> dict[str, Any]:
    with SPEC.open(encoding="utf-8") as file:
        spec: dict[str, Any] = yaml.safe_load(file)
    return spec


def _operations(spec: dict[str, Any]) -> Iterator[tuple[Operation, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in {"get", "put", "post", "delete", "patch"}:
                continue
            filled = path.replace("{id}", "abc-123")
            yield Operation(operation["operationId"], method.upper(), filled), operation


def _error_examples(spec: dict[str, Any]) -> list[ErrorExample]:
    cases = []
    for operation, definition in _operations(spec):
        for code, response in definition["responses"].items():
            if str(code).startswith("2"):
                continue
            media = response.get("content", {}).get("application/json", {})
            named = {name: example["value"] for name, example in media.get("examples", {}).items()}
            if "example" in media:
                named[None] = media["example"]
            for name, value in named.items():
                cases.append(ErrorExample(operation, int(code), name, value["error"], value["status"]))
    return cases


SPEC_DOC = _load_spec()
ERROR_EXAMPLES = _error_examples(SPEC_DOC)


def _violations(response: httpx.Response) -> list[Any]:
    header = response.headers.get("sl-violations")
    return json.loads(header) if header else []


@pytest.fixture
def violations() -> list[Any]:
    """Every ``sl-violations`` entry Prism reported for the requests of one test."""
    return []


@pytest.fixture
def client(prism_url: str, violations: list[Any]) -> Iterator[Duohub]:
    def record(response: httpx.Response) -> None:
        violations.extend(_violations(response))

    with (
        httpx.Client(event_hooks={"response": [record]}) as http_client,
        Duohub(api_key=API_KEY, base_url=prism_url, max_retries=0, http_client=http_client) as sdk,
    ):
        yield sdk


@pytest.fixture
def raw(prism_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=prism_url, headers={"X-API-Key": API_KEY}, timeout=10.0) as http_client:
        yield http_client


# --- the case list itself ---------------------------------------------------------------------


def test_spec_documents_the_expected_error_examples() -> None:
    assert len(ERROR_EXAMPLES) >= MIN_ERROR_EXAMPLES
    assert len({case.id for case in ERROR_EXAMPLES}) == len(ERROR_EXAMPLES)
    # Every documented error response contributes at least one case.
    documented = {
        (operation.operation_id, int(code))
        for operation, definition in _operations(SPEC_DOC)
        for code in definition["responses"]
        if not str(code).startswith("2")
    }
    assert {(case.operation.operation_id, case.code) for case in ERROR_EXAMPLES} == documented
    assert {case.code for case in ERROR_EXAMPLES} <= ERROR_CLASSES.keys()


def test_every_operation_of_the_spec_has_an_sdk_call() -> None:
    assert {operation.operation_id for operation, _ in _operations(SPEC_DOC)} == SYNC_CALLS.keys()


# --- raw HTTP: the harness does what the SDK tests rely on ------------------------------------


@pytest.mark.parametrize("case", ERROR_EXAMPLES, ids=lambda case: case.id)
def test_raw_prefer_serves_each_error_example(raw: httpx.Client, case: ErrorExample) -> None:
    response = raw.request(case.operation.method, case.operation.path, headers={"Prefer": case.prefer})
    assert response.status_code == case.code
    assert response.json() == {"error": case.error, "status": case.status}


def test_raw_missing_api_key_is_401(prism_url: str) -> None:
    with httpx.Client(base_url=prism_url, timeout=10.0) as http_client:
        response = http_client.get(f"/sessions/get/{SESSION_ID}")
    assert response.status_code == 401
    assert response.json() == {"error": "API key is required", "status": "unauthorized"}


@pytest.mark.parametrize("limit", ["0", "101", "ten"])
def test_raw_limit_out_of_range_is_400(raw: httpx.Client, limit: str) -> None:
    response = raw.get("/sessions/list", params={"limit": limit})
    assert response.status_code == 400
    assert response.json()["status"] == "bad_request"
    assert [violation["location"] for violation in _violations(response)] == [["request", "query", "limit"]]


# --- SDK: successes -----------------------------------------------------------------------------


def test_get_session(client: Duohub, violations: list[Any]) -> None:
    session = client.sessions.get(SESSION_ID)
    assert isinstance(session, Session)
    assert session.id == "123e4567-e89b-12d3-a456-426614174000"
    assert session.user_id == "user-123"
    assert session.customer_user_id == "cust-123"
    assert [(item.key, item.value) for item in session.metadata] == [("source", "web")]
    assert session.created_at == datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    assert session.updated_at == datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    assert session.deleted_at is None
    assert session.ended_at is None
    assert violations == []


def test_get_message(client: Duohub, violations: list[Any]) -> None:
    message = client.messages.get(MESSAGE_ID)
    assert isinstance(message, Message)
    assert message.id == "123e4567-e89b-12d3-a456-426614174000"
    assert message.session_id == "987fcdeb-51a2-43b7-91fa-987654321000"
    assert message.role is MessageRole.USER
    assert message.content == "Hello, how can I help you today?"
    assert message.user_id == "d99e7428-40e1-7073-aa50-94cee086b518"
    assert message.customer_user_id == "cust-123"
    assert message.created_at == datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    assert violations == []


def test_list_sessions(client: Duohub, violations: list[Any]) -> None:
    # The spec has no example for this 200: Prism builds one from the schema (strings are "string").
    page = client.sessions.list()
    assert isinstance(page, SessionPage)
    assert len(page.sessions) >= 1
    assert all(isinstance(session, Session) for session in page.sessions)
    session = page.sessions[0]
    assert isinstance(session.id, str)
    assert isinstance(session.created_at, datetime.datetime)
    assert [(item.key, item.value) for item in session.metadata] == [("string", "string")]
    assert page.next_token == "string"
    assert page.previous_token == "string"
    assert isinstance(page.count, int)
    assert violations == []


@pytest.mark.parametrize("awkward_id", ["a/b", "a b", "ä?#%", "x..y", "..."])
def test_awkward_ids_stay_one_path_segment(client: Duohub, violations: list[Any], awkward_id: str) -> None:
    # Prism only answers 200 if the encoded id still matches /sessions/get/{id} (else 404: no route).
    assert isinstance(client.sessions.get(awkward_id), Session)
    assert isinstance(client.messages.get(awkward_id), Message)
    assert violations == []


@pytest.mark.parametrize(
    "query",
    [
        {"customer_user_id": "cust-123"},
        {"limit": 1},
        {"limit": 100},
        {"customer_user_id": "cust 123/ä?&=", "limit": 50, "next_token": "eyJrIjoxfQ=="},
        {"previous_token": "tok+/="},
    ],
)
def test_list_sessions_query_conforms(client: Duohub, violations: list[Any], query: dict[str, Any]) -> None:
    assert isinstance(client.sessions.list(**query), SessionPage)
    assert violations == []


# --- SDK: every documented error --------------------------------------------------------------


@pytest.mark.parametrize("case", ERROR_EXAMPLES, ids=lambda case: case.id)
def test_error_example_raises_its_error(client: Duohub, violations: list[Any], case: ErrorExample) -> None:
    prefer_client = client.with_options(default_headers={"Prefer": case.prefer})
    with pytest.raises(APIStatusError) as info:
        SYNC_CALLS[case.operation.operation_id](prefer_client)
    error = info.value
    assert type(error) is ERROR_CLASSES[case.code]
    assert error.status_code == case.code
    assert error.message == case.error
    assert error.status == case.status
    assert error.body == {"error": case.error, "status": case.status}
    assert violations == []


def test_missing_api_key_raises_authentication_error(prism_url: str) -> None:
    def drop_key(request: httpx.Request) -> None:
        del request.headers["X-API-Key"]

    with (
        httpx.Client(event_hooks={"request": [drop_key]}) as http_client,
        Duohub(api_key=API_KEY, base_url=prism_url, max_retries=0, http_client=http_client) as sdk,
        pytest.raises(AuthenticationError) as info,
    ):
        sdk.sessions.get(SESSION_ID)
    assert info.value.status_code == 401
    assert info.value.message == "API key is required"
    assert info.value.status == "unauthorized"


def test_sdk_rejects_out_of_range_limit_before_sending(client: Duohub, violations: list[Any]) -> None:
    for limit in (0, 101):
        with pytest.raises(ValueError, match="limit"):
            client.sessions.list(limit=limit)
    assert violations == []


def test_out_of_range_limit_sent_anyway_is_bad_request(prism_url: str) -> None:
    # What the server says if the SDK's own check were bypassed: Prism answers the spec's 400.
    def force_limit(request: httpx.Request) -> None:
        request.url = request.url.copy_set_param("limit", "0")

    with (
        httpx.Client(event_hooks={"request": [force_limit]}) as http_client,
        Duohub(api_key=API_KEY, base_url=prism_url, max_retries=0, http_client=http_client) as sdk,
        pytest.raises(BadRequestError) as info,
    ):
        sdk.sessions.list(limit=5)
    assert info.value.status_code == 400
    assert info.value.status == "bad_request"
    assert info.value.request.url.params["limit"] == "0"


# --- async ------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_async_success_and_error(prism_url: str) -> None:
    async with AsyncDuohub(api_key=API_KEY, base_url=prism_url, max_retries=0) as client:
        session = await client.sessions.get(SESSION_ID)
        assert session.user_id == "user-123"
        message = await client.messages.get(MESSAGE_ID)
        assert message.role is MessageRole.USER
        page = await client.sessions.list(limit=10)
        assert len(page.sessions) >= 1

        deleted = client.with_options(default_headers={"Prefer": "code=404, example=deleted"})
        with pytest.raises(NotFoundError) as info:
            await deleted.sessions.get(SESSION_ID)
        assert info.value.message == "Session has been deleted"
        assert info.value.status == "not_found"

        failing = client.with_options(default_headers={"Prefer": "code=500"})
        with pytest.raises(InternalServerError) as server_error:
            await failing.sessions.list()
        assert server_error.value.message == "Internal server error"
        assert server_error.value.status == "error"
