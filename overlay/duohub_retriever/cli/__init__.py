"""``duohub-retriever``: the command-line tool for the duohub Retriever API.

    duohub-retriever sessions get ID
    duohub-retriever sessions list [--customer-user-id X] [--limit N] [--all]
    duohub-retriever messages get ID

Standard library only (argparse), on top of ``duohub_retriever.Duohub``. One module per job:
``_args`` parses the command line, ``_config`` builds the client, ``_commands`` runs a command,
``_output`` writes tables/JSON/JSON Lines (``_table`` lays them out, ``_text`` makes API text
safe for a terminal), ``_progress`` draws the ``--all`` progress line, ``_errors`` maps every
failure to one line and an exit code, and ``_main`` ties them together.
``duohub-retriever --help`` documents the flags and exit codes.
"""

from ._main import main

__all__ = ["main"]
