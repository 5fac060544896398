"""Strict YAML reading: values as typed, lines kept, no expansion without end."""

from __future__ import annotations

from emulation_blocs.problems import Place
from emulation_blocs.source.validation import read_yaml

SCHEMA = "article.schema.json"


def test_scalars_keep_the_text_typed() -> None:
    located = read_yaml("title: no\nauthor: 12:30\nslug: '012'\n", SCHEMA, Place("a.md", 2))
    assert located.data["title"] == "no"
    assert located.data["author"] == "12:30"
    assert located.lines[("author",)] == 3


def test_recursive_alias_is_a_coded_problem() -> None:
    located = read_yaml("title: &a [*a]\n", SCHEMA, Place("a.md", 2))
    assert [(found.code, found.line) for found in located.problems] == [("TD002", 2)]


def test_alias_bomb_is_a_coded_problem() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join(f'*a{n - 1}' for _ in range(10))}]" for n in range(1, 7)]
    located = read_yaml("\n".join(lines) + "\n", SCHEMA, Place("a.md", 2))
    assert [found.code for found in located.problems] == ["TD002"]


def test_lines_count_only_line_feeds() -> None:
    located = read_yaml("title: a\x85b\nauthor: \u2028\nconference: {}\n", SCHEMA, Place("a.md", 2))
    assert located.data["title"] == "a b"
    assert located.lines[("conference",)] == 4
    assert all(found.line <= 4 for found in located.problems)


def test_files_share_their_field_paths_and_short_texts() -> None:
    """Two files with the same fields keep one tuple per field path between them, and one
    string per short text that recurs (a name, a date), each file with its own lines."""
    first = read_yaml("title: a\nauthor: Hội Liên hiệp Phụ nữ tỉnh\nawards:\n  - type: x\n", SCHEMA, Place("a.md", 2))
    second = read_yaml("\ntitle: b\nauthor: Hội Liên hiệp Phụ nữ tỉnh\nawards:\n  - type: y\n", SCHEMA,
                       Place("b.md", 2))
    paths = {path: path for path in first.lines}
    assert ("awards", 0, "type") in paths
    for path, line in second.lines.items():
        assert paths[path] is path
        assert line == first.lines[path] + 1
    assert first.data["author"] is second.data["author"]
    long_text = "x" * 300
    texts = [read_yaml(f"title: {long_text}\n", SCHEMA, Place("c.md", 2)).data["title"] for _ in range(2)]
    assert texts[0] == texts[1] == long_text and texts[0] is not texts[1]  # long texts (summaries) are left alone


def test_a_field_given_twice_is_a_problem_even_when_first_left_empty() -> None:
    located = read_yaml("title:\ntitle: x\n", SCHEMA, Place("a.md", 2))
    duplicates = [found for found in located.problems if found.code == "TD003"]
    assert [(found.line, found.field) for found in duplicates] == [(3, "title")]
