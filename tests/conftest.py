"""Suite-wide guards: async tests run on asyncio, and no test reaches beyond 127.0.0.1."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


_real_connect = socket.socket.connect


def _loopback_only_connect(self: socket.socket, address: Any) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
            raise ConnectionRefusedError(f"test tried to reach {host}: only loopback is allowed")
    _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def _network_is_loopback_only() -> Iterator[None]:
    """Every socket the test process opens may only go to a loopback address."""
    socket.socket.connect = _loopback_only_connect  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
