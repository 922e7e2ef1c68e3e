"""``make bench`` in --quick mode runs end to end and writes every section (timings are not asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = {"per_call", "parse", "bulk", "pagination_memory", "import_time", "generate"}


def test_quick_bench_writes_every_section(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    command = [sys.executable, str(ROOT / "scripts" / "bench" / "run.py"), "--quick", "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr

    document = json.loads(out.read_text(encoding="utf-8"))
    assert set(document["sections"]) == SECTIONS
    assert not [name for name, section in document["sections"].items() if "error" in section]
    assert {"date", "platform", "cpu_count", "python"} <= set(document["meta"])
    assert document["targets"] and all(target["result"] in ("PASS", "FAIL") for target in document["targets"])
    per_call = document["sections"]["per_call"]
    for mode in ("sync", "async"):
        for op in ("get_session", "list_sessions_100", "get_message"):
            assert per_call[mode][op]["raw_httpx"]["ratio"] == 1.0
            assert per_call[mode][op]["duohub"]["ratio"] > 0
    assert "PASS" in result.stdout or "FAIL" in result.stdout
