"""Every fault kind, through the in-process transport and the real server."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

from duohub_retriever.testing import FAKE_BASE_URL, FakeDuohub, Fault

from .conftest import KEY, Wire


@pytest.fixture(autouse=True)
def _data(fake: FakeDuohub) -> None:
    fake.add_session("s1", customer_user_id="cust-1")


def test_fail_next_with_json_body_and_retry_after(wire: Wire) -> None:
    wire.fake.faults.fail_next(2, status=503, headers={"Retry-After": "1"})
    client = wire.client()
    for _ in range(2):
        response = client.get("/sessions/get/s1")
        assert response.status_code == 503
        assert response.headers["retry-after"] == "1"
        assert response.json() == {"error": "Service Unavailable", "status": "error"}
    assert client.get("/sessions/get/s1").status_code == 200
    assert wire.fake.faults.pending == [] and len(wire.fake.faults.fired) == 2


def test_status_without_body(wire: Wire) -> None:
    wire.fake.faults.fail_next(status=500, body=b"")
    response = wire.client().get("/sessions/list")
    assert (response.status_code, response.content) == (500, b"")
    assert "content-type" not in response.headers


def test_custom_json_body(wire: Wire) -> None:
    wire.fake.faults.fail_next(status=429, json_body={"error": "Slow down", "status": "error"})
    response = wire.client().get("/sessions/list")
    assert (response.status_code, response.json()["error"]) == (429, "Slow down")


@pytest.mark.parametrize("status", [520, 599])
def test_unusual_statuses(wire: Wire, status: int) -> None:
    wire.fake.faults.fail_next(status=status)
    response = wire.client().get("/sessions/get/s1")
    assert response.status_code == status
    assert response.json() == {"error": "Error", "status": "error"}


def test_html_body(wire: Wire) -> None:
    wire.fake.faults.add(Fault.html(502, "<html>Bad Gateway</html>"))
    response = wire.client().get("/sessions/list")
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert response.text == "<html>Bad Gateway</html>"


def test_truncated_json_on_200(wire: Wire) -> None:
    wire.fake.faults.add(Fault.truncated_json())
    response = wire.client().get("/sessions/get/s1")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert int(response.headers["content-length"]) == len(response.content)


def test_non_json_body(wire: Wire) -> None:
    wire.fake.faults.add(Fault.not_json())
    response = wire.client().get("/sessions/get/s1")
    assert response.status_code == 200 and response.text == "Internal Server Error"
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_missing_data(wire: Wire) -> None:
    wire.fake.faults.add(Fault.missing_data())
    assert wire.client().get("/sessions/get/s1").json() == {"status": "success"}


def test_delay_beyond_read_timeout(wire: Wire) -> None:
    wire.fake.faults.add(Fault.slow(2.0))
    client = wire.client(timeout=0.1)
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        client.get("/sessions/get/s1")
    assert 0.09 < time.monotonic() - started < 1.5


def test_delay_within_timeout_and_latency(wire: Wire) -> None:
    wire.fake.latency = 0.02
    wire.fake.faults.add(Fault.slow(0.03))
    client = wire.client()
    started = time.monotonic()
    assert client.get("/sessions/get/s1").status_code == 200
    assert time.monotonic() - started >= 0.05
    started = time.monotonic()
    assert client.get("/sessions/get/s1").status_code == 200
    assert time.monotonic() - started >= 0.02


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("before_response", httpx.RemoteProtocolError),
        ("mid_body", httpx.RemoteProtocolError),
        ("reset", httpx.ReadError),
    ],
)
def test_dropped_connection(wire: Wire, mode: str, error: type[Exception]) -> None:
    wire.fake.faults.add(Fault.disconnect(mode))  # type: ignore[arg-type]
    client = wire.client()
    with pytest.raises(error):
        client.get("/sessions/list")
    assert client.get("/sessions/list").status_code == 200  # the next request gets a fresh connection


def test_path_prefix_and_fail_every(wire: Wire) -> None:
    wire.fake.faults.fail_every(3, status=500, path_prefix="/sessions/get/")
    client = wire.client()
    statuses = []
    for _ in range(3):
        statuses.append(client.get("/sessions/list").status_code)
        statuses.append(client.get("/sessions/get/s1").status_code)
    statuses += [client.get("/sessions/get/s1").status_code for _ in range(3)]
    assert statuses == [200, 200, 200, 200, 200, 500, 200, 200, 500]
    assert len(wire.fake.faults.pending) == 1


def test_times_and_first_due_wins(wire: Wire) -> None:
    wire.fake.faults.add(Fault(500, times=2))
    wire.fake.faults.add(Fault.html(502, times=None))
    client = wire.client()
    assert [client.get("/sessions/list").status_code for _ in range(4)] == [500, 500, 502, 502]
    wire.fake.faults.clear()
    assert client.get("/sessions/list").status_code == 200


def test_fault_validation() -> None:
    with pytest.raises(ValueError):
        Fault(every=0)
    with pytest.raises(ValueError):
        Fault(times=0)


def test_async_transport(fake: FakeDuohub) -> None:
    fake.latency = 0.01

    async def run() -> None:
        transport = fake.transport()
        async with httpx.AsyncClient(transport=transport, base_url=FAKE_BASE_URL, headers={"X-API-Key": KEY}) as client:
            responses = await asyncio.gather(*(client.get("/sessions/get/s1") for _ in range(20)))
            assert {r.status_code for r in responses} == {200}
            fake.faults.add(Fault.slow(5.0))
            with pytest.raises(httpx.ReadTimeout):
                await client.get("/sessions/get/s1", timeout=0.05)
            fake.faults.add(Fault.disconnect("mid_body"))
            with pytest.raises(httpx.RemoteProtocolError):
                await client.get("/sessions/list")

    started = time.monotonic()
    asyncio.run(run())
    assert time.monotonic() - started < 1.0  # the 20 latencies overlapped
