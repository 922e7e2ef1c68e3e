"""The command line: argparse parsers, and the ``Invocation`` they produce.

Global options (key, URL, timeout, retries, output format, --quiet) are accepted both before the
command (``duohub-retriever --json sessions get ID``) and after it (``… sessions get ID --json``);
a later one wins. Parse errors raise ``UsageError`` instead of exiting, so ``main`` reports them.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, NoReturn, cast

from .._version import __version__
from ._errors import EXIT_CODES, UsageError
from ._output import OutputFormat

PROG = "duohub-retriever"

Command = Literal["sessions get", "sessions list", "messages get"]


@dataclass(frozen=True)
class Invocation:
    command: Command
    api_key: str | None = None
    base_url: str | None = None
    timeout: float | None = None
    max_retries: int | None = None
    output: OutputFormat = "table"
    quiet: bool = False
    id: str = ""
    customer_user_id: str | None = None
    limit: int | None = None
    all: bool = False
    next_token: str | None = None
    previous_token: str | None = None


DESCRIPTION = "Read sessions and messages from the duohub Retriever API."

EPILOG = "\n".join(
    [
        "examples:",
        "  duohub-retriever sessions get SESSION_ID",
        "  duohub-retriever sessions list --customer-user-id cust-123 --limit 20",
        "  duohub-retriever --jsonl sessions list --all > sessions.jsonl",
        "  duohub-retriever messages get MESSAGE_ID --json",
        "",
        "output formats:",
        "  A readable table by default (also when piped). --json prints JSON with the API's",
        "  camelCase keys (a listing is an array, streamed); --jsonl prints one JSON object per",
        "  line, flushed page by page. Datetimes are ISO 8601 strings.",
        "",
        "environment:",
        "  DUOHUB_API_KEY    the API key (--api-key overrides; a flag is visible to other local users)",
        "  DUOHUB_BASE_URL   the API base URL (--base-url overrides; default https://api.duohub.ai)",
        "  DUOHUB_LOG        debug or info: log requests and retries to stderr",
        "",
        "exit codes:",
        *(f"  {int(code):<4} {meaning}" for code, meaning in EXIT_CODES),
    ]
)

SEE_ALSO = f"Exit codes, environment variables and output formats: {PROG} --help."

LIST_EPILOG = f"""\
examples:
  duohub-retriever sessions list --customer-user-id cust-123
  duohub-retriever sessions list --all --jsonl > sessions.jsonl

Without --all one page is printed, and when there are more a hint with the next token goes to
stderr (unless --quiet). --all follows pagination to the end, 100 sessions per request unless
--limit says otherwise, showing pages, sessions and sessions/s on stderr when it is a terminal.

{SEE_ALSO}"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds > 0, got {text!r}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def _nonempty(text: str) -> str:
    if not text:
        raise argparse.ArgumentTypeError("must not be empty")
    return text


def _add_global_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    """Top level: the real defaults. After a command: SUPPRESS, so only a given flag overrides."""

    def default(value: object) -> Any:
        return value if top_level else argparse.SUPPRESS

    group = parser.add_argument_group("connection")
    group.add_argument("--api-key", metavar="KEY", default=default(None), help="API key (default: $DUOHUB_API_KEY)")
    group.add_argument(
        "--base-url", metavar="URL", default=default(None), help="API base URL (default: $DUOHUB_BASE_URL or the API)"
    )
    group.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_positive_float,
        default=default(None),
        help="seconds per request (default 30, 5 to connect)",
    )
    group.add_argument(
        "--max-retries", metavar="N", type=_count, default=default(None), help="retries after a failure (default 2)"
    )
    output = parser.add_argument_group("output").add_mutually_exclusive_group()
    output.add_argument("--table", dest="output", action="store_const", const="table", default=default("table"),
                        help="aligned columns for people (the default)")  # fmt: skip
    output.add_argument("--json", dest="output", action="store_const", const="json", default=default("table"),
                        help="JSON with the API's camelCase keys")  # fmt: skip
    output.add_argument("--jsonl", dest="output", action="store_const", const="jsonl", default=default("table"),
                        help="JSON Lines: one object per line, streamed")  # fmt: skip
    parser.add_argument(
        "-q", "--quiet", action="store_true", default=default(False), help="no progress or hints on stderr"
    )


def _command_parser(
    parent: Any, name: str, command: Command, help_text: str, epilog: str | None = None
) -> argparse.ArgumentParser:
    parser = cast(
        argparse.ArgumentParser,
        parent.add_parser(
            name,
            help=help_text,
            description=help_text[0].upper() + help_text[1:] + ".",
            epilog=epilog or SEE_ALSO,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        ),
    )
    parser.set_defaults(command=command)
    _add_global_options(parser, top_level=False)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG, description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _add_global_options(parser, top_level=True)
    resources = parser.add_subparsers(title="commands", metavar="COMMAND", dest="resource", required=True)

    sessions = resources.add_parser("sessions", help="get or list sessions", description="Get or list sessions.")
    session_commands = sessions.add_subparsers(title="commands", metavar="COMMAND", dest="action", required=True)
    get = _command_parser(session_commands, "get", "sessions get", "retrieve one session")
    get.add_argument("id", metavar="SESSION_ID", help="the session's id")
    listing = _command_parser(session_commands, "list", "sessions list", "list sessions, a page or --all", LIST_EPILOG)
    listing.add_argument("--customer-user-id", metavar="ID", type=_nonempty, help="only this customer's sessions")
    listing.add_argument("--limit", metavar="N", type=_integer, help="sessions per page, 1-100 (API default 10)")
    listing.add_argument("--all", action="store_true", help="follow pagination to the last page")
    tokens = listing.add_mutually_exclusive_group()
    tokens.add_argument("--next-token", metavar="TOKEN", type=_nonempty, help="start at the page after this token")
    tokens.add_argument("--previous-token", metavar="TOKEN", type=_nonempty, help="start at the page before it")

    messages = resources.add_parser("messages", help="get messages", description="Get messages.")
    message_commands = messages.add_subparsers(title="commands", metavar="COMMAND", dest="action", required=True)
    get_message = _command_parser(message_commands, "get", "messages get", "retrieve one message")
    get_message.add_argument("id", metavar="MESSAGE_ID", help="the message's id")
    return parser


def parse_args(argv: Sequence[str] | None = None) -> Invocation:
    """Parse ``argv`` (default ``sys.argv[1:]``); raises UsageError, or SystemExit(0) for --help/--version."""
    namespace = vars(build_parser().parse_args(argv))
    namespace.pop("resource", None)
    namespace.pop("action", None)
    return Invocation(**namespace)
