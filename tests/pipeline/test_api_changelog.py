"""scripts/api_changelog.py on before/after pairs built from the committed merged spec."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import api_changelog
import pytest
import yaml

from ._support import MERGED

Spec = dict[str, Any]


@pytest.fixture(scope="module")
def base() -> Spec:
    return yaml.safe_load(MERGED.read_text(encoding="utf-8"))


def _changelog(base: Spec, mutate: Callable[[Spec], object]) -> list[str]:
    after = copy.deepcopy(base)
    mutate(after)
    return api_changelog.render(api_changelog.diff(base, after)).splitlines()


def _schemas(spec: Spec) -> dict[str, Any]:
    return spec["components"]["schemas"]


def _list_sessions(spec: Spec) -> dict[str, Any]:
    return spec["paths"]["/sessions/list"]["get"]


def test_identical_specs(base: Spec) -> None:
    assert _changelog(base, lambda spec: None) == ["API changes: none"]
    text = MERGED.read_text(encoding="utf-8")
    assert api_changelog.render(api_changelog.diff_texts(text, text)) == "API changes: none"


def test_operation_added(base: Spec) -> None:
    def add(spec: Spec) -> None:
        operation = copy.deepcopy(_list_sessions(spec))
        operation.update(operationId="countSessions", parameters=[])
        spec["paths"]["/sessions/count"] = {"get": operation}

    assert _changelog(base, add) == [
        "API changes: 1 (0 breaking)",
        "           operation countSessions (GET /sessions/count): added",
    ]


def test_operation_removed_is_breaking(base: Spec) -> None:
    assert _changelog(base, lambda spec: spec["paths"].pop("/messages/get/{id}")) == [
        "API changes: 1 (1 breaking)",
        "  BREAKING operation getMessage (GET /messages/get/{id}): removed",
    ]


def test_response_field_added_is_not_breaking(base: Spec) -> None:
    # Session is shared, so both session operations report it.
    assert _changelog(base, lambda spec: _schemas(spec)["Session"]["properties"].update(title={"type": "string"})) == [
        "API changes: 2 (0 breaking)",
        "           getSession 200 data.title: added (string)",
        "           listSessions 200 data.sessions[].title: added (string)",
    ]


def test_response_field_removed_is_breaking(base: Spec) -> None:
    assert _changelog(base, lambda spec: _schemas(spec)["Session"]["properties"].pop("endedAt")) == [
        "API changes: 2 (2 breaking)",
        "  BREAKING getSession 200 data.endedAt: removed",
        "  BREAKING listSessions 200 data.sessions[].endedAt: removed",
    ]


def test_response_field_retyped_is_breaking(base: Spec) -> None:
    def retype(spec: Spec) -> None:
        _schemas(spec)["Message"]["properties"]["createdAt"] = {"type": "integer"}

    assert _changelog(base, retype) == [
        "API changes: 1 (1 breaking)",
        "  BREAKING getMessage 200 data.createdAt: type string(date-time) -> integer",
    ]


def test_response_field_made_nullable_is_breaking(base: Spec) -> None:
    def nullable(spec: Spec) -> None:
        _schemas(spec)["Message"]["properties"]["content"]["type"] = ["string", "null"]

    assert _changelog(base, nullable) == [
        "API changes: 1 (1 breaking)",
        "  BREAKING getMessage 200 data.content: type string -> string|null",
    ]


def test_response_field_becoming_required_is_not_breaking(base: Spec) -> None:
    assert _changelog(base, lambda spec: _schemas(spec)["Message"].update(required=["id"])) == [
        "API changes: 1 (0 breaking)",
        "           getMessage 200 data.id: now required",
    ]


def test_response_field_becoming_optional_is_breaking(base: Spec) -> None:
    assert _changelog(base, lambda spec: _schemas(spec)["SessionResponse"]["required"].remove("data")) == [
        "API changes: 1 (1 breaking)",
        "  BREAKING getSession 200 data: now optional",
    ]


def test_response_enum_value_added_is_breaking(base: Spec) -> None:
    assert _changelog(base, lambda spec: _schemas(spec)["MessageRole"]["enum"].append("developer")) == [
        "API changes: 1 (1 breaking)",
        "  BREAKING getMessage 200 data.role: enum value 'developer' added",
    ]


def test_response_enum_value_removed_is_not_breaking(base: Spec) -> None:
    assert _changelog(base, lambda spec: _schemas(spec)["MessageRole"]["enum"].remove("function")) == [
        "API changes: 1 (0 breaking)",
        "           getMessage 200 data.role: enum value 'function' removed",
    ]


def test_new_required_query_parameter_is_breaking(base: Spec) -> None:
    parameter = {"name": "cursor", "in": "query", "required": True, "schema": {"type": "string"}}
    assert _changelog(base, lambda spec: _list_sessions(spec)["parameters"].append(parameter)) == [
        "API changes: 1 (1 breaking)",
        "  BREAKING listSessions query parameter cursor: added (string, required)",
    ]


def test_new_optional_query_parameter_is_not_breaking(base: Spec) -> None:
    parameter = {"name": "cursor", "in": "query", "schema": {"type": "string"}}
    assert _changelog(base, lambda spec: _list_sessions(spec)["parameters"].append(parameter)) == [
        "API changes: 1 (0 breaking)",
        "           listSessions query parameter cursor: added (string)",
    ]


def test_parameter_becoming_required_is_breaking(base: Spec) -> None:
    def require_limit(spec: Spec) -> None:
        next(p for p in _list_sessions(spec)["parameters"] if p["name"] == "limit")["required"] = True

    assert _changelog(base, require_limit) == [
        "API changes: 1 (1 breaking)",
        "  BREAKING listSessions query parameter limit: now required",
    ]


def test_response_status_no_longer_documented(base: Spec) -> None:
    def drop(spec: Spec) -> None:
        responses = spec["paths"]["/sessions/get/{id}"]["get"]["responses"]
        del responses["404"], responses["200"]

    assert _changelog(base, drop) == [
        "API changes: 2 (1 breaking)",
        "  BREAKING getSession response 200: no longer documented",
        "           getSession response 404: no longer documented",
    ]


def test_cli_compares_two_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], base: Spec) -> None:
    after = copy.deepcopy(base)
    _schemas(after)["MessageRole"]["enum"].append("developer")
    new = tmp_path / "new.yaml"
    new.write_text(yaml.safe_dump(after), encoding="utf-8")

    assert api_changelog.main([str(MERGED), str(new)]) == 0

    assert capsys.readouterr().out.splitlines() == [
        "API changes: 1 (1 breaking)",
        "  BREAKING getMessage 200 data.role: enum value 'developer' added",
    ]
    assert api_changelog.main([str(MERGED)]) == 2
