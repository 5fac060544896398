"""Checking YAML data against the JSON schemas in ``schemas/``, with problems in Vietnamese.

The schemas are plain JSON Schema (draft 2020-12), so editors that read JSON Schema can also
offer completion while a writer types; ``jsonschema`` does the checking and this module turns
each of its errors into a coded problem at the right line.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..problems import Place, Problem, did_you_mean, problem
from ..registry.names import strip_diacritics
from .fast_schema import Check, compile_schema
from .yamlsource import LinesOnDemand, Located, compose, field_name, plain_data, to_data

if TYPE_CHECKING:  # imported when first needed: valid files never need it (see precheck.py)
    import jsonschema

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"

_WHOLE = "phần khai báo"
# Field names as a writer may think of them in Vietnamese (without diacritics, lower case).
_VIETNAMESE_FIELDS = {
    "tieu de": "title", "ten bai": "title", "ngay": "date", "ngay dang": "date", "tac gia": "author",
    "tom tat": "summary", "nguon": "source", "bao": "paper", "tinh": "province", "khoi": "bloc",
    "cum": "bloc", "hoi nghi": "conference", "loai": "kinds", "ngay hop": "date", "dia diem": "place",
    "nam": "year", "thanh vien": "members", "danh sach": "list", "so luong": "count",
    "khoi truong": "leader", "truong khoi": "leader", "khoi pho": "deputy", "pho khoi": "deputy",
    "ban giao": "handover", "khen thuong": "awards", "phong trao": "movements", "giao uoc": "pact",
    "to chuc": "organisation", "don vi nhan": "recipients", "trang thai": "status",
}

_TYPE_NAMES = {
    "string": "chữ",
    "integer": "một số nguyên",
    "boolean": "true hoặc false",
    "array": "một danh sách",
    "object": "một nhóm trường",
    "null": "để trống",
}


# The forms nearly every file uses, read by fromisoformat (in C, where strptime goes through
# Python's _strptime module; the same result for exactly these forms); anything else goes
# through strptime.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_ISO_MINUTES = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}\Z")


def parse_date(text: str) -> datetime.date | None:
    try:
        if _ISO_DATE.match(text):
            return datetime.date.fromisoformat(text)
        return datetime.datetime.strptime(text, DATE_FORMAT).date()
    except ValueError:
        return None


def parse_date_or_datetime(text: str) -> datetime.datetime | None:
    if _ISO_MINUTES.match(text) or _ISO_DATE.match(text):
        try:
            return datetime.datetime.fromisoformat(text)
        except ValueError:
            return None
    for pattern in (DATETIME_FORMAT, DATE_FORMAT, "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _is_date(value: object) -> bool:
    return not isinstance(value, str) or parse_date(value) is not None


def _is_date_or_datetime(value: object) -> bool:
    return not isinstance(value, str) or parse_date_or_datetime(value) is not None


_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})\Z")


def parse_month(text: str) -> datetime.date | None:
    """"2020-12" (a date known only to the month) → the month's first day."""
    found = _MONTH.match(text)
    if found is None or not 1 <= int(found.group(2)) <= 12:
        return None
    return datetime.date(int(found.group(1)), int(found.group(2)), 1)


def _is_meeting_date(value: object) -> bool:
    return not isinstance(value, str) or parse_date(value) is not None or parse_month(value) is not None


_FORMATS = {"date": _is_date, "date-or-datetime": _is_date_or_datetime, "meeting-date": _is_meeting_date}


@cache
def load_schema(name: str) -> dict:
    text = resources.files(__package__).joinpath("schemas", name).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    for format_name, function in _FORMATS.items():
        checker.checks(format_name)(function)
    return jsonschema.Draft202012Validator(load_schema(name), format_checker=checker)


@cache
def _quick_check(name: str) -> Check:
    return compile_schema(load_schema(name), _FORMATS)


def _errors(name: str, data: Any) -> list[jsonschema.ValidationError]:
    """jsonschema's errors, sorted; asked only when the quick check cannot vouch for the data."""
    if _quick_check(name)(data):
        return []
    return sorted(_validator(name).iter_errors(data), key=_error_order)


