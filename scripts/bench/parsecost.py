"""Parse cost, in-process (no HTTP): a 100-session list page turned into models by our parse path
(resources.sessions._parse_session_list on an in-memory httpx.Response) vs json.loads alone and vs
the generated from_dict without our checks."""

from __future__ import annotations

import json
from typing import Any

import httpx
from payloads import list_body
from report import Row
from timing import interleave, summary

from duohub_retriever.resources.sessions import _parse_session_list
from duohub_retriever_api.models import SessionListResponse

PAGE = 100


def run(repeats: int, pages: int) -> tuple[dict[str, Any], list[Row]]:
    body = list_body(0, PAGE, PAGE * 10)
    request = httpx.Request("GET", "http://127.0.0.1/sessions/list?limit=100")
    response = httpx.Response(200, content=body, request=request, headers={"Content-Type": "application/json"})
    assert len(_parse_session_list(response).data.sessions) == PAGE  # type: ignore[arg-type]

    def loads() -> None:
        for _ in range(pages):
            json.loads(response.content)

    def generated() -> None:
        for _ in range(pages):
            SessionListResponse.from_dict(json.loads(response.content))

    def ours() -> None:
        for _ in range(pages):
            _parse_session_list(response)

    blocks = {"json_loads": loads, "generated_from_dict": generated, "duohub_parse": ours}
    samples = interleave(blocks, repeats, pages * PAGE)
    figures = summary(samples, "json_loads")
    vs_generated = summary(samples, "generated_from_dict")["duohub_parse"]["ratio"]
    section = {
        "unit": "µs per session",
        "page_bytes": len(body),
        "sessions_per_page": PAGE,
        "pages_per_repeat": pages,
        "repeats": repeats,
        **figures,
        "duohub_vs_generated_ratio": vs_generated,
    }
    loads, generated_us, ours_us = (
        figures[name]["median"] for name in ("json_loads", "generated_from_dict", "duohub_parse")
    )
    rows = [
        Row("parse", "list page: generated from_dict", f"{generated_us:.2f} vs {loads:.2f} µs/session",
            figures["generated_from_dict"]["ratio"], None, "json.loads", "peer"),
        Row("parse", "list page: duohub parse", f"{ours_us:.2f} vs {loads:.2f} µs/session",
            figures["duohub_parse"]["ratio"], None, "json.loads"),
        Row("parse", "list page: duohub parse", f"{ours_us:.2f} vs {generated_us:.2f} µs/session",
            vs_generated, None, "generated", "cost of our checks on top"),
    ]  # fmt: skip
    return section, rows
