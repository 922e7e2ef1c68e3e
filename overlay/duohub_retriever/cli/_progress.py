"""The ``--all`` progress line on stderr: pages, sessions and sessions per second, redrawn in place.

Shown only when it is enabled (the caller checks ``stderr.isatty()``), so logs and pipes never see
carriage returns. When stdout is the same terminal, ``clear()`` erases the line before output is
written so the two do not mix.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO


class Progress:
    def __init__(
        self,
        stream: TextIO,
        *,
        enabled: bool,
        shares_screen: bool = False,
        noun: str = "sessions",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._enabled = enabled
        self._shares_screen = shares_screen
        self._noun = noun
        self._clock = clock
        self._start = clock()
        self._shown = 0  # characters on the current line, 0 when nothing is shown
        self.pages = 0
        self.items = 0

    def __enter__(self) -> Progress:
        self._start = self._clock()
        self._draw(f"fetching {self._noun}…")
        return self

    def update(self, pages: int, items: int) -> None:
        self.pages, self.items = pages, items
        self._draw(f"fetching {self._noun}: {self._summary()}")

    def clear(self) -> None:
        """Erase the line before other output goes to the same terminal (no-op otherwise)."""
        if self._shares_screen:
            self._draw("")

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if exc_type is None:
            self._draw(f"fetched {self._summary()}")
            self._end_line()
        else:
            self._draw("")

    def _summary(self) -> str:
        elapsed = self._clock() - self._start
        rate = f"{self.items / elapsed:,.0f}/s" if elapsed > 0 else "-"
        pages = f"{self.pages:,} page{'' if self.pages == 1 else 's'}"
        return f"{pages}, {self.items:,} {self._noun}, {elapsed:.1f} s, {rate}"

    def _draw(self, text: str) -> None:
        if not self._enabled or (not text and not self._shown):
            return
        erase = "\r" + " " * self._shown + "\r" if len(text) < self._shown else "\r"
        self._stream.write(erase + text)
        self._stream.flush()
        self._shown = len(text)

    def _end_line(self) -> None:
        if self._enabled and self._shown:
            self._stream.write("\n")
            self._stream.flush()
            self._shown = 0
