"""The client for an invocation: flags first, then DUOHUB_API_KEY / DUOHUB_BASE_URL, then the SDK defaults."""

from __future__ import annotations

import os
from typing import Any

from .._client import Duohub
from .._exceptions import DuohubError
from ._args import Invocation
from ._errors import KEY_HINT, ConfigurationError


def open_client(invocation: Invocation) -> Duohub:
    """A ``Duohub`` built from the flags and environment, or ConfigurationError saying what is wrong."""
    api_key = invocation.api_key if invocation.api_key is not None else os.environ.get("DUOHUB_API_KEY")
    if not api_key:
        raise ConfigurationError(f"no API key — {KEY_HINT}")
    options: dict[str, Any] = {"api_key": api_key, "base_url": invocation.base_url}
    if invocation.timeout is not None:
        options["timeout"] = invocation.timeout
    if invocation.max_retries is not None:
        options["max_retries"] = invocation.max_retries
    try:
        return Duohub(**options)
    except ValueError as error:  # the only setting left unchecked by the parser: the base URL
        source = "--base-url" if invocation.base_url is not None else "DUOHUB_BASE_URL"
        raise ConfigurationError(f"{error} (check {source})") from None
    except DuohubError as error:
        raise ConfigurationError(str(error)) from None
