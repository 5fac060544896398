"""Reading YAML strictly: every scalar is text until the schema says what it is.

PyYAML's own constructors follow YAML 1.1, where ``no`` is false, ``012`` is 10 and ``12:30``
is 750. Here the C parser (``CSafeLoader``, when libyaml is present) only *composes* the node
tree, and :func:`to_data` builds values from it by the type the JSON schema expects at that
place. The line of every value is kept, so a problem can name it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..problems import Place, Problem, problem
from .characters import REPLACEMENT, cleaned, described, line_at, not_allowed, quoted
from .yamlerrors import explain

try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    _Loader = yaml.CSafeLoader
except ImportError:  # libyaml missing: same result, slower
    _Parser = _Loader = yaml.SafeLoader  # type: ignore[misc,assignment]


class _NodeLoader(_Parser, yaml.resolver.BaseResolver):
    """Composes nodes without guessing each scalar's YAML 1.1 type: :func:`to_data` types
    them by the schema, so the resolver's regular expressions would be wasted work."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        yaml.resolver.BaseResolver.__init__(self)

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _TAGS[kind]


_TAGS = {
    yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
    yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
}

_INTEGER = re.compile(r"[-+]?[0-9]+\Z")
# Digits of the longest integer read (years, counts, numbers have four at most).
MAX_DIGITS = 18
# Anchors and aliases can make a small text expand without end: stop well before.
MAX_VALUES = 20_000
_NULLS = {"", "~", "null", "Null", "NULL"}

JsonPath = tuple[str | int, ...]

# Front matter nests four levels at most (awards → item → recipients → name); far deeper is
# a mistake or an attack, refused before it can exhaust the stack (Python's, or libyaml's).
MAX_DEPTH = 32
_SHORT_TEXT = 8000
# Every report has the same few dozen field paths (``("awards", 0, "type")``…): one tuple for
# each, shared by the line maps of every file, instead of one per file, as are the short texts
# (below): memory that grew with the archive now grows with the schema, and the collector has
# fewer objects to walk. Bounded, for input full of odd keys.
_PATHS: dict[JsonPath, JsonPath] = {}
_MAX_PATHS = 100_000
_SHARED_TEXT = 200  # longer texts (a summary) are seldom repeated
_TOO_DEEP = f"các mục lồng vào nhau quá {MAX_DEPTH} tầng"
_COMPLEX_KEY = "(tên trường không phải chữ)"


@dataclass
class Located:
    """YAML turned into plain data, with the line (1-based) of every key and value."""

    data: Any  # JSON-like data: what the schema allows
    lines: dict[JsonPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    converted: int = 0
    # Values already refused with a problem, left out of the data: the schema need not
    # report them missing as well.
    refused: set[JsonPath] = field(default_factory=set)

    def line(self, path: JsonPath) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 0)


def field_name(path: JsonPath) -> str:
    """``("awards", 0, "type")`` → ``awards[0].type``."""
    name = _FIELD_NAMES.get(path)
    if name is None:
        name = ""
        for part in path:
            name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
        if len(_FIELD_NAMES) < _MAX_PATHS:
            _FIELD_NAMES[path] = name
    return name


# Resolving names asks the field of each name it finds (a leader's, an award's), many times
# per report, over the same few dozen paths.
_FIELD_NAMES: dict[JsonPath, str] = {}


# YAML also breaks lines at NEL, LS and PS, which editors and the file's line numbers do not:
# read as spaces, every mark's line is the line the writer sees.
_FOREIGN_BREAK_CHARACTERS = ("\x85", "\u2028", "\u2029")
_FOREIGN_LINE_BREAKS = str.maketrans(dict.fromkeys(_FOREIGN_BREAK_CHARACTERS, " "))


def compose(text: str, place: Place) -> tuple[yaml.Node | None, list[Problem]]:
    # Looked for first: translating costs 70 ns a character of Vietnamese text, looking 0.5 ns.
    if any(character in text for character in _FOREIGN_BREAK_CHARACTERS):
        text = text.translate(_FOREIGN_LINE_BREAKS)
    found = not_allowed(text)
    if found:  # libyaml names only a byte offset, and not every such character
        return None, [_control_character(text, found[0], place)]
    try:
        node, deep = _checked_compose(text)
        if deep is not None:
            return None, [problem("TD002", place.at("", place.line + deep), detail=_TOO_DEEP)]
        return node, []
    except yaml.YAMLError as error:
        index, explanation, line_text = explain(error, text)
        detail = f"{explanation}; dòng này viết «{line_text}»" if line_text else explanation
        return None, [problem("TD002", place.at("", place.line + index), line_text, detail=detail)]


def _control_character(text: str, at: int, place: Place) -> Problem:
    """TD002 at the line of the character, quoting that line (cleaned)."""
    shown = cleaned(line_at(text, at)[0]).strip()
    detail = (f"có ký tự điều khiển không in được {described(text[at])} (thường do dán từ Word hoặc trang "
              f"web; chỗ của nó hiện là «{REPLACEMENT}»); dòng này viết «{shown}»")
    return problem("TD002", place.at("", place.line + text.count("\n", 0, at)), shown, detail=detail)


