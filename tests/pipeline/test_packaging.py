"""The wheel: both packages, typed, and only the runtime dependencies the shipped code imports."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement

from ._support import ROOT


def _run(*command: str | Path, cwd: Path) -> str:
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_wheel_installs_into_a_fresh_venv_and_imports(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT, cwd=tmp_path)
    [wheel] = dist.glob("*.whl")

    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [metadata_name] = [name for name in names if name.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
    assert "duohub_retriever_api/py.typed" in names
    assert "duohub_retriever/__init__.py" in names
    assert "duohub_retriever_api/models/session.py" in names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    assert {name.split("/")[0] for name in names if not name.startswith("duohub_retriever-")} == {
        "duohub_retriever",
        "duohub_retriever_api",
    }
    requirements = [Requirement(line) for line in metadata.get_all("Requires-Dist", [])]
    runtime = sorted(requirement.name for requirement in requirements if requirement.marker is None)
    assert runtime == ["attrs", "httpx"]
    # Everything else belongs to an optional extra.
    assert all("extra ==" in str(requirement.marker) for requirement in requirements if requirement.marker)

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", "-c", ROOT / "constraints.txt", wheel, cwd=tmp_path)
    check = (
        "import pathlib, sys, duohub_retriever, duohub_retriever_api\n"
        "from duohub_retriever_api.models import Session\n"
        "for module in (duohub_retriever, duohub_retriever_api):\n"
        "    print(pathlib.Path(module.__file__).resolve().is_relative_to(pathlib.Path(sys.prefix).resolve()))\n"
        "print((pathlib.Path(duohub_retriever_api.__file__).parent / 'py.typed').is_file())\n"
    )
    assert _run(python, "-c", check, cwd=tmp_path).split() == ["True", "True", "True"]
