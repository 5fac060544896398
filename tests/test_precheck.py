"""The quick schema check never vouches for data that jsonschema rejects, and vouches for the
real content, so that its fast path is the one taken."""

from __future__ import annotations

import copy
from pathlib import Path

import jsonschema
import pytest
from conftest import examples
from emulation_blocs.problems import Place
from emulation_blocs.source import validation
from emulation_blocs.source.fast_schema import compile_schema
from emulation_blocs.source.reader import ARTICLE_SCHEMA, split_front_matter
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "content" / "articles").rglob("*.md"))
SCHEMAS = ["article.schema.json", "province.schema.json", "national.schema.json"]


def front_matter(path: Path) -> dict:
    parts = split_front_matter(path.read_text(encoding="utf-8"))
    assert parts is not None
    located = validation.read_yaml(parts[0], ARTICLE_SCHEMA, Place(path.name, 2))
    assert located.problems == []
    return located.data


def jsonschema_errors(schema_name: str, data: object) -> list:
    return list(validation._validator(schema_name).iter_errors(data))


def quick(schema_name: str, data: object) -> bool:
    return validation._quick_check(schema_name)(data)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_real_articles_take_the_fast_path(path: Path) -> None:
    assert quick(ARTICLE_SCHEMA, front_matter(path))


def test_registry_files_take_the_fast_path() -> None:
    registry = ROOT / "content" / "registry"
    files = [(registry / "national.yaml", "national.schema.json")]
    files += [(path, "province.schema.json") for path in sorted((registry / "provinces").glob("*.yaml"))]
    for path, schema_name in files:
        located = validation.read_yaml(path.read_text(encoding="utf-8"), schema_name, Place(path.name, 1))
        assert located.problems == []
        assert quick(schema_name, located.data), path


# Values of every kind the YAML reader produces, and some it never does (floats, tuples).
SCALARS = (st.none() | st.booleans() | st.integers(-3, 3000) | st.floats(allow_nan=False)
           | st.sampled_from(["", "x", "tong-ket", "so-ket", "de-nghi", "2020-12-29", "2020-02-30",
                              "2020-12-29 14:30", "bac-kan", "Bắc Kạn", "https://a.vn", "ftp://a", "1945"]))
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3) | st.tuples(children)
    | st.dictionaries(st.sampled_from(["year", "list", "kinds", "date", "type", "x", "name"]), children, max_size=3),
    max_leaves=8,
)


def paths(data: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


def mutate(data: dict, path: tuple, value: object, drop: bool) -> dict:
    changed = copy.deepcopy(data)
    if not path:
        return changed if drop else {"extra": value, **changed}
    parent = changed
    for part in path[:-1]:
        parent = parent[part]
    if drop and isinstance(parent, dict):
        parent.pop(path[-1], None)
    elif drop:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return changed


BASES = [front_matter(path) for path in ARTICLES]


TRICKY = [None, True, 0, -1, 1944, 2101, 10001, 2.0, "", "x", "tong-ket", "de-nghi", "2020-02-30", "2020-12-29",
          "2020-12-29 14:30", "ftp://a", "https://a.vn", "Bad Slug", "bac-kan", "Bắc Kạn",
          [], ["x"], [""], {}, {"x": 1}]


@pytest.mark.parametrize("base", BASES, ids=[path.stem for path in ARTICLES])
def test_every_single_change_of_a_real_article(base: dict) -> None:
    """Each field of each real article, replaced by each tricky value or removed."""
    optional = [("slug",), ("source", "url"), ("members",), ("pact", "year"), ("historical",), ("status",)]
    with_optional = {**base, "source": dict(base["source"]), "pact": {"year": 2021}}
    for path in paths(base) + optional:
        start = with_optional if path in optional else base
        for changed in [mutate(start, path, value, drop=False) for value in TRICKY] + [mutate(start, path, None, True)]:
            if quick(ARTICLE_SCHEMA, changed):
                assert jsonschema_errors(ARTICLE_SCHEMA, changed) == [], (path, changed)


@settings(max_examples=examples(600), deadline=None)
@given(st.data())
def test_quick_check_never_vouches_for_invalid_data(data: st.DataObject) -> None:
    base = data.draw(st.sampled_from(BASES))
    changed = base
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths(changed)))
        changed = mutate(changed, path, data.draw(VALUES), data.draw(st.booleans()))
    if quick(ARTICLE_SCHEMA, changed):
        assert jsonschema_errors(ARTICLE_SCHEMA, changed) == []


@settings(max_examples=examples(300), deadline=None)
@given(st.sampled_from(SCHEMAS), VALUES)
def test_quick_check_on_any_value(schema_name: str, value: object) -> None:
    if quick(schema_name, value):
        assert jsonschema_errors(schema_name, value) == []


def test_unknown_keywords_make_it_unsure() -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer", "multipleOf": 2}}}
    assert jsonschema.Draft202012Validator(schema).is_valid({"n": 4})
    assert compile_schema(schema, {})({"n": 4}) is False


def test_recursive_reference_makes_it_unsure() -> None:
    schema = {"$ref": "#/$defs/node", "$defs": {"node": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}
    assert compile_schema(schema, {})([[]]) is False


def test_problems_of_an_invalid_file_are_still_found() -> None:
    text = "title: Tổng kết\ndate: 2020-02-30\nauthor: A\nsource: {paper: Báo}\nprovince: P\nbloc: B\n" \
           "conference: {kinds: [tong-ket], date: 2020-12-29, year_reviewed: 2020}\nextra: 1\n"
    located = validation.read_yaml(text, ARTICLE_SCHEMA, Place("a.md", 2))
    assert sorted((found.code, found.line) for found in located.problems) == [("TD101", 9), ("TD104", 3)]
