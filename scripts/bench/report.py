"""Result rows, the printed table and the JSON file."""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass
class Row:
    """One line of the table: a ratio (or a plain figure), its baseline and an optional target."""

    section: str
    case: str
    detail: str  # the raw medians behind the ratio
    ratio: float | None
    target: float | None = None
    baseline: str = ""
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.target is None or self.ratio is None:
            return ""
        return "PASS" if self.ratio <= self.target else "FAIL"


def machine() -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor(),
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
    }


def table(rows: list[Row]) -> str:
    header = ("section", "case", "ratio", "vs", "target", "result", "raw medians")
    lines = [header]
    previous = None
    for row in rows:
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}x"
        target = "" if row.target is None else f"<= {row.target:.2f}x"
        section = "" if row.section == previous else row.section
        previous = row.section
        detail = row.detail + (f"  ({row.note})" if row.note else "")
        lines.append((section, row.case, ratio, row.baseline, target, row.verdict, detail))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    out = []
    for index, line in enumerate(lines):
        out.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)) + "  " + line[-1])
        if index == 0:
            out.append("-" * len(out[0]))
    return "\n".join(out)


def write_json(path: Path, meta: dict[str, Any], sections: dict[str, Any], rows: list[Row]) -> None:
    targets = [
        {"section": r.section, "case": r.case, "ratio": r.ratio, "target": r.target, "result": r.verdict}
        for r in rows
        if r.target is not None
    ]
    document = {"meta": meta, "sections": sections, "targets": targets, "rows": [asdict(r) for r in rows]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
