"""The layout helpers in-process: escaping, display widths, streaming columns, the progress line."""

from __future__ import annotations

import io
import itertools

from duohub_retriever.cli._progress import Progress
from duohub_retriever.cli._table import Column, StreamingTable, record_lines
from duohub_retriever.cli._text import display_width, fit, one_line, printable


def test_control_characters_are_escaped() -> None:
    assert printable("a\x1b[2Jb\nc\x9b") == "a\\x1b[2Jb\\nc\\x9b"
    assert one_line("  API key\n\tis   required\x07 ") == "API key is required\\x07"


def test_widths_count_wide_characters_twice() -> None:
    assert display_width("日本") == 4
    assert display_width("e\u0301") == 1  # combining accent
    assert fit("日本語テキスト", 7) == "日本語…"
    assert fit("abc", 5) == "abc  "
    assert fit("abcdef", 4) == "abc…"


def test_streaming_table_fixes_widths_on_the_first_batch() -> None:
    stream = io.StringIO()
    table = StreamingTable([Column[str]("NAME", str, max_width=6), Column[str]("LEN", lambda s: str(len(s)))], stream)
    table.add([])
    table.add(["ab", "abcd"])
    table.add(["abcdefghij"])
    assert stream.getvalue().splitlines() == ["NAME  LEN", "ab    2", "abcd  4", "abc…  10"]
    assert table.rows == 3


def test_record_lines_align_keys_and_continue_multiline_values() -> None:
    lines = record_lines({"id": "m-1", "content": "one\ntwo", "metadata": [{"key": "k", "value": "v"}], "x": None})
    assert lines == ["id        m-1", "content   one", "          two", "metadata  k=v", "x         -"]


def test_progress_draws_only_when_enabled() -> None:
    ticks = itertools.count()
    shown = io.StringIO()
    with Progress(shown, enabled=True, clock=lambda: float(next(ticks))) as progress:
        progress.update(1, 100)
    assert "\rfetching sessions: 1 page, 100 sessions" in shown.getvalue()
    assert shown.getvalue().endswith("\rfetched 1 page, 100 sessions, 2.0 s, 50/s\n")
    hidden = io.StringIO()
    with Progress(hidden, enabled=False) as progress:
        progress.update(1, 100)
    assert hidden.getvalue() == ""
