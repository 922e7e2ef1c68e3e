"""Layout for a terminal: aligned columns that stream a page at a time, and key/value records."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TextIO, TypeVar

from ._text import display_width, fit, printable

RowT = TypeVar("RowT")

EMPTY = "-"
GAP = "  "


@dataclass(frozen=True)
class Column(Generic[RowT]):
    header: str
    cell: Callable[[RowT], str]
    max_width: int = 40


class StreamingTable(Generic[RowT]):
    """Aligned columns written a batch (one page) at a time, so no more than one batch is ever held.

    The first non-empty batch fixes the column widths (each capped at its ``max_width``); a longer
    cell in a later batch is cut with …. The last column is neither padded nor cut.
    """

    def __init__(self, columns: Sequence[Column[RowT]], stream: TextIO) -> None:
        self._columns = columns
        self._stream = stream
        self._widths: list[int] | None = None
        self.rows = 0

    def add(self, rows: Iterable[RowT]) -> None:
        cells = [[printable(column.cell(row)) for column in self._columns] for row in rows]
        if not cells:
            return
        if self._widths is None:
            self._widths = [
                min(
                    max(display_width(column.header), *(display_width(line[index]) for line in cells)), column.max_width
                )
                for index, column in enumerate(self._columns)
            ]
            self._write_line([column.header for column in self._columns])
        for line in cells:
            self._write_line(line)
        self.rows += len(cells)

    def _write_line(self, cells: Sequence[str]) -> None:
        assert self._widths is not None
        *aligned, last = cells
        text = GAP.join([*(fit(cell, width) for cell, width in zip(aligned, self._widths, strict=False)), last])
        self._stream.write(text.rstrip() + "\n")


def record_lines(fields: Mapping[str, object]) -> list[str]:
    """One object as aligned ``key  value`` lines; a multi-line string continues under its value."""
    label_width = max((display_width(printable(key)) for key in fields), default=0)
    lines: list[str] = []
    for key, value in fields.items():
        first, *rest = _value_lines(value)
        lines.append(f"{fit(printable(key), label_width)}{GAP}{first}".rstrip())
        lines.extend(f"{' ' * (label_width + len(GAP))}{line}".rstrip() for line in rest)
    return lines


def _value_lines(value: object) -> list[str]:
    if value is None or value == [] or value == "":
        return [EMPTY]
    if isinstance(value, str):
        return [printable(line) for line in value.split("\n")]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, int | float):
        return [str(value)]
    if isinstance(value, list) and all(isinstance(item, dict) and set(item) == {"key", "value"} for item in value):
        return [printable(", ".join(f"{item['key']}={item['value']}" for item in value))]
    return [printable(json.dumps(value, ensure_ascii=False))]
