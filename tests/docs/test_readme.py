"""Every code block in README.md runs (python, console) or is checked against the repo (bash, text)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

import duohub_retriever
from duohub_retriever.testing import FakeDuohub

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w+)\n(.*?)^```$", README, flags=re.MULTILINE | re.DOTALL)
API_KEY = "your-key"
SESSION_ID = "123e4567-e89b-12d3-a456-426614174000"
MESSAGE_IDS = ("5f0c6b1e-2d3a-4b8e-9f10-1a2b3c4d5e6f", "6a1d7c2f-3e4b-4c9f-8a21-2b3c4d5e6f70")


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCKS if lang == language]


@pytest.fixture(scope="module")
def readme_service() -> Iterator[str]:
    """The fake service holding the ids the README uses, over HTTP, set as the environment's duohub."""
    fake = FakeDuohub(api_key=API_KEY)
    fake.add_session(SESSION_ID, customer_user_id="cust-123", metadata=[{"key": "source", "value": "web"}])
    for _ in range(34):
        fake.add_session(customer_user_id="cust-123")
    for message_id in MESSAGE_IDS:
        fake.add_message(message_id, session_id=SESSION_ID, role="user", content="Hello")
    with fake.serve() as url:
        yield url


def test_readme_has_the_blocks_we_run() -> None:
    assert len(blocks("python")) >= 8
    assert blocks("console") and blocks("bash") and blocks("text")


@pytest.mark.parametrize("index", range(len(blocks("python"))))
def test_python_block_runs(index: int, readme_service: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUOHUB_API_KEY", API_KEY)
    monkeypatch.setenv("DUOHUB_BASE_URL", readme_service)
    code = blocks("python")[index]
    exec(compile(code, f"README.md python block {index + 1}", "exec"), {"__name__": "__readme__"})


def test_console_commands_run(readme_service: str) -> None:
    environment = {**os.environ, "DUOHUB_API_KEY": API_KEY, "DUOHUB_BASE_URL": readme_service}
    commands = [line[2:] for body in blocks("console") for line in body.splitlines() if line.startswith("$ ")]
    assert commands
    for command in commands:
        program, *arguments = shlex.split(command)
        assert program == "duohub-retriever"
        result = subprocess.run(
            [sys.executable, "-m", "duohub_retriever.cli", *arguments],
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
        )
        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout.strip(), command


def test_bash_commands_name_real_targets_scripts_and_extras() -> None:
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([\w-]+):", makefile, flags=re.MULTILINE))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for body in blocks("bash"):
        for line in body.splitlines():
            command = shlex.split(line, comments=True)
            if not command:
                continue
            if command[0] == "make":
                assert command[1] in targets, line
            elif command[0] == "python":
                assert (ROOT / command[1]).is_file(), line
            elif command[:2] == ["pip", "install"]:
                name, _, extra = command[2].partition("[")
                assert name == project["name"], line
                assert not extra or extra.rstrip("]") in project["optional-dependencies"], line
            else:
                pytest.fail(f"README command not checked: {line}")


def test_error_tree_matches_the_classes() -> None:
    tree = next(body for body in blocks("text") if body.startswith("DuohubError"))
    parents: list[str] = []
    for line in tree.splitlines():
        if parents and "──" not in line:
            continue  # a continuation of the description above
        name = re.search(r"(\w+)", line.split("──")[-1]).group(1)  # type: ignore[union-attr]
        depth = 0 if "──" not in line else (len(line.split("──")[0]) + 1) // 4
        parents[depth:] = [name]
        error_class = getattr(duohub_retriever, name)
        if depth:
            assert error_class.__bases__ == (getattr(duohub_retriever, parents[depth - 1]),), name


def test_layout_block_names_real_paths() -> None:
    layout = next(body for body in blocks("text") if body.startswith("openapi/"))
    for line in layout.splitlines():
        path = line.split()[0]
        assert list(ROOT.glob(path)), path


def test_exit_code_table_lists_every_cli_exit_code() -> None:
    from duohub_retriever.cli._errors import ExitCode

    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", README, flags=re.MULTILINE)}
    assert documented == {int(code) for code in ExitCode}
