"""Import time: ``import duohub_retriever`` vs ``import httpx`` in fresh processes.

Wall time of ``python -c 'import x'`` minus ``python -c pass`` from the same round, rounds
rotated. Bytecode caches are written to a private PYTHONPYCACHEPREFIX during warm-up (the
environment may set PYTHONDONTWRITEBYTECODE, which would otherwise leave only httpx compiled).
``-X importtime`` runs then give the same ratio within one process, and the modules that cost
the most on top of httpx.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

from report import Row
from timing import _orders

TARGET = 1.25
STATEMENTS = {
    "pass": "pass",
    "httpx": "import httpx",
    "duohub_retriever": "import duohub_retriever",
    # What a program pays before its first call: the client's resources load the generated models.
    "first_client": "import duohub_retriever; duohub_retriever.Duohub(api_key='k').close()",
}


def _timed(statement: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], env=env, check=True)
    return time.perf_counter() - start


def _importtime(statement: str, env: dict[str, str]) -> dict[str, tuple[int, int]]:
    """module -> (self µs, cumulative µs) from ``python -X importtime``."""
    command = [sys.executable, "-X", "importtime", "-c", statement]
    stderr = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stderr
    modules = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[len("import time:") :].split("|")
        modules[name.strip()] = (int(own), int(cumulative))
    return modules


def run(rounds: int) -> tuple[dict[str, Any], list[Row]]:
    with tempfile.TemporaryDirectory(prefix="bench-pycache-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONPYCACHEPREFIX": cache}
        for statement in STATEMENTS.values():
            for _ in range(2):
                _timed(statement, env)
        times: dict[str, list[float]] = {name: [] for name in STATEMENTS}
        for order in _orders(list(STATEMENTS), rounds):
            for name in order:
                times[name].append(_timed(STATEMENTS[name], env))
        profiles = [_importtime(STATEMENTS["duohub_retriever"], env) for _ in range(max(3, rounds // 4))]
        httpx_modules = set(_importtime(STATEMENTS["httpx"], env))

    net = {
        name: [t - base for t, base in zip(times[name], times["pass"], strict=True)]
        for name in ("httpx", "duohub_retriever", "first_client")
    }
    ratio = statistics.median(a / b for a, b in zip(net["duohub_retriever"], net["httpx"], strict=True))
    cumulative = statistics.median(p["duohub_retriever"][1] / p["httpx"][1] for p in profiles)
    last = profiles[-1]
    extra = sorted((name for name in last if name not in httpx_modules), key=lambda name: -last[name][0])
    section = {
        "rounds": rounds,
        "unit": "ms",
        "python_startup_ms": round(statistics.median(times["pass"]) * 1e3, 2),
        "httpx_net_ms": round(statistics.median(net["httpx"]) * 1e3, 2),
        "duohub_retriever_net_ms": round(statistics.median(net["duohub_retriever"]) * 1e3, 2),
        "first_client_net_ms": round(statistics.median(net["first_client"]) * 1e3, 2),
        "first_client_ratio": round(
            statistics.median(a / b for a, b in zip(net["first_client"], net["httpx"], strict=True)), 4
        ),
        "ratio": round(ratio, 4),
        "importtime_cumulative_ratio": round(cumulative, 4),
        "top_self_us_beyond_httpx": {name: last[name][0] for name in extra[:10]},
    }
    rows = [
        Row(
            "import time",
            "import duohub_retriever (wall, fresh process)",
            f"{section['duohub_retriever_net_ms']:.1f} ms vs {section['httpx_net_ms']:.1f} ms net of "
            f"{section['python_startup_ms']:.1f} ms startup, {rounds} rounds",
            section["ratio"],
            TARGET,
            "import httpx",
        ),
        Row(
            "import time",
            "import + first Duohub() (models, TLS context)",
            f"{section['first_client_net_ms']:.1f} ms vs {section['httpx_net_ms']:.1f} ms",
            section["first_client_ratio"],
            None,
            "import httpx",
            "what a program pays before its first call",
        ),
        Row(
            "import time",
            "import duohub_retriever (-X importtime)",
            "cumulative duohub_retriever / httpx within one process",
            section["importtime_cumulative_ratio"],
            None,
            "import httpx",
            "cross-check",
        ),
    ]
    return section, rows
