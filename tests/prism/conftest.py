"""A Prism mock server of the merged spec, shared by the whole test session.

Prism (installed from package-lock.json by ``make install``) serves the spec's own examples in
static mode: each operation's ``example`` for 2xx, any documented error response on request
with ``Prefer: code=<status>, example=<name>``, 401 when no ``X-API-Key`` is sent, and a 400
when a query parameter breaks the spec (``limit=0``). Nothing is skipped: if Prism is missing
or does not start, every test that needs it fails with Prism's own output.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi" / "duohub-retriever.yaml"
PRISM = ROOT / "node_modules" / ".bin" / "prism"

START_DEADLINE = 30.0  # seconds for Prism to load the spec and answer
STOP_DEADLINE = 10.0
START_ATTEMPTS = 3  # a fresh free port each time, in case another process takes ours first


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _tail(log: Path, limit: int = 4000) -> str:
    text = log.read_text(errors="replace") if log.exists() else ""
    return text[-limit:].strip() or "(no output)"


def _stop(process: subprocess.Popen[bytes], log_file: IO[bytes]) -> None:
    try:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=STOP_DEADLINE)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=STOP_DEADLINE)
    finally:
        log_file.close()


def _wait_until_answering(process: subprocess.Popen[bytes], base_url: str) -> bool:
    """True once Prism answers HTTP; False if it exits or the deadline passes."""
    deadline = time.monotonic() + START_DEADLINE
    with httpx.Client(timeout=1.0) as probe:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            try:
                # An unknown path: Prism answers its own 404 problem document once it is up (checked,
                # in case some other server took the port before Prism could).
                if "stoplight.io/prism" in probe.get(base_url + "/").text:
                    return True
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    return False


@pytest.fixture(scope="session")
def prism_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running ``prism mock`` of the merged spec (static examples, no dynamic data)."""
    if not PRISM.exists():
        pytest.fail(
            f"Prism is not installed ({PRISM} is missing): run `make install` "
            "(npm ci --no-audit --no-fund) to install it from package-lock.json.",
            pytrace=False,
        )
    logs = tmp_path_factory.mktemp("prism")
    env = {**os.environ, "FORCE_COLOR": "0", "NO_COLOR": "1"}
    failures: list[str] = []
    for attempt in range(1, START_ATTEMPTS + 1):
        port = _free_port()
        base_url = f"http://127.0.0.1:{port}"
        log = logs / f"prism-{attempt}.log"
        # Output goes to a file, not a pipe: Prism logs every request and a full pipe would stall it.
        log_file = log.open("wb")
        command = [str(PRISM), "mock", str(SPEC), "-h", "127.0.0.1", "-p", str(port), "--errors=false"]
        try:
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT
            )
        except OSError as error:
            log_file.close()
            pytest.fail(f"Could not run Prism ({' '.join(command)}): {error}", pytrace=False)
        try:
            if _wait_until_answering(process, base_url):
                yield base_url
                return
            state = f"exited with code {process.returncode}" if process.poll() is not None else "did not answer"
            failures.append(f"attempt {attempt} on port {port}: Prism {state} within {START_DEADLINE:.0f} s")
        finally:
            _stop(process, log_file)
        if "EADDRINUSE" not in _tail(log):
            break  # only a port clash is worth another attempt
    pytest.fail(
        "Prism mock server did not start.\n"
        + "\n".join(failures)
        + f"\ncommand: {' '.join(command)}\nPrism output:\n{_tail(log)}",
        pytrace=False,
    )
