"""Fail when the committed merged spec or generated/ differ from what openapi/sources/ produce.

    python scripts/check_drift.py

Regenerates into a temporary folder with scripts/generate.py and compares file by file.
"""

from __future__ import annotations

import filecmp
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate
import merge_spec


def _relative_files(folder: Path) -> set[str]:
    if not folder.exists():
        return set()
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def differing_files(fresh: Path) -> list[str]:
    """Paths (relative to the repo) whose committed content differs from a fresh generation."""
    differences = []
    committed_spec = merge_spec.MERGED
    if not committed_spec.exists() or not filecmp.cmp(fresh / committed_spec.name, committed_spec, shallow=False):
        differences.append(merge_spec.MERGED.relative_to(generate.ROOT).as_posix())
    committed_dir = generate.GENERATED / generate.PACKAGE
    fresh_dir = fresh / generate.PACKAGE
    committed, regenerated = _relative_files(committed_dir), _relative_files(fresh_dir)
    prefix = committed_dir.relative_to(generate.ROOT).as_posix()
    for name in sorted(committed | regenerated):
        if name not in committed:
            differences.append(f"{prefix}/{name} (missing; make generate would add it)")
        elif name not in regenerated:
            differences.append(f"{prefix}/{name} (stray; make generate would delete it)")
        elif not filecmp.cmp(committed_dir / name, fresh_dir / name, shallow=False):
            differences.append(f"{prefix}/{name}")
    return differences


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch)
        if generate.generate(into=fresh) != 0:
            return 1
        differences = differing_files(fresh)
    if differences:
        print("check-drift: FAILED — committed files differ from what openapi/sources/ produce:", file=sys.stderr)
        for difference in differences:
            print(f"  {difference}", file=sys.stderr)
        print("Run `make generate` and commit the result.", file=sys.stderr)
        return 1
    print("check-drift: ok — merged spec and generated/ match openapi/sources/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
