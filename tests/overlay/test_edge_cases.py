"""Edge cases a reviewer found: each must end in a typed error (or a safe success), never a leak or a hang."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from duohub_retriever import APIResponseValidationError, BadRequestError, Duohub, DuohubError
from duohub_retriever.testing import FakeDuohub, Fault

from .conftest import API_KEY, Harness


@pytest.mark.parametrize("bad_key", ["SECRET-KEY\n", " SECRET-KEY", "SECRET KEY", "SECRET-KEY\x00", "SECRET-KÉY"])
def test_a_key_that_cannot_be_a_header_is_refused_without_repeating_it(bad_key: str) -> None:
    with pytest.raises(DuohubError) as caught:
        Duohub(api_key=bad_key)
    assert "SECRET" not in str(caught.value)


def test_default_headers_cannot_send_a_second_key(harness: Harness, fake: FakeDuohub) -> None:
    harness.run(lambda client: client.sessions.list(), default_headers={"x-api-key": "OTHER", "X-Team": "a"})
    request = fake.requests[-1]
    assert [name for name, _ in request.headers.items() if name == "x-api-key"] == ["x-api-key"]
    assert request.headers["x-team"] == "a"


@pytest.mark.parametrize("header", ["Retry-After", "retry-after-ms"])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_non_finite_retry_after_falls_back_to_backoff(
    harness: Harness, fake: FakeDuohub, header: str, value: str
) -> None:
    fake.faults.fail_next(1, status=503, headers={header: value})
    harness.run(lambda client: client.sessions.list())
    assert len(harness.sleeps) == 1 and 0.375 <= harness.sleeps[0] <= 0.5


@pytest.mark.parametrize("status", [200, 400])
def test_absurdly_deep_json_is_a_typed_error(harness: Harness, fake: FakeDuohub, status: int) -> None:
    fake.faults.add(Fault(status, body=b"[" * 100_000 + b"]" * 100_000, content_type="application/json"))
    expected = APIResponseValidationError if status == 200 else BadRequestError
    with pytest.raises(expected):
        harness.run(lambda client: client.sessions.list())


def test_a_closed_client_says_so(server_url: str) -> None:
    client = Duohub(api_key=API_KEY, base_url=server_url)
    client.close()
    with pytest.raises(DuohubError, match="closed"):
        client.sessions.list()
    with pytest.raises(DuohubError, match="closed"):
        client.with_options(max_retries=0).messages.get("m-1")


@pytest.mark.parametrize(
    ("timeout", "error"),
    [(-1, ValueError), (0, ValueError), ("abc", TypeError), (httpx.Timeout(5.0, connect=-1), ValueError)],
)
def test_bad_timeouts_fail_at_construction(timeout: Any, error: type) -> None:
    with pytest.raises(error):
        Duohub(api_key="k", timeout=timeout)
    with Duohub(api_key="k") as client, pytest.raises(error):
        client.with_options(timeout=timeout)


def test_an_id_too_long_for_a_url_fails_before_sending(harness: Harness, fake: FakeDuohub) -> None:
    with pytest.raises(ValueError, match="URL"):
        harness.run(lambda client: client.sessions.get("x" * 70_000))
    assert fake.requests == []


def test_get_many_refuses_a_single_string(fake: FakeDuohub) -> None:
    async def main() -> None:
        async with fake.async_client() as client:
            with pytest.raises(TypeError):
                await client.messages.get_many("abc")  # type: ignore[arg-type]
            with pytest.raises(TypeError):
                await client.sessions.get_many("abc")  # type: ignore[arg-type]

    asyncio.run(main())
    assert fake.requests == []


def test_cross_origin_redirect_drops_every_credential(harness: Harness, fake: FakeDuohub) -> None:
    other = FakeDuohub(api_key=API_KEY)
    with other.serve(host="127.0.0.2") as other_url:
        fake.faults.add(
            Fault(
                302,
                body=b"",
                headers={"Location": f"{other_url}/sessions/list", "Set-Cookie": "AWSALB=sticky; Path=/"},
            )
        )
        with pytest.raises(DuohubError):
            harness.run(
                lambda client: client.sessions.list(),
                default_headers={"Authorization": "Bearer team-token", "Cookie": "AWSALB=sticky"},
            )
    received = other.requests[0].headers
    assert not {"x-api-key", "authorization", "cookie"} & set(received)


def test_own_http_client_auth_stays_with_the_api(server_url: str, fake: FakeDuohub) -> None:
    other = FakeDuohub(api_key=API_KEY)
    with other.serve(host="127.0.0.2") as other_url:
        fake.faults.add(Fault(307, body=b"", headers={"Location": f"{other_url}/sessions/list"}))
        own = httpx.Client(auth=("user", "password"))
        with Duohub(api_key=API_KEY, base_url=server_url, http_client=own, max_retries=0) as client:
            with pytest.raises(DuohubError):
                client.sessions.list()
            client.sessions.list()  # the API's own origin still gets the client's auth
    assert "authorization" not in other.requests[0].headers
    assert "authorization" in fake.requests[-1].headers  # present (the fake redacts its value)
