"""Checking YAML data against the JSON schemas in ``schemas/``, with problems in Vietnamese.

The schemas are plain JSON Schema (draft 2020-12), so editors that read JSON Schema can also
offer completion while a writer types; ``jsonschema`` does the checking and this module turns
each of its errors into a coded problem at the right line.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources

import jsonschema

from .problems import Place, Problem, did_you_mean, problem
from .yamlsource import Located, compose, field_name, to_data

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"

_format_checker = jsonschema.FormatChecker(formats=())

_TYPE_NAMES = {
    "string": "chữ",
    "integer": "một số nguyên",
    "boolean": "true hoặc false",
    "array": "một danh sách",
    "object": "một nhóm trường",
    "null": "để trống",
}


def parse_date(text: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(text, DATE_FORMAT).date()
    except ValueError:
        return None


def parse_date_or_datetime(text: str) -> datetime.datetime | None:
    for pattern in (DATETIME_FORMAT, DATE_FORMAT, "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


@_format_checker.checks("date")
def _is_date(value: object) -> bool:
    return not isinstance(value, str) or parse_date(value) is not None


@_format_checker.checks("date-or-datetime")
def _is_date_or_datetime(value: object) -> bool:
    return not isinstance(value, str) or parse_date_or_datetime(value) is not None


@cache
def load_schema(name: str) -> dict:
    text = resources.files(__package__).joinpath("schemas", name).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = load_schema(name)
    return jsonschema.Draft202012Validator(schema, format_checker=_format_checker)


def read_yaml(text: str, schema_name: str, place: Place) -> Located:
    """Parse and check one YAML document; ``place.line`` is its first line's number."""
    node, problems = compose(text, place)
    schema = load_schema(schema_name)
    if node is None and problems:
        return Located({}, problems=problems)
    located = to_data(node, schema, place, schema)
    if any(found.code == "TD002" for found in located.problems):  # no data to check
        return located
    if not isinstance(located.data, dict):
        located.problems.append(
            problem("TD102", place.at("", located.line(())), located.data, expected="một nhóm trường",
                    example="title: …")
        )
        located.data = {}
        return located
    found: list[Problem] = []
    for error in sorted(_validator(schema_name).iter_errors(located.data), key=_error_order):
        found.extend(_explain(error, located, place, schema))
    # jsonschema reports each missing property as its own error, with the same list.
    located.problems.extend(dict.fromkeys(found))
    return located


def _error_order(error: jsonschema.ValidationError) -> tuple:
    return tuple(str(part) for part in error.absolute_path), error.validator


def _example(schema: Mapping, root: Mapping) -> str:
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    examples = schema.get("examples") or ["…"]
    return str(examples[0])


def _explain(
    error: jsonschema.ValidationError, located: Located, place: Place, root: Mapping
) -> list[Problem]:
    path = tuple(error.absolute_path)
    here = place.at(field_name(path), located.line(path))
    kind = error.validator
    if kind == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        return [
            problem(
                "TD101",
                place.at(field_name((*path, key)), located.line((*path, key))),
                key,
                key=key,
                suggestion=did_you_mean(key, known),
                accepted=", ".join(known),
            )
            for key in sorted(set(error.instance) - set(known))
        ]
    if kind == "required":
        properties = error.schema.get("properties", {})
        return [
            problem(
                "TD103",
                here,
                key=key,
                parent=field_name(path) or "phần khai báo",
                example=f"{key}: {_example(properties.get(key, {}), root)}",
            )
            for key in error.validator_value
            if key not in error.instance
        ]
    if kind in ("minLength", "minItems"):
        return [problem("TD103", here, key=field_name(path), parent=field_name(path[:-1]) or
                        "phần khai báo", example=f"{path[-1]}: {_example(error.schema, root)}")]
    if kind == "enum":
        accepted = [str(value) for value in error.validator_value]
        return [
            problem(
                "TD105",
                here,
                error.instance,
                accepted=", ".join(accepted),
                suggestion=did_you_mean(str(error.instance), accepted),
            )
        ]
    if kind in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        return [problem("TD106", here, error.instance, accepted=f"Giá trị từ {low} đến {high}.")]
    if kind == "format":
        return [problem("TD104", here, error.instance)]
    expected = _expected(error)
    return [problem("TD102", here, _shown(error.instance), expected=expected,
                    example=_example(error.schema, root))]


def _expected(error: jsonschema.ValidationError) -> str:
    if error.validator == "pattern":
        return "chữ thường không dấu, các từ nối bằng dấu gạch ngang"
    types = error.schema.get("type", "string")
    names = [_TYPE_NAMES[name] for name in (types if isinstance(types, list) else [types])]
    return " hoặc ".join(names)


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "một nhóm trường"
    if isinstance(value, list):
        return "một danh sách"
    return str(value)
