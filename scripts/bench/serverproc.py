"""Run server.py in a subprocess (so it never shares the GIL with the client being measured)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SERVER = Path(__file__).with_name("server.py")


@contextmanager
def running_server(latency_ms: float = 0.0, total: int = 100_000) -> Iterator[str]:
    """Start the fake server on a free port, yield its base URL, stop it on exit."""
    command = [sys.executable, str(SERVER), "--latency-ms", str(latency_ms), "--total", str(total)]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("listening "):
            raise RuntimeError(f"bench server did not start (exit code {process.poll()}): {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        assert process.stdin is not None
        process.stdin.close()  # the server stops when its stdin closes
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        assert process.stdout is not None
        process.stdout.close()
