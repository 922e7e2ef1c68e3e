"""Bulk: AsyncDuohub.messages.get_many(ids, concurrency=c) against a server that answers every
request after a fixed latency, compared with the ideal ceil(n/c) x latency. Peers (at PEER_AT):
raw httpx with the same bounded workers, and a bare asyncio-streams client, the floor that shows
what the server and machine can do at all."""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from payloads import MESSAGE_ID
from percall import API_KEY, HEADERS, TIMEOUT
from report import Row
from timing import ainterleave, median, median_ratio

from duohub_retriever import AsyncDuohub

TARGET_AT = {32: 1.15}
LABELS = {"duohub": "AsyncDuohub.get_many", "raw_httpx": "raw httpx workers", "socket_floor": "asyncio streams floor"}
PEER_AT = {32}  # raw httpx with the same workers, where the target is (it doubles the run time)


async def raw_get_many(client: httpx.AsyncClient, base_url: str, ids: list[str], concurrency: int) -> list[Any]:
    """The same shape of work with plain httpx: fixed workers pulling from one iterator."""
    results: list[Any] = [None] * len(ids)
    pending = iter(enumerate(ids))

    async def worker() -> None:
        for index, message_id in pending:
            results[index] = json.loads((await client.get(f"{base_url}/messages/get/{message_id}")).content)

    await asyncio.gather(*(worker() for _ in range(min(concurrency, len(ids)))))
    return results


async def socket_get_many(base_url: str, ids: list[str], concurrency: int) -> list[Any]:
    """The floor: keep-alive HTTP/1.1 over asyncio streams, no HTTP library at all."""
    host, port = httpx.URL(base_url).host, httpx.URL(base_url).port
    results: list[Any] = [None] * len(ids)
    pending = iter(enumerate(ids))

    async def worker() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            for index, message_id in pending:
                writer.write(
                    f"GET /messages/get/{message_id} HTTP/1.1\r\nHost: {host}\r\nX-API-Key: k\r\n\r\n".encode()
                )
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(head.lower().partition(b"content-length:")[2].split(b"\r\n", 1)[0])
                results[index] = json.loads(await reader.readexactly(length))
        finally:
            writer.close()
            await writer.wait_closed()

    await asyncio.gather(*(worker() for _ in range(min(concurrency, len(ids)))))
    return results


async def _measure(base_url: str, plan: list[tuple[int, int]], repeats: int, latency: float) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    results: dict[str, Any] = {}
    async with (
        AsyncDuohub(API_KEY, base_url) as duo,
        httpx.AsyncClient(headers=HEADERS, timeout=TIMEOUT, limits=limits) as raw,
    ):
        for concurrency, n in plan:
            ids = [f"msg-{index:06d}" for index in range(n)]
            warm = ids[: 2 * concurrency]

            async def ours(ids: list[str] = ids, c: int = concurrency) -> None:
                assert len(await duo.messages.get_many(ids, concurrency=c)) == len(ids)

            async def plain(ids: list[str] = ids, c: int = concurrency) -> None:
                await raw_get_many(raw, base_url, ids, c)

            await duo.messages.get_many(warm, concurrency=concurrency)  # open the connections once
            if concurrency in PEER_AT:
                await raw_get_many(raw, base_url, warm, concurrency)

            async def floor(ids: list[str] = ids, c: int = concurrency) -> None:
                assert (await socket_get_many(base_url, ids, c))[-1]["data"]["id"] == MESSAGE_ID

            blocks: dict[str, Callable[[], Awaitable[None]]] = {"duohub": ours}
            if concurrency in PEER_AT:
                blocks |= {"raw_httpx": plain, "socket_floor": floor}
            samples = await ainterleave(blocks, repeats, warmup=False)
            ideal = math.ceil(n / concurrency) * latency
            results[str(concurrency)] = {
                "n": n,
                "ideal_s": round(ideal, 4),
                **{
                    name: {
                        "median_s": round(median(values), 4),
                        "ratio_to_ideal": round(median(values) / ideal, 4),
                    }
                    for name, values in samples.items()
                },
            }
            if "raw_httpx" in samples:
                results[str(concurrency)]["duohub_vs_raw_httpx"] = round(
                    median_ratio(samples, "duohub", "raw_httpx"), 4
                )
    return results


def run(
    base_url: str, latency_ms: float, plan: list[tuple[int, int]], repeats: int
) -> tuple[dict[str, Any], list[Row]]:
    """``plan``: (concurrency, number of ids) pairs."""
    figures = asyncio.run(_measure(base_url, plan, repeats, latency_ms / 1000))
    section = {"latency_ms": latency_ms, "repeats": repeats, "by_concurrency": figures}
    rows = []
    for concurrency, n in plan:
        entry = figures[str(concurrency)]
        for name, label in LABELS.items():
            if name not in entry:
                continue
            target = TARGET_AT.get(concurrency) if name == "duohub" else None
            rows.append(
                Row(
                    f"bulk {latency_ms:g} ms latency",
                    f"{label} c={concurrency} n={n}",
                    f"{entry[name]['median_s']:.3f} s vs ideal {entry['ideal_s']:.3f} s",
                    entry[name]["ratio_to_ideal"],
                    target,
                    "ideal",
                    "" if name == "duohub" else "peer",
                )
            )
        if "duohub_vs_raw_httpx" in entry:
            rows.append(
                Row(
                    f"bulk {latency_ms:g} ms latency",
                    f"AsyncDuohub.get_many c={concurrency} n={n}",
                    "the SDK's own overhead in bulk",
                    entry["duohub_vs_raw_httpx"],
                    None,
                    "raw httpx",
                )
            )
    return section, rows
