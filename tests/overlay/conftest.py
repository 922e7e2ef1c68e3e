"""Run the same behaviour test with Duohub and AsyncDuohub against the fake service over real HTTP."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from duohub_retriever import AsyncDuohub, Duohub
from duohub_retriever.testing import FakeDuohub

API_KEY = "sk-test-0123456789abcdef"


@pytest.fixture
def fake() -> FakeDuohub:
    return FakeDuohub(api_key=API_KEY)


@pytest.fixture
def server_url(fake: FakeDuohub) -> Iterator[str]:
    with fake.serve() as url:
        yield url


class Harness:
    """Builds a client of one flavour and runs ``action(client)``; the retry sleeps are recorded, not slept."""

    def __init__(self, mode: str, base_url: str) -> None:
        self.mode = mode
        self.base_url = base_url
        self.sleeps: list[float] = []

    def run(self, action: Callable[[Any], Any], **client_options: Any) -> Any:
        client_options.setdefault("api_key", API_KEY)
        client_options.setdefault("base_url", self.base_url)
        if self.mode == "sync":
            with Duohub(**client_options) as client:
                client._sleep = self.sleeps.append  # type: ignore[method-assign]
                return action(client)
        return asyncio.run(self._run_async(action, client_options))

    async def _run_async(self, action: Callable[[Any], Any], client_options: dict[str, Any]) -> Any:
        async def record_sleep(seconds: float) -> None:
            self.sleeps.append(seconds)

        async with AsyncDuohub(**client_options) as client:
            client._sleep = record_sleep  # type: ignore[method-assign]
            result = action(client)
            return await result if inspect.isawaitable(result) else result


@pytest.fixture(params=["sync", "async"])
def harness(request: pytest.FixtureRequest, server_url: str) -> Harness:
    return Harness(request.param, server_url)
