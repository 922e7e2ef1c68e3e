"""``main``: parse, build the client, run the command, and turn every failure into one line and an exit code."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Sequence

from ._args import PROG, parse_args
from ._commands import run
from ._config import open_client
from ._errors import ExitCode, describe


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``duohub-retriever`` with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    stdout, stderr = sys.stdout, sys.stderr
    if isinstance(stdout, io.TextIOWrapper):
        stdout.reconfigure(errors="backslashreplace")  # a table on a non-UTF-8 terminal never fails
    try:
        invocation = parse_args(argv)
        with open_client(invocation) as client:
            run(invocation, client, stdout, stderr)
        stdout.flush()
    except SystemExit as done:  # --help, --version
        return done.code if isinstance(done.code, int) else int(done.code is not None)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        _discard_stdout()
        return ExitCode.BROKEN_PIPE
    except (Exception, KeyboardInterrupt) as error:
        failure = describe(error)
        with contextlib.suppress(OSError):
            stderr.write(f"{PROG}: {failure.message}\n")
            stderr.flush()
        return failure.code
    return ExitCode.OK


def _discard_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
