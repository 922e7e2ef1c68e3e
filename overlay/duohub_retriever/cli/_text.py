"""Text from the API made safe and measurable for a terminal.

Everything shown comes from the API, so control characters (an ESC could drive the terminal) are
escaped before they are printed. Widths count East Asian wide characters as two columns.
"""

from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "…"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with every control character (newlines too) written as a visible escape."""
    return _CONTROL.sub(lambda match: _ESCAPES.get(match.group(), f"\\x{ord(match.group()):02x}"), text)


def one_line(text: str) -> str:
    """Whitespace runs (newlines included) collapsed to one space, other control characters escaped."""
    return printable(" ".join(text.split()))


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, the last one … when cut."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(_char_width(char) for char in text)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns (ending in …) if longer, then padded to ``width``."""
    if display_width(text) > width:
        kept, used = [], 0
        for char in text:
            char_width = _char_width(char)
            if used + char_width > width - 1:
                break
            kept.append(char)
            used += char_width
        text = "".join(kept) + ELLIPSIS
    return text + " " * (width - display_width(text))
