"""Pagination memory: ``for s in client.sessions.list(limit=100)`` must keep memory flat however
many sessions it walks. Measured in a fresh subprocess, in two passes:

* all ``total`` sessions untraced: the highest resident set size (sampled once a page from
  /proc/self/statm; ru_maxrss where there is no /proc) minus the RSS once the first page arrived;
* the first ``traced`` sessions under tracemalloc (slow, hence fewer): peak traced memory after
  the first page minus what was traced then.

Both are compared with one held page + 5 MiB.

    python scripts/bench/pagemem.py BASE_URL TOTAL TRACED   # the child: prints one JSON line
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from report import Row

SLACK_BYTES = 5 * 1024 * 1024
PAGE = 100
MIB = 1024 * 1024


def _rss() -> int:
    """Current resident set size in bytes (the peak so far where /proc is missing)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def measure(base_url: str, total: int, traced: int) -> dict[str, Any]:
    """The child's job: walk the sessions and report what memory did meanwhile."""
    from duohub_retriever import Duohub

    with Duohub("bench-key", base_url) as client:
        client.sessions.list(limit=PAGE)  # warm every lazy import and cache first

        start = time.perf_counter()
        sessions: Iterator[Any] = iter(client.sessions.list(limit=PAGE))
        next(sessions)  # the first page is now held
        rss_after_first = peak_rss = _rss()
        walked = 1
        for _ in sessions:
            walked += 1
            if walked % PAGE == 0:
                peak_rss = max(peak_rss, _rss())
        rss_growth = peak_rss - rss_after_first
        seconds = time.perf_counter() - start

        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        page = client.sessions.list(limit=PAGE)
        page_bytes = tracemalloc.get_traced_memory()[0] - before
        del page
        sessions = iter(client.sessions.list(limit=PAGE))
        next(sessions)
        baseline = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        traced_walked = 1 + sum(1 for _ in islice(sessions, traced - 1))
        peak_growth = tracemalloc.get_traced_memory()[1] - baseline
        tracemalloc.stop()
    return {
        "sessions": walked,
        "seconds": round(seconds, 3),
        "rss_growth_bytes": rss_growth,
        "traced_sessions": traced_walked,
        "page_bytes": page_bytes,
        "traced_peak_growth_bytes": peak_growth,
    }


def run(base_url: str, total: int, traced: int) -> tuple[dict[str, Any], list[Row]]:
    command = [sys.executable, str(Path(__file__).resolve()), base_url, str(total), str(traced)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"pagination memory child failed:\n{result.stderr}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    if figures["sessions"] != total:
        raise RuntimeError(f"iterated {figures['sessions']} sessions, expected {total}")
    page, budget = figures["page_bytes"], figures["page_bytes"] + SLACK_BYTES
    figures |= {
        "budget_bytes": budget,
        "traced_growth_vs_page": round(figures["traced_peak_growth_bytes"] / page, 3),
        "rss_growth_vs_page": round(figures["rss_growth_bytes"] / page, 3),
    }
    rows = [
        Row(
            "pagination memory",
            f"tracemalloc peak, {figures['traced_sessions']} sessions",
            f"+{figures['traced_peak_growth_bytes'] / MIB:.2f} MiB = {figures['traced_growth_vs_page']:.1f} pages "
            f"(one page {page / MIB:.2f} MiB)",
            round(figures["traced_peak_growth_bytes"] / budget, 4),
            1.0,
            "page + 5 MiB",
        ),
        Row(
            "pagination memory",
            f"peak RSS, {total} sessions, limit {PAGE}",
            f"+{figures['rss_growth_bytes'] / MIB:.2f} MiB after the first page, walked in {figures['seconds']:.1f} s",
            round(figures["rss_growth_bytes"] / budget, 4),
            1.0,
            "page + 5 MiB",
        ),
    ]
    return figures, rows


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))
