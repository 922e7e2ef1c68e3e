"""The pipeline scripts are plain files in scripts/, not a package: make them importable by name
(`import merge_spec`), the same way they import each other."""

from __future__ import annotations

import sys

from ._support import SCRIPTS

if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))
