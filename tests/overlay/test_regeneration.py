"""The overlay keeps working on a package regenerated from a changed spec (new field, new operation)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

NEW_OPERATION = {
    "openapi": "3.1.0",
    "paths": {
        "/sessions/count": {
            "get": {
                "operationId": "countSessions",
                "summary": "Count Sessions",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {"count": {"type": "integer"}},
                                }
                            }
                        },
                    }
                },
            }
        }
    },
}

CLIENT_SCRIPT = """
from duohub_retriever import Duohub
from duohub_retriever.testing import FakeDuohub
import duohub_retriever_api, pathlib
assert pathlib.Path(duohub_retriever_api.__file__).parts[-3] == "regenerated", duohub_retriever_api.__file__
from duohub_retriever_api.api.default import count_sessions  # the new operation (no tag) was generated

fake = FakeDuohub(api_key="k")
fake.add_session("s-1", customer_user_id="c", title="Quarterly review")
fake.add_message("m-1", session_id="s-1", role="user", content="hi")
with fake.serve() as url, Duohub(api_key="k", base_url=url) as client:
    session = client.sessions.get("s-1")
    assert session.title == "Quarterly review", session
    assert "title" not in session.additional_properties
    assert [s.title for s in client.sessions.list(customer_user_id="c")] == ["Quarterly review"]
    assert client.messages.get("m-1").content == "hi"
print("ok")
"""


def test_overlay_runs_on_a_regenerated_package_with_a_new_field_and_operation(tmp_path: Path) -> None:
    for folder in ("openapi", "scripts"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    sources = tmp_path / "openapi" / "sources"
    for name, pointer in (("get-session", ("data",)), ("list-sessions", ("data", "sessions", "items"))):
        document = yaml.safe_load((sources / f"{name}.yaml").read_text())
        operation = next(iter(document["paths"].values()))["get"]
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        for key in pointer:
            schema = schema["items"] if key == "items" else schema["properties"][key]
        schema["properties"]["title"] = {"type": "string", "description": "Session title"}
        (sources / f"{name}.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    (sources / "count-sessions.yaml").write_text(yaml.safe_dump(NEW_OPERATION, sort_keys=False))

    output = tmp_path / "regenerated"
    generate = subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / "generate.py"), "--into", str(output)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert generate.returncode == 0, generate.stderr
    assert "title: str | Unset" in (output / "duohub_retriever_api" / "models" / "session.py").read_text()

    run = subprocess.run(
        [sys.executable, "-c", CLIENT_SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": f"{output}:{ROOT / 'overlay'}", "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"
