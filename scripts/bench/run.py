"""``make bench``: every benchmark of the SDK, as ratios against baselines measured in the same run.

    python scripts/bench/run.py [--quick] [--only per_call,bulk,...] [--out .bench/results.json] [--strict]

Prints a table (each target line PASS/FAIL) and writes every figure, the raw medians and the
machine to a JSON file. The fake API server runs in a subprocess. ``--quick`` is a smoke mode
(seconds, figures not meaningful). Exit code 1 if a section crashed, or with --strict if a target failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import report
from report import Row
from serverproc import running_server

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("per_call", "parse", "bulk", "pagination_memory", "import_time", "generate")


@dataclass(frozen=True)
class Settings:
    """How much work each benchmark does."""

    percall_repeats: int = 7
    percall_calls: int = 300  # per repeat for a get; a 100-session list does 1/8 of that
    parse_repeats: int = 7
    parse_pages: int = 20
    bulk_latency_ms: float = 20.0
    bulk_plan: tuple[tuple[int, int], ...] = ((1, 100), (8, 400), (32, 1000), (64, 1000))  # (concurrency, ids)
    bulk_repeats: int = 3
    memory_total: int = 100_000
    memory_traced: int = 20_000
    import_rounds: int = 20
    generate_repeats: int = 3


FULL = Settings()
QUICK = Settings(
    percall_repeats=3,
    percall_calls=24,
    parse_repeats=3,
    parse_pages=2,
    bulk_plan=((1, 8), (8, 48), (32, 96), (64, 128)),
    bulk_repeats=2,
    memory_total=2_000,
    memory_traced=1_000,
    import_rounds=4,
    generate_repeats=1,
)


def _sections(settings: Settings) -> dict[str, Callable[[], tuple[dict[str, Any], list[Row]]]]:
    """Each section runs lazily, importing its module (and the SDK) only when it runs."""

    def per_call() -> tuple[dict[str, Any], list[Row]]:
        import percall

        with running_server() as url:
            return percall.run(url, settings.percall_repeats, settings.percall_calls)

    def parse() -> tuple[dict[str, Any], list[Row]]:
        import parsecost

        return parsecost.run(settings.parse_repeats, settings.parse_pages)

    def bulk_() -> tuple[dict[str, Any], list[Row]]:
        import bulk

        with running_server(latency_ms=settings.bulk_latency_ms) as url:
            return bulk.run(url, settings.bulk_latency_ms, list(settings.bulk_plan), settings.bulk_repeats)

    def pagination_memory() -> tuple[dict[str, Any], list[Row]]:
        import pagemem

        with running_server(total=settings.memory_total) as url:
            return pagemem.run(url, settings.memory_total, min(settings.memory_traced, settings.memory_total))

    def import_time() -> tuple[dict[str, Any], list[Row]]:
        import imports

        return imports.run(settings.import_rounds)

    def generate() -> tuple[dict[str, Any], list[Row]]:
        import gentime

        return gentime.run(settings.generate_repeats)

    return {
        "per_call": per_call,
        "parse": parse,
        "bulk": bulk_,
        "pagination_memory": pagination_memory,
        "import_time": import_time,
        "generate": generate,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke mode: tiny workloads, meaningless figures")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {', '.join(SECTIONS)}")
    parser.add_argument("--out", type=Path, default=ROOT / ".bench" / "results.json", help="where to write the JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    if unknown := sorted(set(chosen) - set(SECTIONS)):
        parser.error(f"unknown section(s): {', '.join(unknown)}")
    settings = QUICK if args.quick else FULL

    meta = report.machine() | {
        "mode": "quick" if args.quick else "full",
        "httpx": httpx.__version__,
        "sniffio_installed": importlib.util.find_spec("sniffio") is not None,
        "settings": vars(settings),
    }
    print(f"duohub-retriever bench ({meta['mode']}): {meta['platform']}, ", end="")
    print(f"{meta['cpu_count']} CPUs, Python {meta['python']}")
    print(f"figures are ratios to a baseline measured in the same run; medians over repeats; {meta['date']}")
    started = time.perf_counter()
    results: dict[str, Any] = {}
    rows: list[Row] = []
    crashed = False
    runners = _sections(settings)
    for name in chosen:
        print(f"  running {name} ...", file=sys.stderr, flush=True)
        section_start = time.perf_counter()
        try:
            section, section_rows = runners[name]()
        except Exception as error:
            crashed = True
            traceback.print_exc()
            section, section_rows = (
                {"error": f"{type(error).__name__}: {error}"},
                [Row(name, "ERROR", str(error), None)],
            )
        section["seconds"] = round(time.perf_counter() - section_start, 2)
        results[name] = section
        rows += section_rows
    meta["seconds"] = round(time.perf_counter() - started, 2)

    print()
    print(report.table(rows))
    print()
    if "bulk" in chosen:
        plan = ", ".join(f"c={c}: {n} ids" for c, n in settings.bulk_plan)
        print(f"bulk: {plan} (fewer ids at low concurrency keep the run short);", end=" ")
        print("peers (raw httpx, asyncio streams) at c=32 only")
    if not meta["sniffio_installed"]:
        print("note: sniffio is not installed, so httpcore retries a failing `import sniffio` on every async request")
    failed = [row for row in rows if row.verdict == "FAIL"]
    print(f"{sum(row.verdict == 'PASS' for row in rows)} targets pass, {len(failed)} fail; {meta['seconds']:.0f} s")
    report.write_json(args.out, meta, results, rows)
    print(f"wrote {args.out}")
    return 1 if crashed or (args.strict and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
