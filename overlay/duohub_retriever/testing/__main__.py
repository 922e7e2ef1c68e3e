"""`python -m duohub_retriever.testing`: serve the fake over HTTP on 127.0.0.1 until Ctrl-C, for demos and CLIs."""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
from collections.abc import Sequence

from ._fake import FakeDuohub


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, seed (unless --no-seed), print the URL and key, serve until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m duohub_retriever.testing", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--api-key", default="test-key", help="the API key the fake accepts")
    parser.add_argument("--seed", action=argparse.BooleanOptionalAction, default=True, help="add the demo data set")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every reply")
    parser.add_argument("--quiet", action="store_true", help="do not log requests to stderr")
    args = parser.parse_args(argv)

    fake = FakeDuohub(api_key=args.api_key, latency=args.latency)
    if args.seed:
        fake.seed()
    with fake.serve(port=args.port, host=args.host, log=not args.quiet) as url:
        print(url, flush=True)
        print(f"API key: {args.api_key} (send it as X-API-Key); Ctrl-C stops", file=sys.stderr, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
