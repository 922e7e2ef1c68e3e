"""The merged OpenAPI spec as JSON Schema 2020-12 validators, per operation and status."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "duohub-retriever.yaml"
SPEC_URI = "urn:duohub-retriever-spec"


@functools.cache
def spec() -> dict[str, Any]:
    """The spec, parsed."""
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
    return loaded


@functools.cache
def _registry() -> Registry:
    resource: Resource[Any] = Resource.from_contents(spec(), default_specification=DRAFT202012)
    registry: Registry = Registry().with_resource(SPEC_URI, resource)
    return registry


@functools.cache
def _validator(pointer: str) -> Draft202012Validator:
    schema = {"$ref": f"{SPEC_URI}#{pointer}"}
    return Draft202012Validator(schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def component(name: str) -> Draft202012Validator:
    """Validator for components/schemas/<name>."""
    return _validator(f"/components/schemas/{name}")


def response_validator(path: str, status: int) -> Draft202012Validator | None:
    """Validator for the JSON body documented for GET `path` answering `status`, or None if undocumented."""
    responses = spec()["paths"][path]["get"]["responses"]
    if str(status) not in responses:
        return None
    escaped = path.replace("~", "~0").replace("/", "~1")
    return _validator(f"/paths/{escaped}/get/responses/{status}/content/application~1json/schema")


def documented_errors(path: str, status: int) -> list[dict[str, Any]]:
    """The example error bodies the spec gives for GET `path` answering `status`."""
    content = spec()["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]
    if "example" in content:
        return [content["example"]]
    return [example["value"] for example in content.get("examples", {}).values()]
