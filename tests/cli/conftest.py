"""Fixtures for the CLI tests: a fake duohub served over real HTTP, and the CLI run as a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest

from duohub_retriever.testing import FakeDuohub

KEY = "test-key"
PROG = "duohub-retriever"
CLI = (sys.executable, "-m", "duohub_retriever.cli")


def clean_env(**values: str) -> dict[str, str]:
    """This process's environment without DUOHUB_* or proxy settings, plus ``values``."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.upper().startswith("DUOHUB_") and not name.lower().endswith("_proxy")
    }
    env.update(values)
    return env


@dataclass
class Service:
    fake: FakeDuohub
    url: str

    def env(self, **overrides: str) -> dict[str, str]:
        return clean_env(**{"DUOHUB_API_KEY": KEY, "DUOHUB_BASE_URL": self.url, **overrides})

    def run(
        self, *args: str, env: Mapping[str, str] | None = None, timeout: float = 15.0
    ) -> subprocess.CompletedProcess[str]:
        return run_cli(args, env=self.env() if env is None else env, timeout=timeout)

    def run_many(
        self, *invocations: Sequence[str], env: Mapping[str, str] | None = None
    ) -> list[subprocess.CompletedProcess[str]]:
        """Run independent invocations at once (each is a process start-up: ~0.3 s of imports)."""
        with ThreadPoolExecutor(len(invocations)) as pool:
            return list(pool.map(lambda args: self.run(*args, env=env), invocations))

    def popen(self, *args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
        return subprocess.Popen([*CLI, *args], env=self.env(), **kwargs)

    def list_requests(self) -> int:
        return sum(1 for request in self.fake.requests if request.path.startswith("/sessions/list"))


def run_cli(args: Sequence[str], *, env: Mapping[str, str], timeout: float = 15.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False
    )


@pytest.fixture
def service() -> Iterator[Service]:
    """A seeded fake (3 customers x 25 sessions x 2 messages) on 127.0.0.1."""
    fake = FakeDuohub(api_key=KEY)
    fake.seed()
    with fake.serve(port=0) as url:
        yield Service(fake, url)


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, *fragments: str) -> str:
    """Exit ``code``, nothing on stdout, one ``duohub-retriever: ...`` line on stderr holding ``fragments``."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith(f"{PROG}: "), line
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    return line
