"""Every non-2xx status, documented or not, raises the matching typed error with the facts to act on."""

from __future__ import annotations

import pytest

from duohub_retriever import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from duohub_retriever.testing import FakeDuohub, Fault

from .conftest import Harness

JSON_CASES = [
    (400, "bad_request", "Limit must be between 1 and 100", BadRequestError),
    (401, "unauthorized", "API key is required", AuthenticationError),
    (403, "forbidden", "Invalid API key", PermissionDeniedError),
    (404, "not_found", "Session has been deleted", NotFoundError),
    (409, "conflict", "Session is being updated", ConflictError),
    (422, "unprocessable", "Bad field", UnprocessableEntityError),
    (429, "rate_limited", "Too many requests", RateLimitError),
    (500, "error", "Internal server error", InternalServerError),
    (418, "teapot", "I'm a teapot", APIStatusError),
]


@pytest.mark.parametrize(("status_code", "status", "message", "error_class"), JSON_CASES)
def test_json_error_body_maps_to_typed_error(
    harness: Harness, fake: FakeDuohub, status_code: int, status: str, message: str, error_class: type
) -> None:
    fake.faults.fail_next(
        status=status_code, json_body={"error": message, "status": status}, headers={"x-amzn-RequestId": "req-42"}
    )
    with pytest.raises(error_class) as caught:
        harness.run(lambda client: client.sessions.get("s-1"), max_retries=0)
    error = caught.value
    assert type(error) is error_class
    assert error.status_code == status_code
    assert error.message == message
    assert error.status == status
    assert error.body == {"error": message, "status": status}
    assert error.response.status_code == status_code
    assert error.request_id == "req-42"
    assert str(error) == f"Error code: {status_code} - {message} (request id req-42)"


@pytest.mark.parametrize("status_code", [502, 503, 520, 522, 525, 599])
def test_html_and_nonstandard_statuses_are_server_errors(harness: Harness, fake: FakeDuohub, status_code: int) -> None:
    fake.faults.add(Fault.html(status_code, "<html><body><h1>Bad Gateway</h1></body></html>"))
    with pytest.raises(InternalServerError) as caught:
        harness.run(lambda client: client.messages.get("m-1"), max_retries=0)
    error = caught.value
    assert error.status_code == status_code
    assert error.status is None
    assert "text/html" in error.message and "Bad Gateway" in error.message
    assert error.body == "<html><body><h1>Bad Gateway</h1></body></html>"


def test_empty_error_body_still_says_what_happened(harness: Harness, fake: FakeDuohub) -> None:
    fake.faults.fail_next(status=503, body=b"")
    with pytest.raises(InternalServerError) as caught:
        harness.run(lambda client: client.sessions.get("s-1"), max_retries=0)
    assert caught.value.message == "HTTP 503 Service Unavailable (empty body)"
    assert caught.value.body is None


def test_error_body_without_error_key_falls_back_to_the_body(harness: Harness, fake: FakeDuohub) -> None:
    fake.faults.fail_next(status=400, json_body={"detail": "nope"})
    with pytest.raises(BadRequestError) as caught:
        harness.run(lambda client: client.sessions.get("s-1"), max_retries=0)
    assert caught.value.message == "HTTP 400 Bad Request: {'detail': 'nope'}"
    assert caught.value.status is None


def test_real_not_found_from_the_service(harness: Harness, fake: FakeDuohub) -> None:
    session = fake.add_session(customer_user_id="cust-1")
    fake.delete_session(session["id"])
    with pytest.raises(NotFoundError) as caught:
        harness.run(lambda client: client.sessions.get(session["id"]))
    assert caught.value.message == "Session has been deleted"
    assert caught.value.status == "not_found"
    with pytest.raises(NotFoundError, match="Message not found"):
        harness.run(lambda client: client.messages.get("no-such-message"))


def test_wrong_key_is_permission_denied(harness: Harness) -> None:
    with pytest.raises(PermissionDeniedError) as caught:
        harness.run(lambda client: client.sessions.list(), api_key="wrong-key")
    assert (caught.value.status_code, caught.value.message, caught.value.status) == (
        403,
        "Invalid API key",
        "forbidden",
    )
    assert "wrong-key" not in str(caught.value) and "wrong-key" not in repr(caught.value)


def test_a_huge_error_body_gives_a_short_message(harness: Harness, fake: FakeDuohub) -> None:
    fake.faults.fail_next(status=502, json_body={"detail": "x" * 5000})
    with pytest.raises(InternalServerError) as caught:
        harness.run(lambda client: client.sessions.list(), max_retries=0)
    assert len(caught.value.message) <= 200
    assert caught.value.body == {"detail": "x" * 5000}  # the whole body stays available
