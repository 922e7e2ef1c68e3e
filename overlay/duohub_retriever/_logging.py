"""The ``duohub_retriever`` logger; ``DUOHUB_LOG=debug|info`` sends it to stderr.

Nothing logged here ever contains the API key: headers go through ``redacted_headers``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

import httpx

logger = logging.getLogger("duohub_retriever")

SECRET_HEADERS = frozenset({"x-api-key", "authorization", "proxy-authorization", "cookie", "set-cookie"})


def redacted_headers(headers: Mapping[str, str] | httpx.Headers) -> dict[str, str]:
    return {name: "<redacted>" if name.lower() in SECRET_HEADERS else value for name, value in headers.items()}


def configure_from_env() -> None:
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(os.environ.get("DUOHUB_LOG", "").lower())
    if level is None or logger.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
