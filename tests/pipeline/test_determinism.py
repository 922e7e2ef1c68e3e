"""scripts/generate.py --into: same sources, same bytes — and the same bytes as what is committed."""

from __future__ import annotations

from pathlib import Path

from ._support import GENERATED_PACKAGE, MERGED, ROOT, run_script, tree_files


def _generate_into(into: Path) -> tuple[bytes, dict[str, bytes]]:
    result = run_script(ROOT, "generate.py", "--into", str(into))
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(path.name for path in into.iterdir()) == ["duohub-retriever.yaml", "duohub_retriever_api"]
    return (into / "duohub-retriever.yaml").read_bytes(), tree_files(into / "duohub_retriever_api")


def _differing(left: dict[str, bytes], right: dict[str, bytes]) -> list[str]:
    return sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))


def test_two_generations_are_identical_to_each_other_and_to_the_committed_output(tmp_path: Path) -> None:
    first_spec, first_package = _generate_into(tmp_path / "first")
    second_spec, second_package = _generate_into(tmp_path / "second")

    assert first_spec == second_spec
    assert _differing(first_package, second_package) == []

    assert first_spec == MERGED.read_bytes()
    assert _differing(first_package, tree_files(GENERATED_PACKAGE)) == []
    assert "py.typed" in first_package
    assert "models/session.py" in first_package
