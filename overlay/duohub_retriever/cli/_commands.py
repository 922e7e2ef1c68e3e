"""What each command does with a client: fetch, then hand the result to the writer page by page."""

from __future__ import annotations

from typing import TextIO

from .._client import Duohub
from .._inputs import LIMIT_MAX
from ._args import PROG, Invocation
from ._output import Writer, make_writer
from ._progress import Progress
from ._text import printable


def run(invocation: Invocation, client: Duohub, stdout: TextIO, stderr: TextIO) -> None:
    writer = make_writer(invocation.output, stdout)
    if invocation.command == "sessions get":
        writer.item(client.sessions.get(invocation.id))
    elif invocation.command == "messages get":
        writer.item(client.messages.get(invocation.id))
    else:
        list_sessions(invocation, client, writer, stdout, stderr)


def list_sessions(invocation: Invocation, client: Duohub, writer: Writer, stdout: TextIO, stderr: TextIO) -> None:
    """One page, or with --all every page from there on; only the current page is ever held."""
    limit = invocation.limit if invocation.limit is not None or not invocation.all else LIMIT_MAX
    show_progress = invocation.all and not invocation.quiet and stderr.isatty()
    with Progress(stderr, enabled=show_progress, shares_screen=stdout.isatty()) as progress:
        first = client.sessions.list(
            customer_user_id=invocation.customer_user_id,
            limit=limit,
            next_token=invocation.next_token,
            previous_token=invocation.previous_token,
        )
        for page in first.iter_pages() if invocation.all else (first,):
            progress.clear()
            writer.page(page.sessions)
            progress.update(progress.pages + 1, progress.items + len(page.sessions))
        progress.clear()
        writer.end()
    if not invocation.all and first.next_token is not None and not invocation.quiet:
        stderr.write(f"{PROG}: more sessions: add --next-token {printable(first.next_token)} or --all\n")
