"""docs/huong-dan-bien-tap.md, the authoring guide: it explains every field a writer can use,
every enumerated value and every error code, and its examples are really taken from the
sample content (each quoted block is a run of lines of the file it names)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import pytest
from authoring_helpers import REPO
from emulation_blocs.problems import CATALOGUE
from emulation_blocs.source.validation import load_schema

GUIDE = (REPO / "docs" / "huong-dan-bien-tap.md").read_text(encoding="utf-8")
_QUOTED = re.compile(r"[Tt]rích \[`(?P<path>content/[^`]+)`\]\(\.\./(?P<link>[^)]+)\):\n\n```yaml\n(?P<block>.*?)```",
                     re.DOTALL)


def schema_words(schema: Mapping, root: Mapping, values: bool = True) -> Iterator[str]:
    """Every field name (and, with ``values``, every enumerated value) of a JSON schema."""
    if "$ref" in schema:
        yield from schema_words(root["$defs"][schema["$ref"].rsplit("/", 1)[-1]], root, values)
        return
    for name, child in schema.get("properties", {}).items():
        yield name
        yield from schema_words(child, root, values)
    if "items" in schema:
        yield from schema_words(schema["items"], root, values)
    if values:
        yield from (str(value) for value in schema.get("enum", []))


@pytest.mark.parametrize("schema", ["article.schema.json", "province.schema.json", "national.schema.json"])
def test_every_field_and_value_is_explained(schema: str) -> None:
    root = load_schema(schema)
    missing = sorted({word for word in schema_words(root, root) if f"`{word}`" not in GUIDE})
    assert not missing


def test_every_error_code_is_listed() -> None:
    listed = set(re.findall(r"^\| (TD\d{3}) \|", GUIDE, re.MULTILINE))
    assert listed == set(CATALOGUE)
    assert "](errors.md)" in GUIDE


def test_quoted_examples_are_taken_from_the_sample_content() -> None:
    quotes = list(_QUOTED.finditer(GUIDE))
    assert len(quotes) >= 15
    for quote in quotes:
        assert quote["path"] == quote["link"]
        source = (REPO / quote["path"]).read_text(encoding="utf-8").splitlines()
        block = quote["block"].rstrip("\n").splitlines()
        starts = [index for index, line in enumerate(source) if line == block[0]]
        assert any(source[start:start + len(block)] == block for start in starts), (quote["path"], block[0])


def test_every_field_of_an_article_is_shown_in_a_quoted_example_or_said_to_have_none() -> None:
    """Fields no sample uses are only described in the tables."""
    quoted = "\n".join(quote["block"] for quote in _QUOTED.finditer(GUIDE))
    root = load_schema("article.schema.json")
    fields = set(schema_words(root, root, values=False))
    unused = {"modified", "slug", "status", "lang", "historical", "url", "count", "decision", "note", "recipients"}
    # Cases no seed report contains: shown with the fictional examples of tests/model_cases/.
    unused |= {"not_after", "leader_unnamed", "deputy_unnamed", "items", "recipient_kind", "people", "ranking",
               "rank"}
    shown = {name for name in fields if re.search(rf"^\s*(- )?{name}:", quoted, re.MULTILINE)}
    assert fields - shown <= unused, sorted(fields - shown - unused)
