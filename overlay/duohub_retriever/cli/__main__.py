"""``python -m duohub_retriever.cli``: the same as the ``duohub-retriever`` command."""

import sys

from ._main import main

sys.exit(main())
