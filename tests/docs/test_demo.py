"""`make demo` runs the example against the fake service: no key, no network, every step printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_demo_runs_offline_without_a_key() -> None:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DUOHUB_")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Fake duohub service at http://127.0.0.1:")
    assert "First page: 10 sessions, more pages: True" in lines
    assert any(
        line.startswith("All sessions of cust-") and line.endswith(": 25 (pages fetched lazily)") for line in lines
    )
    assert "Handled error: NotFoundError 404 not_found: Session not found" in lines
    assert any(line.startswith("Message ") and "(user)" in line for line in lines)
    assert result.stderr == ""
