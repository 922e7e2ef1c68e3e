"""Extract the OpenAPI document from a published duohub docs page.

Each docs page (Markdown, as served at ``<page>.md``) carries exactly one fenced
``yaml`` block holding a complete OpenAPI document for one operation. The block's
text is written to ``openapi/sources/<name>.yaml`` byte for byte.

    python scripts/extract_spec.py PAGE.md|URL [--name get-session] [--out openapi/sources]
    python scripts/extract_spec.py --upstream [--check]   # every page in openapi/upstream.toml
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "openapi" / "sources"
UPSTREAM = ROOT / "openapi" / "upstream.toml"

# An opening fence of three or more backticks (or tildes) whose info string starts with "yaml".
_OPENING_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*yaml\b.*$")


class ExtractError(Exception):
    """The page does not hold exactly one fenced YAML block."""


def extract_yaml_block(page: str, origin: str = "page") -> str:
    """Return the text inside the page's only fenced ``yaml`` block, newline-terminated."""
    blocks: list[str] = []
    lines = page.splitlines(keepends=True)
    index = 0
    while index < len(lines):
        opening = _OPENING_FENCE.match(lines[index].rstrip("\r\n"))
        index += 1
        if not opening:
            continue
        fence = opening["fence"]
        body: list[str] = []
        while index < len(lines) and not _is_closing_fence(lines[index], fence):
            body.append(lines[index])
            index += 1
        if index == len(lines):
            raise ExtractError(f"{origin}: the yaml block opened with {fence} is never closed")
        index += 1  # skip the closing fence
        blocks.append("".join(body))
    if not blocks:
        raise ExtractError(f"{origin}: no fenced yaml block found")
    if len(blocks) > 1:
        raise ExtractError(f"{origin}: {len(blocks)} fenced yaml blocks found, expected exactly one")
    return blocks[0]


def _is_closing_fence(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence) and set(stripped) == {fence[0]}


def source_name(document: str) -> str:
    """Name a source after its single operationId: ``getSession`` → ``get-session``."""
    found = re.findall(r"^\s+operationId:\s*['\"]?([A-Za-z0-9_]+)", document, flags=re.MULTILINE)
    if len(found) != 1:
        raise ExtractError(f"cannot name the source: expected one operationId, found {found or 'none'}")
    return re.sub(r"(?<!^)(?=[A-Z])", "-", found[0]).lower()


def read_page(location: str) -> str:
    if re.match(r"https?://", location):
        with urllib.request.urlopen(location, timeout=30) as response:
            return response.read().decode("utf-8")
    return Path(location).read_text(encoding="utf-8")


def upstream_pages() -> dict[str, str]:
    """The docs page URL of every source, keyed by source name."""
    with UPSTREAM.open("rb") as file:
        return dict(tomllib.load(file)["pages"])


def _display(path: Path) -> str:
    """The path relative to the repo when it is inside it, else as given (e.g. a temp --out)."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def extract(location: str, out_dir: Path, name: str | None = None, check: bool = False) -> bool:
    """Write (or, with ``check``, compare) one source. Returns False when a check finds drift."""
    document = extract_yaml_block(read_page(location), origin=location)
    target = out_dir / f"{name or source_name(document)}.yaml"
    if check:
        current = target.read_bytes() if target.exists() else b""
        if current != document.encode("utf-8"):
            print(f"DRIFT {_display(target)} differs from {location}")
            return False
        print(f"ok    {_display(target)}")
        return True
    target.write_bytes(document.encode("utf-8"))
    print(f"wrote {target} from {location}")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("location", nargs="?", help="a saved docs page (.md) or its URL")
    parser.add_argument("--name", help="source name (default: from the operationId)")
    parser.add_argument("--out", type=Path, default=SOURCES, help="sources folder (default: openapi/sources)")
    parser.add_argument("--upstream", action="store_true", help="every page listed in openapi/upstream.toml")
    parser.add_argument("--check", action="store_true", help="compare instead of writing; exit 1 on drift")
    args = parser.parse_args(argv)
    if args.upstream == bool(args.location):
        parser.error("give either a page location or --upstream")
    try:
        if args.upstream:
            results = [extract(url, args.out, name, args.check) for name, url in upstream_pages().items()]
        else:
            results = [extract(args.location, args.out, args.name, args.check)]
    except (ExtractError, OSError) as error:
        print(f"extract_spec: {error}", file=sys.stderr)
        return 2
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