def _checked_compose(text: str) -> tuple[yaml.Node | None, int | None]:
    """The node tree of ``text``, or the line (from 0) where collections first nest deeper
    than :data:`MAX_DEPTH` (:func:`_deep_line`), reported before anything else.

    libyaml's composer recurses in C, and a few tens of thousands of levels overflow its
    stack. Every level begins at one of the characters of :data:`_COLLECTION_MARKS` (``-`` of
    a list, ``:`` or ``?`` of a mapping, ``[`` and ``{``), and so does every level of a text of
    at most :data:`_SHORT_TEXT` characters: a text with at most that many such characters is
    composed at once (a registry file, long, has a few thousand), the depth then read from
    the tree. A longer one, or one that does not compose, is read as a stream of events
    first, as the problem is reported before any other."""
    if len(text) <= _SHORT_TEXT:
        return yaml.compose(text, Loader=_NodeLoader), None  # type: ignore[arg-type]
    if sum(text.count(mark) for mark in _COLLECTION_MARKS) <= _SHORT_TEXT:
        try:
            node = yaml.compose(text, Loader=_NodeLoader)  # type: ignore[arg-type]
        except yaml.YAMLError:
            pass  # a nesting too deep before the error is the problem: read the events
        else:
            deep = _deep_node_line(node, 0, set()) if node is not None else None
            return (None, deep) if deep is not None else (node, None)
    deep = _deep_line(text)
    if deep is not None:
        return None, deep
    return yaml.compose(text, Loader=_NodeLoader), None  # type: ignore[arg-type]


_COLLECTION_MARKS = ("-", ":", "?", "[", "{")


def _deep_node_line(node: yaml.Node, depth: int, entered: set[int]) -> int | None:
    """:func:`_deep_line` of a composed text: the events in the tree's order, where an alias
    is the node it names, met again (``entered``), which is no event of a collection."""
    if isinstance(node, yaml.ScalarNode) or id(node) in entered:
        return None
    entered.add(id(node))
    depth += 1
    if depth > MAX_DEPTH:
        return node.start_mark.line if node.start_mark is not None else 0
    children = node.value if isinstance(node, yaml.SequenceNode) else \
        [child for pair in node.value for child in pair]
    for child in children:
        if not isinstance(child, yaml.ScalarNode):
            deep = _deep_node_line(child, depth, entered)
            if deep is not None:
                return deep
    return None


def _deep_line(text: str) -> int | None:
    """The line (from 0) where collections first nest deeper than :data:`MAX_DEPTH`, or None,
    read as a stream of events that stops there."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line if event.start_mark is not None else 0
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def to_data(node: yaml.Node | None, schema: Mapping, place: Place, root: Mapping) -> Located:
    """Plain data from ``node``, scalars typed by ``schema``; ``place.line`` is the line of
    the document's first line in its file."""
    located = Located(None)
    if node is None:  # an empty document: problems about it name its first line
        located.data, located.lines[()] = {}, place.line
        return located
    try:
        located.data = _convert(node, schema, (), place, root, located, ())
    except _TooLarge as error:
        located.data = {}
        located.problems.append(problem("TD002", place.at("", error.line), detail=error.reason))
    return located


@dataclass
class LinesOnDemand(Located):
    """:func:`to_data`'s result for a tree in which it finds no problem (:func:`plain_data`),
    whose lines are worked out by :func:`to_data` when the first is asked."""

    node: yaml.Node | None = None
    schema: Mapping = field(default_factory=dict)
    place: Place = field(default_factory=lambda: Place(""))

    def line(self, path: JsonPath) -> int:
        if self.node is not None:
            self.lines = to_data(self.node, self.schema, self.place, self.schema).lines
            self.node = None
        return super().line(path)


class _Unsure(Exception):
    """Raised by :func:`plain_data` where :func:`to_data` may find a problem."""


def plain_data(node: yaml.Node, schema: Mapping, root: Mapping) -> object:
    """:func:`to_data`'s data, made without noting lines, when it certainly finds no problem
    (no key given twice, no escaped character, no integer too long, no nesting too deep, no
    more values than :data:`MAX_VALUES`, which an alias to an ancestor comes to); otherwise
    None, and :func:`to_data` tells."""
    try:
        return _plain(node, schema, root, 0, [0])
    except _Unsure:
        return None


def _plain(node: yaml.Node, schema: Mapping, root: Mapping, depth: int, count: list[int]) -> object:
    schema = _resolve(schema, root)
    count[0] += 1
    if count[0] > MAX_VALUES or depth > MAX_DEPTH:
        raise _Unsure
    if isinstance(node, yaml.MappingNode):
        properties = schema.get("properties", {})
        result: dict = {}
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key in keys:
                raise _Unsure
            keys.add(key)
            value = _plain(value_node, properties.get(key, {}), root, depth + 1, count)
            if value is not None:
                result[key] = value
        return result
    if isinstance(node, yaml.SequenceNode):
        items = schema.get("items", {})
        return [_plain(item, items, root, depth + 1, count) for item in node.value]
    if (getattr(node, "style", None) == '"' and not_allowed(str(node.value))) or _too_many_digits(node, schema):
        raise _Unsure
    return _scalar(node, schema)


