"""scripts/check_drift.py on a copy of the repository: CI's guard that generated/ matches openapi/sources/.

Runs the real scripts as CI does (`python scripts/...`, the project's interpreter), in a temporary copy
of the repository so the working tree is never touched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ._support import add_session_title, copy_repo, run_script

SPEC = "openapi/duohub-retriever.yaml"
PACKAGE = "generated/duohub_retriever_api"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


def test_source_change_is_caught_until_regenerated(repo: Path) -> None:
    clean = run_script(repo, "check_drift.py")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "check-drift: ok" in clean.stdout

    # The published session schema gains a field (on both pages, so the Session hoist still holds).
    add_session_title(repo / "openapi/sources/get-session.yaml")
    add_session_title(repo / "openapi/sources/list-sessions.yaml")
    stale = run_script(repo, "check_drift.py")
    assert stale.returncode == 1, stale.stdout + stale.stderr
    listed = stale.stderr.splitlines()
    assert listed[0].startswith("check-drift: FAILED")
    assert f"  {SPEC}" in listed
    assert f"  {PACKAGE}/models/session.py" in listed
    assert f"  {PACKAGE}/models/message.py" not in listed
    assert listed[-1] == "Run `make generate` and commit the result."

    regenerated = run_script(repo, "generate.py")
    assert regenerated.returncode == 0, regenerated.stdout + regenerated.stderr
    changelog = regenerated.stdout[regenerated.stdout.index("API changes:") :].splitlines()
    assert changelog == [
        "API changes: 2 (0 breaking)",
        "           getSession 200 data.title: added (string)",
        "           listSessions 200 data.sessions[].title: added (string)",
    ]
    assert "title: str | Unset" in (repo / PACKAGE / "models/session.py").read_text(encoding="utf-8")

    again = run_script(repo, "check_drift.py")
    assert again.returncode == 0, again.stdout + again.stderr


def test_hand_edits_to_generated_output_are_caught(repo: Path) -> None:
    client = repo / PACKAGE / "client.py"
    client.write_text(client.read_text(encoding="utf-8") + "\n# a quick local fix\n", encoding="utf-8")
    spec = repo / SPEC
    spec.write_text(spec.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.0.1"), encoding="utf-8")
    (repo / PACKAGE / "models/metadata_item.py").unlink()
    (repo / PACKAGE / "models/helpers.py").write_text("# hand-written\n", encoding="utf-8")

    result = run_script(repo, "check_drift.py")

    assert result.returncode == 1, result.stdout + result.stderr
    listed = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert listed == [
        SPEC,
        f"{PACKAGE}/client.py",
        f"{PACKAGE}/models/helpers.py (stray; make generate would delete it)",
        f"{PACKAGE}/models/metadata_item.py (missing; make generate would add it)",
    ]

    assert run_script(repo, "generate.py").returncode == 0
    assert not (repo / PACKAGE / "models/helpers.py").exists()
    assert (repo / PACKAGE / "models/metadata_item.py").is_file()
    assert run_script(repo, "check_drift.py").returncode == 0
