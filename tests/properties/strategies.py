"""Hypothesis strategies for JSON values valid against the merged spec's schemas.

Written here because hypothesis-jsonschema 0.23.1 breaks on current hypothesis; the spec only
uses object/array/string/integer/null, enums, `required` and the date-time format.
"""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

Schema = dict[str, Any]

_ZONES = st.sampled_from([datetime.UTC, datetime.timezone(datetime.timedelta(hours=5, minutes=30))])
_TIMESTAMPS = st.datetimes(
    min_value=datetime.datetime(1970, 1, 1), max_value=datetime.datetime(2100, 1, 1), timezones=_ZONES
)
# RFC 3339 as servers write it: with "Z" or an offset, with or without milliseconds.
_DATE_TIMES = st.builds(
    lambda moment, millis, zulu: moment.isoformat(timespec="milliseconds" if millis else "seconds").replace(
        "+00:00", "Z" if zulu else "+00:00"
    ),
    _TIMESTAMPS,
    st.booleans(),
    st.booleans(),
)
_EXTRA_KEYS = st.text(min_size=1, max_size=8).filter(lambda key: key.isidentifier())
_EXTRA_VALUES = st.none() | st.booleans() | st.integers() | st.text(max_size=10)


def from_schema(schema: Schema, components: dict[str, Schema]) -> st.SearchStrategy[Any]:
    """Values valid for ``schema``; objects also get unknown extra keys, as the spec allows."""
    if "$ref" in schema:
        return st.deferred(lambda: from_schema(components[schema["$ref"].rsplit("/", 1)[-1]], components))
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kinds = schema.get("type")
    if isinstance(kinds, list):
        return st.one_of([from_schema({**schema, "type": kind}, components) for kind in kinds])
    if kinds == "null":
        return st.none()
    if kinds == "string":
        return _DATE_TIMES if schema.get("format") == "date-time" else st.text(max_size=20)
    if kinds == "integer":
        return st.integers(schema.get("minimum", -(2**31)), schema.get("maximum", 2**31))
    if kinds == "boolean":
        return st.booleans()
    if kinds == "array":
        return st.lists(from_schema(schema.get("items", {}), components), max_size=4)
    if kinds == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        fixed = st.fixed_dictionaries(
            {key: from_schema(value, components) for key, value in properties.items() if key in required},
            optional={key: from_schema(value, components) for key, value in properties.items() if key not in required},
        )
        extras = st.dictionaries(_EXTRA_KEYS.filter(lambda key: key not in properties), _EXTRA_VALUES, max_size=2)
        return st.builds(lambda known, extra: {**extra, **known}, fixed, extras)
    raise NotImplementedError(f"no strategy for schema {schema}")
