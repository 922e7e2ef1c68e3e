"""Profile one per-call benchmark with cProfile: where a call's time goes, by function and by package.

    python scripts/bench/hotpath.py [--mode sync|async] [--op get_session|list_sessions_100|get_message]
                                    [--contender duohub|raw_httpx|generated] [--calls 2000] [--top 25]

Percentages are of the profiled per-call time (cProfile inflates absolute times, not much the shares).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
from collections import defaultdict
from typing import Any

import httpx
from percall import API_KEY, HEADERS, OPS, TIMEOUT, _generated, async_calls, sync_calls
from serverproc import running_server

from duohub_retriever import AsyncDuohub, Duohub

GROUPS = (
    ("duohub_retriever/", "overlay (duohub_retriever)"),
    ("duohub_retriever_api/", "generated (duohub_retriever_api)"),
    ("/httpx/", "httpx"),
    ("/httpcore/", "httpcore"),
    ("/h11/", "h11"),
    ("/anyio/", "anyio"),
    ("/attr/", "attrs"),
    ("/asyncio/", "asyncio"),
    ("json", "json"),
    ("_bootstrap", "importlib (failed imports)"),
)


def group_of(filename: str, function: str) -> str:
    for marker, label in GROUPS:
        if marker in filename or (marker == "json" and "json" in function):
            return label
    if filename == "~":
        return f"builtins ({function.split(' of ')[0].strip('<>')})" if "socket" in function else "builtins (other)"
    return "stdlib / other"


def profile(mode: str, op: str, contender: str, calls: int) -> pstats.Stats:
    profiler = cProfile.Profile()
    with running_server() as base_url:
        if mode == "sync":
            gen = _generated(base_url)
            with httpx.Client(headers=HEADERS, timeout=TIMEOUT) as raw, Duohub(API_KEY, base_url) as duo, gen:
                call = sync_calls(base_url, raw, duo, gen)[op][contender]
                for _ in range(50):
                    call()
                profiler.enable()
                for _ in range(calls):
                    call()
                profiler.disable()
        else:

            async def main() -> None:
                gen = _generated(base_url)
                async with (
                    httpx.AsyncClient(headers=HEADERS, timeout=TIMEOUT) as raw,
                    AsyncDuohub(API_KEY, base_url) as duo,
                    gen,
                ):
                    call = async_calls(base_url, raw, duo, gen)[op][contender]
                    for _ in range(50):
                        await call()
                    profiler.enable()
                    for _ in range(calls):
                        await call()
                    profiler.disable()

            asyncio.run(main())
    return pstats.Stats(profiler)


def breakdown(stats: pstats.Stats, calls: int, top: int) -> str:
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in raw.values())  # tottime over every function = profiled time
    per_call_us = total / calls * 1e6
    lines = [f"profiled per-call time: {per_call_us:.1f} µs ({calls} calls)", "", "by package (self time):"]
    groups: dict[str, float] = defaultdict(float)
    for (filename, _line, function), entry in raw.items():
        groups[group_of(filename, function)] += entry[2]
    for label, seconds in sorted(groups.items(), key=lambda item: -item[1]):
        lines.append(f"  {seconds / total:6.1%}  {seconds / calls * 1e6:8.1f} µs  {label}")
    lines += ["", f"top {top} functions by self time (self %, cumulative %, calls per call):"]
    ranked = sorted(raw.items(), key=lambda item: -item[1][2])[:top]
    for (filename, line, function), (_cc, ncalls, tottime, cumtime, _callers) in ranked:
        where = f"{filename.split('site-packages/')[-1].split('/work/main/')[-1]}:{line}({function})"
        lines.append(f"  {tottime / total:6.1%}  {cumtime / total:6.1%}  {ncalls / calls:6.1f}  {where}")
    ours = [
        (key, entry)
        for key, entry in raw.items()
        if "duohub_retriever" in key[0] and "duohub_retriever_api" not in key[0]
    ]
    lines += ["", "overlay functions by cumulative time (cumulative %, self %):"]
    for (filename, line, function), entry in sorted(ours, key=lambda item: -item[1][3])[:top]:
        lines.append(
            f"  {entry[3] / total:6.1%}  {entry[2] / total:6.1%}  {filename.split('overlay/')[-1]}:{line}({function})"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("sync", "async"), default="sync")
    parser.add_argument("--op", choices=OPS, default="get_session")
    parser.add_argument("--contender", choices=("duohub", "raw_httpx", "generated"), default="duohub")
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    print(f"{args.mode} {args.op} {args.contender}")
    print(breakdown(profile(args.mode, args.op, args.contender, args.calls), args.calls, args.top))


if __name__ == "__main__":
    main()
