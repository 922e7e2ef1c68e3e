"""scripts/extract_spec.py: a saved docs page → openapi/sources/<name>.yaml, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import extract_spec
import pytest

from ._support import PAGES, SOURCE_NAMES, SOURCES


def _page(tmp_path: Path, body: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(f"# Some page\n\n> Intro text.\n\n{body}", encoding="utf-8")
    return page


@pytest.mark.parametrize("name", SOURCE_NAMES)
def test_each_fixture_page_extracts_to_its_committed_source(name: str, tmp_path: Path) -> None:
    # The page is renamed so the output name can only come from the operationId inside it.
    page = tmp_path / "saved-page.md"
    shutil.copyfile(PAGES / f"{name}.md", page)
    out = tmp_path / "sources"
    out.mkdir()

    assert extract_spec.main([str(page), "--out", str(out)]) == 0

    assert [path.name for path in out.iterdir()] == [f"{name}.yaml"]
    assert (out / f"{name}.yaml").read_bytes() == (SOURCES / f"{name}.yaml").read_bytes()


def test_every_source_has_a_fixture_page_and_an_upstream_url() -> None:
    sources = sorted(path.stem for path in SOURCES.glob("*.yaml"))
    assert sources == sorted(SOURCE_NAMES)
    assert sorted(path.stem for path in PAGES.glob("*.md")) == sources
    pages = extract_spec.upstream_pages()
    assert sorted(pages) == sources
    assert all(url.startswith("https://docs.duohub.ai/") and url.endswith(".md") for url in pages.values())


@pytest.mark.parametrize(
    ("operation_id", "name"),
    [("getSession", "get-session"), ("listSessions", "list-sessions"), ("countSessions", "count-sessions")],
)
def test_source_name_comes_from_the_operation_id(operation_id: str, name: str) -> None:
    assert extract_spec.source_name(f"paths:\n  /x:\n    get:\n      operationId: {operation_id}\n") == name


def test_name_option_overrides_the_operation_id(tmp_path: Path) -> None:
    assert extract_spec.main([str(PAGES / "get-message.md"), "--name", "custom", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "custom.yaml").read_bytes() == (SOURCES / "get-message.yaml").read_bytes()


def test_a_longer_fence_is_not_closed_by_a_shorter_one(tmp_path: Path) -> None:
    body = (
        "openapi: 3.1.0\n"
        "info:\n"
        "  description: |\n"
        "    ```\n"
        "    code\n"
        "    ```\n"
        "paths:\n"
        "  /x:\n"
        "    get:\n"
        "      operationId: getX\n"
    )
    page = _page(tmp_path, f"````yaml GET /x\n{body}````\n\nTrailing text.\n")
    assert extract_spec.extract_yaml_block(page.read_text(encoding="utf-8")) == body


def test_other_fenced_blocks_are_ignored(tmp_path: Path) -> None:
    body = "openapi: 3.1.0\npaths:\n  /x:\n    get:\n      operationId: getX\n"
    page = _page(tmp_path, f"```bash\ncurl https://api.duohub.ai\n```\n\n```yaml\n{body}```\n\n```json\n{{}}\n```\n")
    assert extract_spec.main([str(page), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "get-x.yaml").read_text(encoding="utf-8") == body


def test_page_without_a_yaml_block_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _page(tmp_path, "```python\nprint('no spec here')\n```\n")
    out = tmp_path / "out"
    out.mkdir()

    assert extract_spec.main([str(page), "--out", str(out)]) == 2

    error = capsys.readouterr().err
    assert "no fenced yaml block found" in error
    assert str(page) in error
    assert list(out.iterdir()) == []


def test_page_with_two_yaml_blocks_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    block = "```yaml\nopenapi: 3.1.0\npaths:\n  /x:\n    get:\n      operationId: getX\n```\n"
    page = _page(tmp_path, f"{block}\nAnd again:\n\n{block}")
    out = tmp_path / "out"
    out.mkdir()

    assert extract_spec.main([str(page), "--out", str(out)]) == 2

    error = capsys.readouterr().err
    assert "2 fenced yaml blocks found, expected exactly one" in error
    assert str(page) in error
    assert list(out.iterdir()) == []


def test_unclosed_fence_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A ``` line does not close a ```` fence, so this block runs to the end of the page.
    page = _page(tmp_path, "````yaml\nopenapi: 3.1.0\npaths:\n  /x:\n    get:\n      operationId: getX\n```\n")
    out = tmp_path / "out"
    out.mkdir()

    assert extract_spec.main([str(page), "--out", str(out)]) == 2

    error = capsys.readouterr().err
    assert "the yaml block opened with ```` is never closed" in error
    assert list(out.iterdir()) == []


def test_block_without_an_operation_id_cannot_be_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _page(tmp_path, "```yaml\nopenapi: 3.1.0\npaths: {}\n```\n")
    assert extract_spec.main([str(page), "--out", str(tmp_path)]) == 2
    assert "cannot name the source: expected one operationId, found none" in capsys.readouterr().err


def test_missing_page_fails_with_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert extract_spec.main([str(tmp_path / "nope.md"), "--out", str(tmp_path)]) == 2
    assert "nope.md" in capsys.readouterr().err


def test_location_or_upstream_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        extract_spec.main([])
    assert exit_info.value.code == 2
    assert "give either a page location or --upstream" in capsys.readouterr().err


def test_check_passes_when_the_source_is_current(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copyfile(SOURCES / "get-session.yaml", tmp_path / "get-session.yaml")

    assert extract_spec.main([str(PAGES / "get-session.md"), "--check", "--out", str(tmp_path)]) == 0

    assert capsys.readouterr().out.startswith("ok    ")
    assert (tmp_path / "get-session.yaml").read_bytes() == (SOURCES / "get-session.yaml").read_bytes()


def test_check_reports_drift_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = (SOURCES / "get-session.yaml").read_bytes().replace(b"version: 1.0.0", b"version: 0.9.0")
    (tmp_path / "get-session.yaml").write_bytes(stale)

    assert extract_spec.main([str(PAGES / "get-session.md"), "--check", "--out", str(tmp_path)]) == 1

    output = capsys.readouterr().out
    assert output.startswith("DRIFT ")
    assert "get-session.yaml differs from" in output
    assert str(PAGES / "get-session.md") in output
    assert (tmp_path / "get-session.yaml").read_bytes() == stale


def test_check_reports_a_missing_source_as_drift(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert extract_spec.main([str(PAGES / "list-sessions.md"), "--check", "--out", str(tmp_path)]) == 1
    assert "DRIFT" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []
