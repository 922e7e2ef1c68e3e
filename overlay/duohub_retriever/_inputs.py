"""Argument checks done before anything is sent.

Ids become one percent-encoded path segment (the generated code quotes with ``safe=""``, so
``/``, ``?``, ``#`` and ``%`` are encoded). Only ``""``, ``"."`` and ``".."`` cannot be made safe:
URL normalization removes dot segments, so ``..`` would silently request another endpoint.
"""

from __future__ import annotations

LIMIT_MIN, LIMIT_MAX = 1, 100
_DOT_SEGMENTS = frozenset({".", ".."})


def path_id(name: str, value: object) -> str:
    """Return ``value`` if it can be sent as one path segment, else raise TypeError/ValueError."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must not be empty")
    if value in _DOT_SEGMENTS:
        raise ValueError(f"{name} must not be {value!r}: URL normalization would turn it into another path")
    return value


def page_limit(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"limit must be an int, got {type(value).__name__}")
    if not LIMIT_MIN <= value <= LIMIT_MAX:
        raise ValueError(f"limit must be between {LIMIT_MIN} and {LIMIT_MAX}, got {value}")
    return value


def optional_text(name: str, value: object) -> str | None:
    """A query value that may be omitted; an empty string is refused rather than sent as ``?x=``."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str or None, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must not be empty (pass None to omit it)")
    return value
