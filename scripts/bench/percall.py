"""Per-call cost: Duohub / AsyncDuohub vs raw httpx + json.loads doing the same request, with the
unwrapped generated client (duohub_retriever_api) as a peer. One reused client each, keep-alive."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from payloads import MESSAGE_ID, SESSION_ID
from report import Row
from timing import ainterleave, interleave, summary

from duohub_retriever import AsyncDuohub, Duohub
from duohub_retriever_api.api.messages import get_message
from duohub_retriever_api.api.sessions import get_session, list_sessions
from duohub_retriever_api.client import AuthenticatedClient

API_KEY = "bench-key"
HEADERS = {"Accept": "application/json", "User-Agent": "duohub-bench/raw", "X-API-Key": API_KEY}
TIMEOUT = httpx.Timeout(30.0, connect=5.0)
TARGET = 1.10
OPS = ("get_session", "list_sessions_100", "get_message")
CONTENDERS = ("raw_httpx", "duohub", "generated")


def _generated(base_url: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url, API_KEY, prefix="", auth_header_name="X-API-Key", timeout=TIMEOUT)


def sync_calls(
    base_url: str, raw: httpx.Client, duo: Duohub, gen: AuthenticatedClient
) -> dict[str, dict[str, Callable[[], Any]]]:
    """For each operation, one call per contender."""
    session_url, message_url = f"{base_url}/sessions/get/{SESSION_ID}", f"{base_url}/messages/get/{MESSAGE_ID}"
    list_url, params = f"{base_url}/sessions/list", {"limit": 100}
    return {
        "get_session": {
            "raw_httpx": lambda: json.loads(raw.get(session_url).content),
            "duohub": lambda: duo.sessions.get(SESSION_ID),
            "generated": lambda: get_session.sync(SESSION_ID, client=gen),
        },
        "list_sessions_100": {
            "raw_httpx": lambda: json.loads(raw.get(list_url, params=params).content),
            "duohub": lambda: duo.sessions.list(limit=100),
            "generated": lambda: list_sessions.sync(client=gen, limit=100),
        },
        "get_message": {
            "raw_httpx": lambda: json.loads(raw.get(message_url).content),
            "duohub": lambda: duo.messages.get(MESSAGE_ID),
            "generated": lambda: get_message.sync(MESSAGE_ID, client=gen),
        },
    }


def async_calls(
    base_url: str, raw: httpx.AsyncClient, duo: AsyncDuohub, gen: AuthenticatedClient
) -> dict[str, dict[str, Callable[[], Awaitable[Any]]]]:
    session_url, message_url = f"{base_url}/sessions/get/{SESSION_ID}", f"{base_url}/messages/get/{MESSAGE_ID}"
    list_url, params = f"{base_url}/sessions/list", {"limit": 100}

    async def raw_get(url: str, query: dict[str, int] | None = None) -> Any:
        return json.loads((await raw.get(url, params=query)).content)

    async def duo_list() -> Any:
        return await duo.sessions.list(limit=100)

    return {
        "get_session": {
            "raw_httpx": lambda: raw_get(session_url),
            "duohub": lambda: duo.sessions.get(SESSION_ID),
            "generated": lambda: get_session.asyncio(SESSION_ID, client=gen),
        },
        "list_sessions_100": {
            "raw_httpx": lambda: raw_get(list_url, params),
            "duohub": duo_list,
            "generated": lambda: list_sessions.asyncio(client=gen, limit=100),
        },
        "get_message": {
            "raw_httpx": lambda: raw_get(message_url),
            "duohub": lambda: duo.messages.get(MESSAGE_ID),
            "generated": lambda: get_message.asyncio(MESSAGE_ID, client=gen),
        },
    }


def _repeat(call: Callable[[], Any], times: int) -> Callable[[], None]:
    def block() -> None:
        for _ in range(times):
            call()

    return block


def _arepeat(call: Callable[[], Awaitable[Any]], times: int) -> Callable[[], Awaitable[None]]:
    async def block() -> None:
        for _ in range(times):
            await call()

    return block


def calls_per_block(op: str, calls: int) -> int:
    return max(calls // 8, 5) if op.startswith("list") else calls  # a 100-session page costs ~10x a get


def run_sync(base_url: str, repeats: int, calls: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    gen = _generated(base_url)
    with httpx.Client(headers=HEADERS, timeout=TIMEOUT) as raw, Duohub(API_KEY, base_url) as duo, gen:
        for op, contenders in sync_calls(base_url, raw, duo, gen).items():
            n = calls_per_block(op, calls)
            blocks = {name: _repeat(call, n) for name, call in contenders.items()}
            results[op] = {"calls_per_repeat": n, **summary(interleave(blocks, repeats, n), "raw_httpx")}
    return results


async def _run_async(base_url: str, repeats: int, calls: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    gen = _generated(base_url)
    async with httpx.AsyncClient(headers=HEADERS, timeout=TIMEOUT) as raw, AsyncDuohub(API_KEY, base_url) as duo, gen:
        for op, contenders in async_calls(base_url, raw, duo, gen).items():
            n = calls_per_block(op, calls)
            blocks = {name: _arepeat(call, n) for name, call in contenders.items()}
            results[op] = {"calls_per_repeat": n, **summary(await ainterleave(blocks, repeats, n), "raw_httpx")}
    return results


def run(base_url: str, repeats: int, calls: int) -> tuple[dict[str, Any], list[Row]]:
    section = {
        "unit": "µs per call",
        "repeats": repeats,
        "sync": run_sync(base_url, repeats, calls),
        "async": asyncio.run(_run_async(base_url, repeats, calls)),
    }
    rows = []
    for mode in ("sync", "async"):
        for op in OPS:
            figures = section[mode][op]
            raw_us = figures["raw_httpx"]["median"]
            for name, target in (("duohub", TARGET), ("generated", None)):
                label = {"duohub": "Duohub", "generated": "generated"}[name]
                label = f"Async{label}" if mode == "async" and name == "duohub" else label
                rows.append(
                    Row(
                        f"per-call {mode}",
                        f"{op} {label}",
                        f"{figures[name]['median']:.1f} µs vs {raw_us:.1f} µs, "
                        f"{figures['calls_per_repeat']} calls x {repeats}",
                        figures[name]["ratio"],
                        target,
                        "raw httpx",
                        "" if target else "peer",
                    )
                )
    return section, rows