class _TooLarge(Exception):
    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.reason, self.line = reason, line


def _shared(path: JsonPath) -> JsonPath:
    """The one tuple kept for ``path``."""
    found = _PATHS.get(path)
    if found is None:
        found = _PATHS.setdefault(path, path) if len(_PATHS) < _MAX_PATHS else path
    return found


def _resolve(schema: Mapping, root: Mapping) -> Mapping:
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _convert(
    node: yaml.Node, schema: Mapping, path: JsonPath, place: Place, root: Mapping, out: Located,
    parents: tuple[yaml.Node, ...],
) -> object:
    schema = _resolve(schema, root)
    line = place.line + node.start_mark.line
    out.lines.setdefault(path, line)
    out.converted += 1
    if node in parents:  # nodes compare by identity: an alias that points at its own ancestor
        raise _TooLarge("một tham chiếu (*) trỏ vào chính nó", line)
    if out.converted > MAX_VALUES:
        raise _TooLarge(f"hơn {MAX_VALUES} giá trị sau khi mở các tham chiếu (*)", line)
    if len(parents) > MAX_DEPTH:
        raise _TooLarge(_TOO_DEEP, line)
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, schema, path, place, root, out, (*parents, node))
    if isinstance(node, yaml.SequenceNode):
        items = schema.get("items", {})
        return [
            _convert(item, items, _shared((*path, index)), place, root, out, (*parents, node))
            for index, item in enumerate(node.value)
        ]
    if getattr(node, "style", None) == '"':  # only escapes ("\x01") bring such characters this far
        found = not_allowed(str(node.value))
        if found:
            node.value = _escaped_character(str(node.value), found[0], place.at(field_name(path), line), out)
    if _too_many_digits(node, schema):
        low, high = schema.get("minimum"), schema.get("maximum")
        accepted = f"Giá trị từ {low} đến {high}." if low is not None and high is not None else \
            f"Một số nguyên có tối đa {MAX_DIGITS} chữ số."
        out.problems.append(problem("TD106", place.at(field_name(path), line), _shortened(str(node.value)),
                                    accepted=accepted))
        out.refused.add(path)
        return None
    return _scalar(node, schema)


def _escaped_character(text: str, at: int, place: Place, out: Located) -> str:
    """TD704 for a character written as an escape in a quoted value; the value, cleaned."""
    out.problems.append(problem("TD704", place, quoted(text, at), where=f"Trường «{place.field}»",
                                character=described(text[at])))
    return cleaned(text)


def _too_many_digits(node: yaml.Node, schema: Mapping) -> bool:
    """An integer longer than any the schemas accept: Python will not even read one of more
    than 4,300 digits."""
    text = str(node.value)
    if len(text) <= MAX_DIGITS or not _INTEGER.match(text.strip()):
        return False
    expected = schema.get("type")
    return "integer" in (expected if isinstance(expected, list) else [expected])


def _shortened(text: str) -> str:
    text = text.strip()
    return f"{text[:20]}… ({len(text)} chữ số)" if len(text) > 20 else text


def _convert_mapping(
    node: yaml.MappingNode, schema: Mapping, path: JsonPath, place: Place, root: Mapping, out: Located,
    parents: tuple[yaml.Node, ...],
) -> dict:
    properties = schema.get("properties", {})
    result: dict = {}
    for key_node, value_node in node.value:
        key = _key(key_node)
        key_line = place.line + key_node.start_mark.line
        key_path = _shared((*path, key))
        # Given before in this mapping (looked for in the lines: an empty value is not a result's).
        if key_path in out.lines:
            first = out.lines[key_path]
            out.problems.append(problem("TD003", place.at(field_name(key_path), key_line), key, first_line=first))
            continue
        out.lines[key_path] = key_line
        value = _convert(value_node, properties.get(key, {}), key_path, place, root, out, parents)
        if value is not None:  # an empty optional field is an absent one
            result[key] = value
    return result


def _key(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        return _COMPLEX_KEY
    # Only a double-quoted key can hold, by an escape, a character no page may hold: the text
    # was searched for any other before composing.
    return sys.intern(cleaned(str(node.value)) if node.style == '"' else str(node.value))


def _scalar(node: yaml.Node, schema: Mapping) -> object:
    text = str(node.value)
    plain = getattr(node, "style", None) in (None, "")
    if plain and text in _NULLS:
        return None
    expected = schema.get("type")
    if expected is not None and expected != "string":  # nearly every value is text
        types = expected if isinstance(expected, list) else (expected,)
        if "integer" in types and _INTEGER.match(text.strip()):
            return int(text)
        if "boolean" in types and plain and text in ("true", "false"):
            return text == "true"
    # Names, dates and kinds recur across reports: one string each (see _PATHS).
    return sys.intern(text) if len(text) <= _SHARED_TEXT else text