def read_yaml(text: str, schema_name: str, place: Place, lines: bool = True) -> Located:
    """Parse and check one YAML document; ``place.line`` is its first line's number.

    ``lines=False``, for a reader that asks a line only to name a problem of its own: a
    document that is certainly valid (nearly all) is made data without noting the line of each
    value, and a line is worked out when one is asked (:class:`.yamlsource.LinesOnDemand`)."""
    node, problems = compose(text, place)
    schema = load_schema(schema_name)
    if node is None and problems:
        return Located({}, problems=problems)
    if not lines and node is not None:
        data = plain_data(node, schema, schema)
        if isinstance(data, dict) and _quick_check(schema_name)(data):
            return LinesOnDemand(data, node=node, schema=schema, place=place)
    located = to_data(node, schema, place, schema)
    if any(found.code == "TD002" for found in located.problems):  # no data to check
        return located
    if not isinstance(located.data, dict):
        located.problems.append(
            problem("TD102", place.at(_WHOLE, located.line(())), _shown(located.data),
                    expected="một nhóm trường «tên: giá trị», mỗi trường một dòng", example="title: …")
        )
        located.data = {}
        return located
    found: list[Problem] = []
    for error in _errors(schema_name, located.data):
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
    # The schemas are objects throughout, and the instance and value JSON-like data.
    schema: Mapping[str, Any] = error.schema  # type: ignore[assignment]
    instance: Any = error.instance
    value: Any = error.validator_value
    if kind == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        return [
            problem(
                "TD101",
                place.at(field_name((*path, key)), located.line((*path, key))),
                key,
                key=key,
                suggestion=_suggestion(key, known),
                accepted=", ".join(known),
            )
            for key in sorted(set(instance) - set(known))
        ]
    if kind == "required":
        properties = schema.get("properties", {})
        misspelt = _misspelt(instance, list(properties))
        return [
            problem(
                "TD103",
                here,
                key=key,
                parent=field_name(path) or _WHOLE,
                example=f"{key}: {_example(properties.get(key, {}), root)}",
            )
            for key in value
            # TD101 already suggests it; a refused value (TD106) was reported already
            if key not in instance and key not in misspelt and (*path, key) not in located.refused
        ]
    if kind in ("minLength", "minItems"):
        return [problem("TD103", here, instance, key=field_name(path), parent=field_name(path[:-1]) or
                        _WHOLE, example=f"{path[-1]}: {_example(schema, root)}")]
    if kind == "enum":
        accepted = [str(value) for value in value]
        return [
            problem(
                "TD105",
                here,
                instance,
                accepted=", ".join(accepted),
                suggestion=did_you_mean(str(instance), accepted),
            )
        ]
    if kind in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        return [problem("TD106", here, instance, accepted=f"Giá trị từ {low} đến {high}.")]
    if kind == "format":
        return [problem("TD104", here, instance)]
    expected = _expected(error)
    return [problem("TD102", here, _shown(instance), expected=expected,
                    example=_example(schema, root))]


def _suggestion(key: str, known: list[str]) -> str:
    closest = _closest_field(key, known)
    return f" Có phải là «{closest}»?" if closest else ""


def _closest_field(key: str, known: list[str]) -> str | None:
    """The known field that ``key`` was most likely meant to be: a typo of its name, or the
    Vietnamese word for it ("tiêu đề" → ``title``)."""
    meant = _VIETNAMESE_FIELDS.get(" ".join(strip_diacritics(key).lower().replace("_", " ").split()))
    if meant in known:
        return meant
    close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
    return close[0] if close else None


def _misspelt(instance: Mapping, known: list[str]) -> set[str]:
    """The known fields that the unknown fields of ``instance`` were meant to be."""
    return {meant for key in instance if key not in known
            for meant in [_closest_field(key, known)] if meant is not None}


def _expected(error: jsonschema.ValidationError) -> str:
    schema: Mapping[str, Any] = error.schema  # type: ignore[assignment]
    if error.validator == "pattern":  # a pattern's description says what it wants; a slug's has none
        return str(schema.get("description", "chữ thường không dấu, các từ nối bằng dấu gạch ngang"))
    types = schema.get("type", "string")
    names = [_TYPE_NAMES[name] for name in (types if isinstance(types, list) else [types])]
    return " hoặc ".join(names)


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "một nhóm trường"
    if isinstance(value, list):
        return "một danh sách"
    return str(value)
