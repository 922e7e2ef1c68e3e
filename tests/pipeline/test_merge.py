"""scripts/merge_spec.py: the published per-operation documents → one valid, normalized OpenAPI 3.1 spec."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import merge_spec
import pytest
import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator

from ._support import MERGED, SOURCE_NAMES, SOURCES, add_session_title, copy_sources, response_media_types, walk

COUNT_SESSIONS = """\
openapi: 3.1.0
info:
  title: duohub Retriever API
  description: >-
    Retrieve assisted or non-assisted memory from a duohub knowledge graph. For
    best performance, use the official `duohub` Python package.
  version: 1.0.0
servers:
  - url: https://api.duohub.ai
security:
  - APIKeyHeader: []
paths:
  /sessions/count:
    get:
      tags:
        - Sessions
      summary: Count Sessions
      operationId: countSessions
      responses:
        '200':
          description: Number of sessions
          content:
            application/json:
              schema:
                type: object
                properties:
                  count:
                    type: integer
                    nullable: true
                example:
                  count: 3
components:
  securitySchemes:
    APIKeyHeader:
      type: apiKey
      in: header
      name: X-API-Key
      description: 'Your duohub API key. Type: str'
"""


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _sources() -> dict[str, dict[str, Any]]:
    return {name: _load(SOURCES / f"{name}.yaml") for name in SOURCE_NAMES}


def _errors(spec: dict[str, Any]) -> list[str]:
    return [error.message for error in OpenAPIV31SpecValidator(spec).iter_errors()]


def _merge_error(sources: Path) -> str:
    with pytest.raises(merge_spec.MergeError) as error:
        merge_spec.build(sources)
    return str(error.value)


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# --------------------------------------------------------------------------- the committed spec


def test_committed_merged_spec_is_the_build_output() -> None:
    text, _ = merge_spec.build()
    assert MERGED.read_text(encoding="utf-8") == text


def test_merged_spec_is_valid_openapi_3_1() -> None:
    spec = _load(MERGED)
    assert spec["openapi"].startswith("3.1")
    assert _errors(spec) == []


def test_published_sources_are_invalid_because_of_named_schema_examples() -> None:
    """The defects normalize.yaml repairs are real: each published document fails validation."""
    named_example_maps = 0
    for name, source in _sources().items():
        errors = _errors(source)
        assert errors, f"{name}.yaml unexpectedly validates; is rewrite schema_examples_to_media_type still needed?"
        assert all(error.endswith("is not of type 'array'") for error in errors), errors
        maps = [
            media["schema"]["examples"] for _, _, media in response_media_types(source) if "examples" in media["schema"]
        ]
        assert all(isinstance(examples, dict) for examples in maps)
        assert len(errors) == len(maps)
        named_example_maps += len(maps)
    assert named_example_maps == 6


def test_published_sources_use_3_0_nullable() -> None:
    nullables = [node for source in _sources().values() for node in walk(source) if node.get("nullable") is True]
    assert len(nullables) == 9
    assert all(node["type"] == "string" for node in nullables)


def test_normalized_spec_has_no_nullable_and_the_null_types_instead() -> None:
    spec = _load(MERGED)
    assert not [node for node in walk(spec) if "nullable" in node]
    schemas = spec["components"]["schemas"]
    null_types = {
        (schema_name, name): tuple(prop["type"])
        for schema_name, schema in schemas.items()
        for name, prop in schema.get("properties", {}).items()
        if isinstance(prop.get("type"), list)
    }
    assert null_types == {
        ("Session", "customerUserID"): ("string", "null"),
        ("Session", "deletedAt"): ("string", "null"),
        ("Session", "endedAt"): ("string", "null"),
        ("Message", "customerUserID"): ("string", "null"),
        ("SessionList", "nextToken"): ("string", "null"),
        ("SessionList", "previousToken"): ("string", "null"),
    }


def test_every_published_example_is_kept_on_the_media_type() -> None:
    merged = {(op, status): media for op, status, media in response_media_types(_load(MERGED))}
    seen = 0
    for source in _sources().values():
        for operation_id, status, media in response_media_types(source):
            target = merged[(operation_id, status)]
            schema = media["schema"]
            if "example" in schema:
                assert target["example"] == schema["example"], (operation_id, status)
                seen += 1
            if "examples" in schema:
                assert target["examples"] == schema["examples"], (operation_id, status)
                seen += len(schema["examples"])
    assert seen == 23  # 9 single examples + 14 named ones (in 6 maps)
    # No example is left on a schema (where 3.1 reads them as a list of instances).
    for node in walk(_load(MERGED)["components"]):
        assert "example" not in node
        assert not isinstance(node.get("examples"), dict)
    text = MERGED.read_text(encoding="utf-8")
    for message in ("Session has been deleted", "Not authorized to delete this message", "No headers provided"):
        assert message in text


def test_one_session_component_serves_both_session_operations() -> None:
    spec = _load(MERGED)
    schemas = spec["components"]["schemas"]
    assert schemas["SessionResponse"]["properties"]["data"] == {"$ref": "#/components/schemas/Session"}
    assert schemas["SessionList"]["properties"]["sessions"]["items"] == {"$ref": "#/components/schemas/Session"}
    assert schemas["Session"]["properties"]["metadata"]["items"] == {"$ref": "#/components/schemas/MetadataItem"}
    assert schemas["Message"]["properties"]["role"] == {"$ref": "#/components/schemas/MessageRole"}
    for operation_id, status, media in response_media_types(spec):
        assert set(media["schema"]) == {"$ref"}, f"{operation_id} {status} still has an inline body schema"


# --------------------------------------------------------------------------- merging more or conflicting sources


def test_a_fourth_source_merges(tmp_path: Path) -> None:
    sources = copy_sources(tmp_path / "sources")
    (sources / "count-sessions.yaml").write_text(COUNT_SESSIONS, encoding="utf-8")

    text, changes = merge_spec.build(sources)

    spec = yaml.safe_load(text)
    assert list(spec["paths"]) == ["/messages/get/{id}", "/sessions/count", "/sessions/get/{id}", "/sessions/list"]
    media = spec["paths"]["/sessions/count"]["get"]["responses"]["200"]["content"]["application/json"]
    assert spec["paths"]["/sessions/count"]["get"]["operationId"] == "countSessions"
    assert media["example"] == {"count": 3}
    assert media["schema"]["properties"]["count"]["type"] == ["integer", "null"]
    assert any("countSessions" in change or "/sessions/count" in change for change in changes)
    assert _errors(spec) == []


@pytest.mark.parametrize("changed", [False, True], ids=["identical", "different"])
def test_duplicate_path_and_method_fails_naming_both_files(tmp_path: Path, changed: bool) -> None:
    sources = copy_sources(tmp_path / "sources")
    duplicate = sources / "zz-get-session-again.yaml"
    shutil.copyfile(sources / "get-session.yaml", duplicate)
    if changed:
        _replace_once(duplicate, "summary: Get Session", "summary: Get Session (v2)")

    message = _merge_error(sources)

    assert "get-session.yaml" in message
    assert "zz-get-session-again.yaml" in message
    assert "paths./sessions/get/{id}.get" in message


def test_disagreeing_info_fails_naming_both_files(tmp_path: Path) -> None:
    sources = copy_sources(tmp_path / "sources")
    _replace_once(sources / "list-sessions.yaml", "  version: 1.0.0\n", "  version: 2.0.0\n")

    message = _merge_error(sources)

    assert message == "get-message.yaml and list-sessions.yaml disagree on info"


def test_disagreeing_security_scheme_fails_naming_both_files(tmp_path: Path) -> None:
    sources = copy_sources(tmp_path / "sources")
    _replace_once(sources / "get-session.yaml", "name: X-API-Key", "name: X-Api-Token")

    message = _merge_error(sources)

    assert message == "get-message.yaml and get-session.yaml disagree on components.securitySchemes.APIKeyHeader"


def test_hoist_fails_when_its_places_diverge(tmp_path: Path) -> None:
    sources = copy_sources(tmp_path / "sources")
    add_session_title(sources / "list-sessions.yaml")  # but not get-session.yaml

    message = _merge_error(sources)

    assert message.startswith("hoist Session: ")
    assert "'getSession 200#/properties/data'" in message
    assert "'listSessions 200#/properties/data/properties/sessions/items'" in message
    assert "/properties/title is only in the second" in message
    assert "update openapi/normalize.yaml" in message


def test_the_same_change_in_both_session_sources_hoists(tmp_path: Path) -> None:
    sources = copy_sources(tmp_path / "sources")
    add_session_title(sources / "list-sessions.yaml")
    add_session_title(sources / "get-session.yaml")

    spec = yaml.safe_load(merge_spec.build(sources)[0])

    assert spec["components"]["schemas"]["Session"]["properties"]["title"] == {"type": "string"}


def test_main_reports_a_failed_merge_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = copy_sources(tmp_path / "sources")
    _replace_once(sources / "get-session.yaml", "  version: 1.0.0\n", "  version: 2.0.0\n")
    out = tmp_path / "merged.yaml"

    assert merge_spec.main(["--sources", str(sources), "--out", str(out)]) == 1

    assert "merge_spec: get-message.yaml and get-session.yaml disagree on info" in capsys.readouterr().err
    assert not out.exists()


# --------------------------------------------------------------------------- output


def test_merge_is_deterministic_and_independent_of_file_order(tmp_path: Path) -> None:
    first, first_changes = merge_spec.build()
    second, second_changes = merge_spec.build()
    assert first == second
    assert first_changes == second_changes

    reordered = tmp_path / "sources"
    reordered.mkdir()
    for name in reversed(SOURCE_NAMES):  # created in another order
        shutil.copyfile(SOURCES / f"{name}.yaml", reordered / f"{name}.yaml")
    assert merge_spec.build(reordered)[0] == first


def test_main_lists_the_normalizations_it_made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "merged.yaml"

    assert merge_spec.main(["--out", str(out)]) == 0

    assert out.read_bytes() == MERGED.read_bytes()
    lines = capsys.readouterr().out.splitlines()
    listed = [line.strip() for line in lines if line.startswith("  ")]
    assert lines[0] == f"merge_spec: {len(listed)} normalizations"
    assert lines[-1] == f"merge_spec: wrote {out}"
    # One line per published defect repaired: 9 nullables, 15 schema-level examples (6 named maps).
    nullable = [line for line in listed if line.startswith("nullable_to_type_null: ")]
    assert len(nullable) == 9
    assert all(line.endswith("nullable: true -> type: ['string', 'null']") for line in nullable)
    examples = [line for line in listed if line.startswith("schema_examples_to_media_type: ")]
    assert len(examples) == 15
    assert sum(line.endswith("named schema examples -> media-type examples") for line in examples) == 6
    assert "schema_examples_to_media_type: GET /sessions/get/{id} 404 application/json: " in "\n".join(listed)
    hoists = [line for line in listed if line.startswith("hoist: ")]
    assert "hoist: getSession 200#/properties/data -> #/components/schemas/Session" in hoists
    assert (
        "hoist: listSessions 200#/properties/data/properties/sessions/items -> #/components/schemas/Session" in hoists
    )
    assert len(nullable) + len(examples) + len(hoists) == len(listed)


def test_main_quiet_does_not_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "merged.yaml"
    assert merge_spec.main(["--quiet", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"merge_spec: wrote {out}\n"
