"""The three output formats: a table (the default), ``--json`` and ``--jsonl``.

A writer gets either one object (``item``) or a listing a page at a time (``page`` … ``end``),
and writes and flushes each page as it arrives: nothing holds more than one page. JSON uses the
API's camelCase keys (``model.to_dict()``), datetimes as ISO 8601 strings.
"""

from __future__ import annotations

import codecs
import datetime
import json
import textwrap
from collections.abc import Sequence
from typing import Any, Literal, Protocol, TextIO

from duohub_retriever_api.models import Message, Session
from duohub_retriever_api.types import Unset

from ._table import EMPTY, Column, StreamingTable, record_lines

OutputFormat = Literal["table", "json", "jsonl"]
FORMATS: tuple[OutputFormat, ...] = ("table", "json", "jsonl")


class Writer(Protocol):
    def item(self, model: Session | Message) -> None:
        """Write one object."""

    def page(self, sessions: Sequence[Session]) -> None:
        """Write one page of a listing, and flush it."""

    def end(self) -> None:
        """Finish the listing, and flush."""


def make_writer(output: OutputFormat, stream: TextIO) -> Writer:
    if output == "json":
        return JsonWriter(stream)
    if output == "jsonl":
        return JsonLinesWriter(stream)
    return TableWriter(stream)


def _ensure_ascii(stream: TextIO) -> bool:
    """Non-ASCII text is written as is to a UTF-8 stream, else as \\u escapes (still valid JSON)."""
    try:
        return codecs.lookup(stream.encoding or "ascii").name != "utf-8"
    except (LookupError, AttributeError):
        return True


class JsonWriter:
    """``--json``: an indented object; a listing is an array streamed element by element."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._ascii = _ensure_ascii(stream)
        self._count = 0

    def _dumps(self, data: Any) -> str:
        return json.dumps(data, indent=2, ensure_ascii=self._ascii)

    def item(self, model: Session | Message) -> None:
        self._stream.write(self._dumps(model.to_dict()) + "\n")

    def page(self, sessions: Sequence[Session]) -> None:
        for session in sessions:
            self._stream.write(
                ("[\n" if self._count == 0 else ",\n") + textwrap.indent(self._dumps(session.to_dict()), "  ")
            )
            self._count += 1
        self._stream.flush()

    def end(self) -> None:
        self._stream.write("\n]\n" if self._count else "[]\n")
        self._stream.flush()


class JsonLinesWriter:
    """``--jsonl``: one compact JSON object per line."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._ascii = _ensure_ascii(stream)

    def _line(self, data: Any) -> str:
        return json.dumps(data, ensure_ascii=self._ascii, separators=(",", ":")) + "\n"

    def item(self, model: Session | Message) -> None:
        self._stream.write(self._line(model.to_dict()))

    def page(self, sessions: Sequence[Session]) -> None:
        self._stream.write("".join(self._line(session.to_dict()) for session in sessions))
        self._stream.flush()

    def end(self) -> None:
        pass


def _text(value: str | Unset | None) -> str:
    return value if isinstance(value, str) and value else EMPTY


def _when(value: datetime.datetime | Unset | None) -> str:
    if not isinstance(value, datetime.datetime):
        return EMPTY
    if value.utcoffset() == datetime.timedelta(0):
        return value.strftime("%Y-%m-%d %H:%M:%SZ")
    return value.isoformat(sep=" ", timespec="seconds")


def _metadata(session: Session) -> str:
    if isinstance(session.metadata, Unset) or not session.metadata:
        return EMPTY
    return ", ".join(f"{_text(item.key)}={_text(item.value)}" for item in session.metadata)


SESSION_COLUMNS: tuple[Column[Session], ...] = (
    Column("ID", lambda session: _text(session.id), max_width=40),
    Column("CUSTOMER", lambda session: _text(session.customer_user_id), max_width=24),
    Column("CREATED", lambda session: _when(session.created_at), max_width=25),
    Column("ENDED", lambda session: _when(session.ended_at), max_width=25),
    Column("METADATA", _metadata),
)


class TableWriter:
    """The default: one object as aligned ``key  value`` lines, a listing as aligned columns."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._table = StreamingTable(SESSION_COLUMNS, stream)

    def item(self, model: Session | Message) -> None:
        self._stream.write("".join(line + "\n" for line in record_lines(model.to_dict())))

    def page(self, sessions: Sequence[Session]) -> None:
        self._table.add(sessions)
        self._stream.flush()

    def end(self) -> None:
        if not self._table.rows:
            self._stream.write("No sessions.\n")
        self._stream.flush()
