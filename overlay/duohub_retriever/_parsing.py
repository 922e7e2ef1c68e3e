"""Turn a 2xx response body into the generated models, or raise APIResponseValidationError.

The generated ``from_dict`` methods trust their input: a string where an int belongs, or an
unparseable nullable date, ends up in the model unchanged. So after ``from_dict`` every value
is checked against the attrs field annotations of the generated class. The checkers are built
once per class from its type hints, so they follow whatever the generator produces for a
changed spec (new fields, new models) without edits here.

This runs on every response, so the common case is kept cheap: a union of plain classes is one
``isinstance`` call, and a mismatch's message (path, expected type, value) is only built once a
mismatch is found.
"""

from __future__ import annotations

import datetime
import enum
import json
import sys
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, Protocol, Self, TypeVar

import attrs
import httpx

from duohub_retriever_api import models as generated_models
from duohub_retriever_api.types import Unset

from ._exceptions import APIResponseValidationError


class _FromDict(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


ModelT = TypeVar("ModelT", bound=_FromDict)


class Mismatch:
    """Where a value does not fit: the path is collected innermost first, on the way back up."""

    def __init__(self, expected: str, value: object) -> None:
        self.expected = expected
        self.value = value
        self.path: list[str] = []

    def at(self, segment: str) -> Mismatch:
        self.path.append(segment)
        return self

    def __str__(self) -> str:
        where = "".join(reversed(self.path)).lstrip(".") or "<root>"
        return f"{where}: expected {self.expected}, got {_describe(self.value)}"


# Returns None when the value fits, else the first mismatch.
Checker = Callable[[object], Mismatch | None]


def parse_json(response: httpx.Response) -> object:
    try:
        return json.loads(response.content)
    except (ValueError, RecursionError) as error:  # RecursionError: absurdly deep nesting
        snippet = response.content[:80].decode("utf-8", errors="replace")
        raise APIResponseValidationError(response, f"body is not valid JSON ({error}): {snippet!r}") from None


def parse_model(model: type[ModelT], payload: object, response: httpx.Response) -> ModelT:
    """``model.from_dict(payload)``, checked field by field; any mismatch → APIResponseValidationError."""
    if not isinstance(payload, dict):
        raise APIResponseValidationError(response, f"expected a JSON object, got {_kind(payload)}", body=payload)
    try:
        instance = model.from_dict(payload)
    except KeyError as error:
        raise APIResponseValidationError(response, f"required field {error} is missing", body=payload) from None
    except (TypeError, ValueError, AttributeError) as error:
        mismatch = f"body does not match {model.__name__} ({type(error).__name__}: {error})"
        raise APIResponseValidationError(response, mismatch, body=payload) from None
    problem = _checker_for(model)(instance)
    if problem:
        raise APIResponseValidationError(response, str(problem), body=payload)
    return instance


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _describe(value: object) -> str:
    return f"{_kind(value)} {repr(value)[:60]}"


_JSON_NAMES: dict[Any, str] = {
    type(None): "null",
    Unset: "absent",
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    datetime.datetime: "date-time string",
}


def _name(annotation: Any) -> str:
    return _JSON_NAMES.get(annotation) or str(getattr(annotation, "__name__", annotation))


def _plain_class(annotation: Any) -> type | None:
    """A class checked by isinstance alone (not int/float: a bool is an int, and must not pass)."""
    if annotation in (type(None), Unset, str, bool, datetime.datetime):
        return typing.cast(type, annotation)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    return None


def _isinstance_checker(classes: tuple[type, ...], expected: str) -> Checker:
    def check(value: object) -> Mismatch | None:
        return None if isinstance(value, classes) else Mismatch(expected, value)

    return check


@cache
def _checker_for(annotation: Any) -> Checker:
    """Build (once) the checker for a type annotation found in the generated models."""
    origin = typing.get_origin(annotation)
    if annotation is Any or annotation is object:
        return lambda value: None
    if origin in (typing.Union, types.UnionType):
        return _union_checker(typing.get_args(annotation))
    if origin is list:
        return _list_checker(_checker_for(typing.get_args(annotation)[0]))
    if origin is dict:
        return _isinstance_checker((dict,), "an object")
    if isinstance(annotation, type) and attrs.has(annotation):
        return _model_checker(annotation)
    if annotation is int or annotation is float:
        accepted = (int,) if annotation is int else (int, float)
        expected = _name(annotation)
        return lambda value: (
            None if isinstance(value, accepted) and not isinstance(value, bool) else Mismatch(expected, value)
        )
    if isinstance(annotation, type):
        return _isinstance_checker((annotation,), _name(annotation))
    return lambda value: None  # a typing construct the generator may add later: do not guess


def _union_checker(options: tuple[Any, ...]) -> Checker:
    expected = " | ".join(_name(option) for option in options)
    plain = tuple(cls for cls in map(_plain_class, options) if cls is not None)
    others = [_checker_for(option) for option in options if _plain_class(option) is None]
    if not others:
        return _isinstance_checker(plain, expected)

    def check(value: object) -> Mismatch | None:
        if isinstance(value, plain):
            return None
        nested = None
        for other in others:
            mismatch = other(value)
            if mismatch is None:
                return None
            if mismatch.path:  # the outer type matched and something inside did not: report that
                nested = nested or mismatch
        return nested or Mismatch(expected, value)

    return check


def _list_checker(check_item: Checker) -> Checker:
    def check(value: object) -> Mismatch | None:
        if not isinstance(value, list):
            return Mismatch("a list", value)
        for index, item in enumerate(value):
            mismatch = check_item(item)
            if mismatch:
                return mismatch.at(f"[{index}]")
        return None

    return check


def _model_checker(model: type) -> Checker:
    # Models import each other only under TYPE_CHECKING: resolve names against the models package.
    namespace = vars(generated_models) | vars(sys.modules[model.__module__])
    hints = typing.get_type_hints(model, globalns=namespace)
    fields = [
        (field.name, _checker_for(hints[field.name]))
        for field in attrs.fields(model)
        if field.name != "additional_properties"  # unknown keys are kept as they came
    ]

    def check(value: object) -> Mismatch | None:
        if not isinstance(value, model):
            return Mismatch(model.__name__, value)
        for name, check_field in fields:
            mismatch = check_field(getattr(value, name))
            if mismatch:
                return mismatch.at(f".{name}")
        return None

    return check
