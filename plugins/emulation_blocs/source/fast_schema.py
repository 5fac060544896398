"""A quick yes-or-no check of data against one of the JSON schemas in ``schemas/``.

``jsonschema`` finds and describes every error, and walks its validators in Python for every
article: at national scale, more than reading the YAML. Nearly every file is valid, so the
schema is first compiled here into one plain Python function per subschema that answers only
"certainly valid". A file that does not pass goes through ``jsonschema``, which reports its
problems exactly as before.

The compiled check knows the keywords the schemas use, and only the plain types that
:func:`yamlsource.to_data` produces (str, int, bool, list, dict, None); anything else (a keyword
it does not know, a float, a recursive ``$ref``) makes it answer "not sure", so it can be
slower than it could be, never wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Check = Callable[[Any], bool]
Formats = Mapping[str, Check]

# Keywords that describe and do not constrain.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "examples", "$comment"})
_KNOWN = frozenset({"$ref", "type", "enum", "required", "properties", "additionalProperties", "items",
                    "minLength", "minItems", "minimum", "maximum", "pattern", "format"})
_TYPES: dict[str, type] = {"string": str, "integer": int, "boolean": bool, "array": list, "object": dict,
                           "null": type(None)}
_HASHABLE = (str, int, bool, type(None))


class Unsupported(Exception):
    """The schema uses something this module does not compile."""


def compile_schema(root: Mapping, formats: Formats) -> Check:
    """A function that returns True only for data that ``root`` certainly accepts."""
    try:
        return _compile(root, _Compiler(root, formats))
    except Unsupported:
        return lambda value: False


@dataclass
class _Compiler:
    root: Mapping
    formats: Formats
    resolving: set[str] = field(default_factory=set)


@dataclass
class _Rules:
    """The constraints of one subschema, each None when the subschema does not set it."""

    types: frozenset[type] | None = None
    enum: frozenset[tuple[type, object]] | None = None
    min_length: int | None = None
    pattern: re.Pattern[str] | None = None
    format: Check | None = None
    required: frozenset[str] | None = None
    properties: dict[str, Check] | None = None
    closed: bool = False  # additionalProperties: false
    items: Check | None = None
    min_items: int | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None


def _compile(schema: Mapping, compiler: _Compiler) -> Check:
    unknown = set(schema) - _KNOWN - _ANNOTATIONS
    if unknown:
        raise Unsupported(", ".join(sorted(unknown)))
    if "$ref" in schema:
        referenced = _referenced(schema["$ref"], compiler)
        if len(set(schema) - _ANNOTATIONS) > 1:
            rest = _compile({key: value for key, value in schema.items() if key != "$ref"}, compiler)
            return lambda value: referenced(value) and rest(value)
        return referenced
    return _check(_rules(schema, compiler))


def _referenced(reference: str, compiler: _Compiler) -> Check:
    prefix = "#/$defs/"
    if not reference.startswith(prefix) or reference in compiler.resolving:
        raise Unsupported(reference)
    compiler.resolving.add(reference)
    try:
        return _compile(compiler.root["$defs"][reference.removeprefix(prefix)], compiler)
    finally:
        compiler.resolving.discard(reference)


def _rules(schema: Mapping, compiler: _Compiler) -> _Rules:
    rules = _Rules()
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if any(name not in _TYPES for name in names):
            raise Unsupported(f"type {names}")
        rules.types = frozenset(_TYPES[name] for name in names)
    if "enum" in schema:
        # Same type and equal: 1 and True, or 1 and 1.0, never pass for each other.
        rules.enum = frozenset((type(item), item) for item in schema["enum"] if isinstance(item, _HASHABLE))
    rules.min_length = schema.get("minLength")
    if "pattern" in schema:
        rules.pattern = re.compile(schema["pattern"])  # jsonschema searches, it does not anchor
    if "format" in schema:
        if schema["format"] not in compiler.formats:
            raise Unsupported(f"format {schema['format']}")
        rules.format = compiler.formats[schema["format"]]
    if "required" in schema:
        rules.required = frozenset(schema["required"])
    if "properties" in schema or "additionalProperties" in schema:
        additional = schema.get("additionalProperties", True)
        if additional not in (True, False):
            raise Unsupported("additionalProperties")
        rules.closed = additional is False
        rules.properties = {key: _compile(sub, compiler) for key, sub in schema.get("properties", {}).items()}
    if "items" in schema:
        if not isinstance(schema["items"], Mapping):
            raise Unsupported("items")
        rules.items = _compile(schema["items"], compiler)
    rules.min_items = schema.get("minItems")
    rules.minimum, rules.maximum = schema.get("minimum"), schema.get("maximum")
    return rules


def _check(rules: _Rules) -> Check:
    """One function for one subschema: a chain of plain tests, no calls but to subschemas."""
    types, enum, min_length, pattern, format_ = rules.types, rules.enum, rules.min_length, rules.pattern, rules.format
    required, properties, closed, items, min_items = (rules.required, rules.properties, rules.closed,
                                                       rules.items, rules.min_items)
    minimum, maximum = rules.minimum, rules.maximum

    def check(value: Any) -> bool:
        kind = type(value)
        if types is not None and kind not in types:
            return False
        if enum is not None and (kind not in _HASHABLE or (kind, value) not in enum):
            return False
        if kind is str:
            if min_length is not None and len(value) < min_length:
                return False
            if pattern is not None and pattern.search(value) is None:
                return False
            return format_ is None or format_(value)
        if kind is dict:
            if required is not None and not required.issubset(value):
                return False
            if properties is not None:
                for key, item in value.items():
                    subschema = properties.get(key)
                    if subschema is None:
                        if closed:
                            return False
                    elif not subschema(item):
                        return False
            return True
        if kind is list:
            if min_items is not None and len(value) < min_items:
                return False
            if items is not None:
                for item in value:
                    if not items(item):
                        return False
            return True
        if kind is int:
            return (minimum is None or value >= minimum) and (maximum is None or value <= maximum)
        return kind is bool or kind is type(None)  # anything else: not sure

    return check
