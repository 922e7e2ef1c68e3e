"""Summarize the API-level difference between two merged specs, breaking changes marked.

    python scripts/api_changelog.py OLD.yaml NEW.yaml

Compares operations, their parameters and the fields of their JSON bodies (with $refs
resolved), as a client of this API sees them. Breaking means: code written against the old
spec can fail against the new one.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Field:
    type: str
    required: bool
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    where: str
    what: str
    breaking: bool

    def __str__(self) -> str:
        return f"{'BREAKING ' if self.breaking else '         '}{self.where}: {self.what}"


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    seen = set()
    while "$ref" in schema:
        ref = schema["$ref"]
        if ref in seen:
            break
        seen.add(ref)
        node: Any = spec
        for token in ref.lstrip("#/").split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        schema = node
    return schema


def _type_name(schema: dict[str, Any]) -> str:
    types = schema.get("type", "any")
    names = types if isinstance(types, list) else [types]
    fmt = f"({schema['format']})" if "format" in schema else ""
    return "|".join(f"{name}{fmt}" if name != "null" else name for name in names)


def _fields(
    spec: dict[str, Any], schema: dict[str, Any], prefix: str, required: bool, depth: int = 0
) -> dict[str, Field]:
    """Flatten a schema into {dotted path: Field}; arrays add "[]"."""
    schema = _resolve(spec, schema)
    enum = tuple(str(value) for value in schema.get("enum", ()))
    found = {prefix: Field(_type_name(schema), required, enum)} if prefix else {}
    if depth > 20:
        return found
    for name, child in schema.get("properties", {}).items():
        found |= _fields(
            spec, child, f"{prefix}.{name}" if prefix else name, name in schema.get("required", []), depth + 1
        )
    if "items" in schema:
        found |= _fields(spec, schema["items"], f"{prefix}[]", True, depth + 1)
    return found


def _operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = {}
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                found[f"{operation.get('operationId', '?')} ({method.upper()} {path})"] = operation
    return found


def _parameters(spec: dict[str, Any], operation: dict[str, Any]) -> dict[str, Field]:
    found = {}
    for parameter in operation.get("parameters", []):
        parameter = _resolve(spec, parameter)
        schema = _resolve(spec, parameter.get("schema", {}))
        found[f"{parameter['in']} parameter {parameter['name']}"] = Field(
            _type_name(schema), bool(parameter.get("required")), tuple(map(str, schema.get("enum", ())))
        )
    return found


def _bodies(spec: dict[str, Any], operation: dict[str, Any]) -> dict[str, dict[str, Field]]:
    bodies = {}
    for status, response in operation.get("responses", {}).items():
        schema = _resolve(spec, response).get("content", {}).get("application/json", {}).get("schema", {})
        bodies[str(status)] = _fields(spec, schema, "", True)
    return bodies


def _compare_fields(where: str, old: dict[str, Field], new: dict[str, Field], is_request: bool) -> list[Change]:
    """Request fields break when they demand more; response fields break when they promise less."""
    changes = []
    for name in sorted(old.keys() - new.keys()):
        changes.append(Change(f"{where} {name}", "removed", breaking=True))
    for name in sorted(new.keys() - old.keys()):
        field = new[name]
        breaking = is_request and field.required
        changes.append(
            Change(f"{where} {name}", f"added ({field.type}{', required' if field.required else ''})", breaking)
        )
    for name in sorted(old.keys() & new.keys()):
        before, after = old[name], new[name]
        if before.type != after.type:
            changes.append(Change(f"{where} {name}", f"type {before.type} -> {after.type}", breaking=True))
        if before.required != after.required:
            now = "required" if after.required else "optional"
            changes.append(Change(f"{where} {name}", f"now {now}", breaking=after.required == is_request))
        for value in sorted(set(after.enum) - set(before.enum)):
            # A client that matches a response enum exhaustively meets a value it does not know.
            changes.append(Change(f"{where} {name}", f"enum value {value!r} added", breaking=not is_request))
        for value in sorted(set(before.enum) - set(after.enum)):
            changes.append(Change(f"{where} {name}", f"enum value {value!r} removed", breaking=is_request))
    return changes


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    old_ops, new_ops = _operations(old), _operations(new)
    changes = [Change(f"operation {name}", "removed", True) for name in sorted(old_ops.keys() - new_ops.keys())]
    changes += [Change(f"operation {name}", "added", False) for name in sorted(new_ops.keys() - old_ops.keys())]
    for name in sorted(old_ops.keys() & new_ops.keys()):
        label = name.split(" ")[0]
        old_op, new_op = old_ops[name], new_ops[name]
        changes += _compare_fields(label, _parameters(old, old_op), _parameters(new, new_op), is_request=True)
        old_bodies, new_bodies = _bodies(old, old_op), _bodies(new, new_op)
        for status in sorted(old_bodies.keys() - new_bodies.keys()):
            changes.append(
                Change(f"{label} response {status}", "no longer documented", breaking=status.startswith("2"))
            )
        for status in sorted(new_bodies.keys() - old_bodies.keys()):
            changes.append(Change(f"{label} response {status}", "now documented", breaking=False))
        for status in sorted(old_bodies.keys() & new_bodies.keys()):
            changes += _compare_fields(f"{label} {status}", old_bodies[status], new_bodies[status], is_request=False)
    return changes


def diff_texts(old_text: str, new_text: str) -> list[Change]:
    return diff(yaml.safe_load(old_text), yaml.safe_load(new_text))


def render(changes: list[Change]) -> str:
    if not changes:
        return "API changes: none"
    breaking = sum(change.breaking for change in changes)
    lines = [f"API changes: {len(changes)} ({breaking} breaking)"]
    return "\n".join(lines + [f"  {change}" for change in changes])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    old_text, new_text = (Path(arg).read_text(encoding="utf-8") for arg in args)
    print(render(diff_texts(old_text, new_text)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
