"""Bad input fails before anything is sent; ids reach the wire as one segment; the key never leaks."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from typing import Any

import httpx
import pytest

from duohub_retriever import Duohub, PermissionDeniedError
from duohub_retriever.testing import FakeDuohub, Fault

from .conftest import API_KEY, Harness

BAD_IDS: list[tuple[Any, type[Exception]]] = [
    ("", ValueError),
    (".", ValueError),
    ("..", ValueError),
    (None, TypeError),
    (123, TypeError),
]


@pytest.mark.parametrize(("bad_id", "error"), BAD_IDS)
def test_bad_ids_fail_before_sending(harness: Harness, fake: FakeDuohub, bad_id: Any, error: type) -> None:
    with pytest.raises(error):
        harness.run(lambda client: client.sessions.get(bad_id))
    with pytest.raises(error):
        harness.run(lambda client: client.messages.get(bad_id))
    assert fake.requests == []


@pytest.mark.parametrize("odd_id", ["a/b", "../x", "?q=1", "#frag", "%2e%2e", "...", " spaced id ", "ünï", "a\\b"])
def test_every_other_id_is_one_encoded_segment(harness: Harness, fake: FakeDuohub, odd_id: str) -> None:
    fake.add_session(odd_id)
    assert harness.run(lambda client: client.sessions.get(odd_id)).id == odd_id
    request = fake.requests[-1]
    assert request.segments == ["sessions", "get", odd_id]
    assert request.raw_query == ""


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ({"limit": 0}, ValueError),
        ({"limit": 101}, ValueError),
        ({"limit": -5}, ValueError),
        ({"limit": True}, TypeError),
        ({"limit": "10"}, TypeError),
        ({"limit": 2.5}, TypeError),
        ({"customer_user_id": ""}, ValueError),
        ({"customer_user_id": 42}, TypeError),
        ({"next_token": "a", "previous_token": "b"}, ValueError),
    ],
)
def test_bad_list_arguments_fail_before_sending(
    harness: Harness, fake: FakeDuohub, arguments: dict[str, Any], error: type
) -> None:
    with pytest.raises(error):
        harness.run(lambda client: client.sessions.list(**arguments))
    assert fake.requests == []


def test_limit_bounds_are_accepted(harness: Harness, fake: FakeDuohub) -> None:
    harness.run(lambda client: client.sessions.list(limit=1))
    harness.run(lambda client: client.sessions.list(limit=100))
    assert [request.query["limit"] for request in fake.requests] == ["1", "100"]


def test_key_is_sent_as_x_api_key_header(harness: Harness, fake: FakeDuohub) -> None:
    harness.run(lambda client: client.sessions.list())
    headers = fake.requests[-1].headers
    assert headers["x-api-key"] == "***"  # present (the fake redacts it in its records)
    assert "authorization" not in headers


def test_key_never_in_repr_errors_or_logs(harness: Harness, fake: FakeDuohub, caplog: pytest.LogCaptureFixture) -> None:
    fake.faults.fail_next(2, status=503)
    secret = "sk-live-SUPERSECRET-key"
    with caplog.at_level(logging.DEBUG, logger="duohub_retriever"), pytest.raises(PermissionDeniedError) as caught:
        harness.run(lambda client: (repr(client), client.sessions.list())[1], api_key=secret)
    texts = [str(caught.value), repr(caught.value), caplog.text, repr(caught.value.request)]
    assert all(secret not in text for text in texts)
    assert "<redacted>" in caplog.text  # headers were logged, with the key masked
    assert secret not in repr(Duohub(api_key=secret))


def test_duohub_log_env_turns_logging_on_without_the_key(server_url: str) -> None:
    script = (
        "from duohub_retriever import Duohub\n"
        f"with Duohub(api_key='sk-env-SECRET', base_url={server_url!r}) as c:\n"
        "    try: c.sessions.list()\n"
        "    except Exception as e: print(type(e).__name__)\n"
    )
    environment = {**os.environ, "DUOHUB_LOG": "debug"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment, timeout=30)
    assert result.stdout.strip() == "PermissionDeniedError"
    assert "duohub_retriever DEBUG" in result.stderr and "/sessions/list" in result.stderr
    assert "sk-env-SECRET" not in result.stderr


def test_cross_origin_redirect_never_carries_the_key(harness: Harness, fake: FakeDuohub) -> None:
    other = FakeDuohub(api_key=API_KEY)
    other.add_session("s-1")
    with other.serve(host="127.0.0.2") as other_url:
        fake.faults.add(Fault(307, body=b"", headers={"Location": f"{other_url}/sessions/get/s-1"}))
        with pytest.raises(Exception) as caught:
            harness.run(lambda client: client.sessions.get("s-1"))
    assert "x-api-key" not in other.requests[0].headers
    assert getattr(caught.value, "status_code", None) == 401  # the other host saw no key


def test_same_origin_redirect_keeps_the_key(harness: Harness, fake: FakeDuohub) -> None:
    fake.add_session("s-new")
    fake.faults.add(Fault(301, body=b"", headers={"Location": "/sessions/get/s-new"}))
    assert harness.run(lambda client: client.sessions.get("s-old")).id == "s-new"
    assert fake.requests[-1].headers["x-api-key"] == "***"


def test_bring_your_own_http_client_still_sends_the_key(server_url: str, fake: FakeDuohub) -> None:
    fake.add_session("s-1")
    own = httpx.Client(headers={"X-Team": "data"})
    with Duohub(api_key=API_KEY, base_url=server_url, http_client=own) as client:
        assert client.sessions.get("s-1").id == "s-1"
    assert fake.requests[-1].headers["x-api-key"] == "***"
    assert fake.requests[-1].headers["x-team"] == "data"
    assert own.is_closed
