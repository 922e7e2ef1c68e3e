"""``make generate`` wall time: ``scripts/generate.py --into <tmpdir>`` (the repo is not touched)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from report import Row

GENERATE = Path(__file__).resolve().parents[1] / "generate.py"


def run(repeats: int) -> tuple[dict[str, Any], list[Row]]:
    times = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="bench-generate-") as into:
            start = time.perf_counter()
            result = subprocess.run([sys.executable, str(GENERATE), "--into", into], capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                raise RuntimeError(f"generate.py failed:\n{result.stdout}{result.stderr}")
    section = {
        "repeats": repeats,
        "median_s": round(statistics.median(times), 3),
        "all_s": [round(t, 3) for t in times],
    }
    row = Row(
        "make generate",
        "scripts/generate.py --into <tmp>",
        f"{section['median_s']:.2f} s median of {repeats} (merge + openapi-python-client + ruff)",
        None,
        note="absolute, no target",
    )
    return section, [row]
