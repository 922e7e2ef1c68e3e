"""Fixtures for the fake's own tests: a fresh fake, and raw httpx clients to it in-process and over HTTP."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from duohub_retriever.testing import FAKE_BASE_URL, FakeDuohub

KEY = "test-key"
_SSL = httpx.create_ssl_context()  # built once: loading the CA bundle per client costs ~30 ms, and all is plain HTTP


@pytest.fixture
def fake() -> FakeDuohub:
    """An empty fake accepting KEY."""
    return FakeDuohub(api_key=KEY)


@dataclass
class Wire:
    """Opens raw httpx clients to the fake in one mode; all are closed at teardown (server last)."""

    mode: str
    fake: FakeDuohub
    base_url: str
    stack: contextlib.ExitStack = field(repr=False)

    def client(self, api_key: str | None = KEY, timeout: float = 5.0) -> httpx.Client:
        headers = {"X-API-Key": api_key} if api_key is not None else {}
        transport = self.fake.transport() if self.mode == "in-process" else None
        client = httpx.Client(
            base_url=self.base_url, transport=transport, headers=headers, timeout=timeout, trust_env=False, verify=_SSL
        )
        return self.stack.enter_context(client)


@pytest.fixture(params=["in-process", "http"])
def wire(request: pytest.FixtureRequest, fake: FakeDuohub) -> Iterator[Wire]:
    """The fake reached through its httpx transport, then through its real HTTP server on 127.0.0.1."""
    with contextlib.ExitStack() as stack:
        base_url = stack.enter_context(fake.serve()) if request.param == "http" else FAKE_BASE_URL
        yield Wire(request.param, fake, base_url, stack)
