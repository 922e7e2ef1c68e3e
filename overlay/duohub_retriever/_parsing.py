"""Turn a 2xx response body into the generated models, or raise APIResponseValidationError.

The generated ``from_dict`` methods trust their input: a string where an int belongs, or an
unparseable nullable date, ends up in the model unchanged. So after ``from_dict`` every value
is checked against the attrs field annotations of the generated class. The checkers are built
once per class from its type hints, so they follow whatever the generator produces for a
changed spec (new fields, new models) without edits here.
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

# Returns None when the value fits, else a description of the first mismatch.
Checker = Callable[[object, str], "str | None"]


class ShapeError(Exception):
    """A parsed value does not have the type the spec declares."""


def parse_json(response: httpx.Response) -> object:
    try:
        return json.loads(response.content)
    except ValueError as error:
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
    problem = _checker_for(model)(instance, "")
    if problem:
        raise APIResponseValidationError(response, problem, body=payload)
    return instance


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _describe(value: object) -> str:
    text = repr(value)
    return f"{_kind(value)} {text[:60]}"


@cache
def _checker_for(annotation: Any) -> Checker:
    """Build (once) the checker for a type annotation found in the generated models."""
    origin = typing.get_origin(annotation)
    if annotation is Any or annotation is object:
        return lambda value, at: None
    if origin in (typing.Union, types.UnionType):
        options = [_checker_for(option) for option in typing.get_args(annotation)]
        expected = " | ".join(_name(option) for option in typing.get_args(annotation))

        def check_union(value: object, at: str) -> str | None:
            # The value is fine if any option accepts it; report the nested problem of the option
            # whose outer type matched, so "data.sessions[3].id" points at the real culprit.
            problems = [option(value, at) for option in options]
            if any(problem is None for problem in problems):
                return None
            nested = [problem for problem in problems if problem and not problem.startswith(f"{at or '<root>'}: ")]
            return nested[0] if nested else f"{at or '<root>'}: expected {expected}, got {_describe(value)}"

        return check_union
    if origin is list:
        (item_type,) = typing.get_args(annotation)
        check_item = _checker_for(item_type)

        def check_list(value: object, at: str) -> str | None:
            if not isinstance(value, list):
                return f"{at or '<root>'}: expected a list, got {_describe(value)}"
            for index, item in enumerate(value):
                problem = check_item(item, f"{at}[{index}]")
                if problem:
                    return problem
            return None

        return check_list
    if origin is dict:
        return lambda value, at: (
            None if isinstance(value, dict) else f"{at}: expected an object, got {_describe(value)}"
        )
    if isinstance(annotation, type) and attrs.has(annotation):
        return _model_checker(annotation)
    if annotation is type(None):
        return lambda value, at: (
            None if value is None else f"{at}: expected {_name(type(None))}, got {_describe(value)}"
        )
    if annotation is bool:
        return _instance_checker(bool, _name(bool))
    if annotation is int:
        return lambda value, at: (
            None
            if isinstance(value, int) and not isinstance(value, bool)
            else f"{at}: expected {_name(int)}, got {_describe(value)}"
        )
    if annotation is float:
        return lambda value, at: (
            None
            if isinstance(value, (int, float)) and not isinstance(value, bool)
            else f"{at}: expected {_name(float)}, got {_describe(value)}"
        )
    if annotation is str:
        return _instance_checker(str, _name(str))
    if annotation is datetime.datetime:
        return _instance_checker(datetime.datetime, _name(datetime.datetime))
    if annotation is Unset:
        return _instance_checker(Unset, _name(Unset))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _instance_checker(annotation, annotation.__name__)
    if isinstance(annotation, type):
        return _instance_checker(annotation, annotation.__name__)
    return lambda value, at: None  # a typing construct the generator may add later: do not guess


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


def _instance_checker(expected: type, label: str) -> Checker:
    def check(value: object, at: str) -> str | None:
        return None if isinstance(value, expected) else f"{at or '<root>'}: expected {label}, got {_describe(value)}"

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

    def check_model(value: object, at: str) -> str | None:
        if not isinstance(value, model):
            return f"{at or '<root>'}: expected {model.__name__}, got {_describe(value)}"
        for name, check in fields:
            problem = check(getattr(value, name), f"{at}.{name}" if at else name)
            if problem:
                return problem
        return None

    return check_model
