"""The seeded data set is deterministic and realistic; the CLI serves it on 127.0.0.1."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections import Counter

import httpx
import pytest

from duohub_retriever.testing import FakeDuohub, format_timestamp

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def test_seed_is_deterministic_and_shaped() -> None:
    one, two = FakeDuohub(), FakeDuohub()
    assert one.seed() == two.seed()
    assert one.messages == two.messages
    assert FakeDuohub().seed(rng_seed=1) != one.sessions
    sessions = one.sessions
    assert Counter(s["customerUserID"] for s in sessions) == {"cust-001": 25, "cust-002": 25, "cust-003": 25}
    assert len({s["id"] for s in sessions}) == 75 and len(one.messages) == 150
    assert [s["createdAt"] for s in sessions] == sorted(s["createdAt"] for s in sessions)
    assert len({s["customerUserID"] for s in sessions[:10]}) > 1  # customers interleave
    for session in sessions:
        assert TIMESTAMP.fullmatch(session["createdAt"]) and session["deletedAt"] is None
        assert session["endedAt"] is None or session["endedAt"] > session["createdAt"]
    assert {m["role"] for m in one.messages} == {"user", "assistant"}
    one.seed()  # same seed again overwrites rather than duplicating
    assert len(one.sessions) == 75


def test_defaults_use_the_fake_clock() -> None:
    fake = FakeDuohub()
    first, second = fake.add_session(), fake.add_session()
    assert first["createdAt"] == "2024-01-01T00:00:00.000Z" and second["createdAt"] == "2024-01-01T00:00:01.000Z"
    assert first["id"] != second["id"] and first["metadata"] == [] and first["customerUserID"] is None
    deleted = fake.delete_session(first["id"])
    assert deleted["deletedAt"] is not None and deleted["updatedAt"] == deleted["deletedAt"]
    from datetime import datetime, timedelta, timezone

    moment = datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=timezone(timedelta(hours=2)))
    assert format_timestamp(moment) == "2024-05-06T05:08:09.123Z"


def test_cli_serves_seeded_data() -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "duohub_retriever.testing", "--port", "0", "--api-key", "k", "--quiet"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as process:
        try:
            assert process.stdout is not None
            url = process.stdout.readline().strip()
            assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url), url
            with httpx.Client(base_url=url, headers={"X-API-Key": "k"}, trust_env=False) as client:
                data = client.get("/sessions/list", params={"limit": 100}).json()["data"]
            assert data["count"] == 75
        finally:
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=10)
    assert process.returncode == 0


def test_sdk_client_helpers() -> None:
    import duohub_retriever

    if not hasattr(duohub_retriever, "Duohub") or not hasattr(duohub_retriever, "AsyncDuohub"):
        pytest.skip("duohub_retriever.Duohub / AsyncDuohub not available yet")
    fake = FakeDuohub()
    assert isinstance(fake.client(), duohub_retriever.Duohub)
    assert isinstance(fake.async_client(), duohub_retriever.AsyncDuohub)
