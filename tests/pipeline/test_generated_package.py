"""generated/duohub_retriever_api: the shape scripts/generate.py gives the client package."""

from __future__ import annotations

import ast
import typing
from pathlib import Path
from typing import Any

import generate
import pytest
import yaml

import duohub_retriever_api
from duohub_retriever_api import models
from duohub_retriever_api.api.sessions import get_session, list_sessions
from duohub_retriever_api.models import (
    Message,
    MessageRole,
    Session,
    SessionList,
    SessionListResponse,
    SessionResponse,
)
from duohub_retriever_api.types import Unset

from ._support import GENERATED_PACKAGE, MERGED, ROOT


def _modules() -> list[Path]:
    return sorted(path for path in GENERATED_PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def _class_names() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for module in _modules():
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                found.setdefault(node.name, []).append(module)
    return found


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, localns=vars(models))


def _example(operation_id: str) -> dict[str, Any]:
    spec = yaml.safe_load(MERGED.read_text(encoding="utf-8"))
    for item in spec["paths"].values():
        for operation in item.values():
            if operation["operationId"] == operation_id:
                return operation["responses"]["200"]["content"]["application/json"]["example"]
    raise AssertionError(operation_id)


def test_tests_use_the_repository_package() -> None:
    assert Path(duohub_retriever_api.__file__).resolve().parent == GENERATED_PACKAGE


def test_models_are_named_after_the_hoisted_components() -> None:
    files = {path.name for path in (GENERATED_PACKAGE / "models").glob("*.py")}
    assert {"session.py", "message.py", "message_role.py", "metadata_item.py"} <= files
    hoisted = set(yaml.safe_load((ROOT / "openapi" / "normalize.yaml").read_text(encoding="utf-8"))["hoist"])
    exported = set(models.__all__)
    assert hoisted <= exported
    # Anything else is an enum of a hoisted body's property (e.g. BadRequestErrorBodyStatus), never an
    # inline model named after an operation and status code (GetSessionResponse200Data and the like).
    for name in exported - hoisted:
        assert any(name.startswith(component) for component in hoisted), name
    for name, modules in _class_names().items():
        assert not any(character.isdigit() for character in name), f"{name} in {modules}"
        assert not name.startswith(("GetSession", "ListSessions", "GetMessage")), f"{name} in {modules}"


def test_exactly_one_session_model() -> None:
    classes = _class_names()
    assert classes["Session"] == [GENERATED_PACKAGE / "models" / "session.py"]
    session_fields = set(_hints(Session)) - {"additional_properties"}
    assert {"id", "user_id", "customer_user_id", "metadata", "created_at", "deleted_at", "ended_at"} <= session_fields
    for name in classes:
        if name != "Session" and name in models.__all__:
            other = getattr(models, name)
            assert set(_hints(other)) - {"additional_properties"} != session_fields, f"{name} duplicates Session"


def test_both_session_operations_return_the_same_session_model() -> None:
    assert _hints(SessionResponse)["data"] is Session
    assert _hints(SessionListResponse)["data"] is SessionList
    assert _hints(SessionList)["sessions"] == list[Session] | Unset
    assert "response_200 = SessionResponse.from_dict(response.json())" in Path(get_session.__file__).read_text(
        encoding="utf-8"
    )
    assert "response_200 = SessionListResponse.from_dict(response.json())" in Path(list_sessions.__file__).read_text(
        encoding="utf-8"
    )


def test_session_examples_parse_into_session_instances() -> None:
    single = SessionResponse.from_dict(_example("getSession"))
    assert type(single.data) is Session
    assert single.data.deleted_at is None
    assert single.data.customer_user_id == "cust-123"

    listed = SessionListResponse.from_dict(
        {"status": "success", "data": {"sessions": [_example("getSession")["data"]], "count": 1, "nextToken": None}}
    )
    assert isinstance(listed.data.sessions, list)
    assert [type(session) for session in listed.data.sessions] == [Session]
    assert listed.data.sessions[0].to_dict() == single.data.to_dict()


def test_every_module_carries_the_do_not_edit_header() -> None:
    modules = _modules()
    assert len(modules) > 20
    for module in modules:
        assert module.read_text(encoding="utf-8").startswith(generate.HEADER), module
    assert "DO NOT EDIT" in generate.HEADER


def test_package_is_typed_and_has_no_tool_caches() -> None:
    assert (GENERATED_PACKAGE / "py.typed").is_file()
    assert not [path for path in GENERATED_PACKAGE.rglob("*") if path.name in {".ruff_cache", ".mypy_cache"}]


def test_message_role_keeps_unknown_values() -> None:
    role = MessageRole("developer")
    assert role == "developer"
    assert str(role) == "developer"
    assert isinstance(role, MessageRole)
    assert role not in list(MessageRole)
    message = Message.from_dict({**_example("getMessage")["data"], "role": "developer"})
    assert message.role == "developer"
    assert message.to_dict()["role"] == "developer"


def test_message_role_known_values_are_normal_members() -> None:
    spec = yaml.safe_load(MERGED.read_text(encoding="utf-8"))
    assert sorted(role.value for role in MessageRole) == sorted(spec["components"]["schemas"]["MessageRole"]["enum"])
    assert MessageRole("user") is MessageRole.USER
    assert MessageRole.USER == "user"
    assert MessageRole.USER.name == "USER"
    with pytest.raises(ValueError):
        MessageRole(3)  # type: ignore[arg-type]
