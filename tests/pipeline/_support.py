"""Shared paths and helpers for the spec-pipeline tests (tests/pipeline/)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
SOURCES = ROOT / "openapi" / "sources"
MERGED = ROOT / "openapi" / "duohub-retriever.yaml"
PAGES = ROOT / "tests" / "fixtures" / "docs_pages"
GENERATED_PACKAGE = ROOT / "generated" / "duohub_retriever_api"
SOURCE_NAMES = ("get-message", "get-session", "list-sessions")


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in a loaded YAML tree."""
    if isinstance(node, dict):
        yield node
        for child in node.values():
            yield from walk(child)
    elif isinstance(node, list):
        for child in node:
            yield from walk(child)


def response_media_types(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(operationId, status, application/json media type) for every documented response."""
    for item in spec["paths"].values():
        for operation in item.values():
            for status, response in operation["responses"].items():
                media_type = response.get("content", {}).get("application/json")
                if media_type is not None:
                    yield operation["operationId"], str(status), media_type


def copy_sources(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCE_NAMES:
        shutil.copyfile(SOURCES / f"{name}.yaml", target / f"{name}.yaml")
    return target


def add_session_title(source: Path) -> None:
    """Add `title: {type: string}` to the session schema of a session source, keeping the rest byte for byte."""
    text = source.read_text(encoding="utf-8")
    # The session schema's `userID` property (not the example's `userID: user-123` line).
    pattern = re.compile(r"^( +)userID:\n(?= +type: string\n +description: User ID\n)", re.MULTILINE)
    matches = pattern.findall(text)
    assert len(matches) == 1, f"expected one session userID property in {source}, found {len(matches)}"
    mutated = pattern.sub(lambda match: f"{match[1]}title:\n{match[1]}  type: string\n{match[0]}", text)
    source.write_text(mutated, encoding="utf-8")


def tree_files(folder: Path) -> dict[str, bytes]:
    """{relative path: bytes} of every file under folder, caches excluded."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def copy_repo(target: Path) -> Path:
    """Copy the repository's files as git sees them (tracked, plus untracked-but-not-ignored) into target.

    Ignored files (.venv, caches, build output) are never copied, so the copy is what a fresh
    clone of the current work would hold.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.is_file():  # deleted in the work tree but still in the index
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
    assert not (target / ".venv").exists()
    return target


def run_script(repo: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run scripts/<script> of a repository copy with the project's interpreter."""
    return subprocess.run(
        [sys.executable, str(repo / "scripts" / script), *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
    )
