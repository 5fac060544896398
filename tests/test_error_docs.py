"""docs/errors.md documents exactly the codes of the catalogue, each with its titles, a bad
example, the fix, and a link to a broken example that really gives that code."""

from __future__ import annotations

import re

import pytest
import yaml
from authoring_helpers import BROKEN, REPO
from emulation_blocs.problems import CATALOGUE, ENVIRONMENT

ERRORS = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
_HEADING = re.compile(r"^## (TD\d{3}) · (.+?) — (.+)$", re.MULTILINE)
_CORPUS_LINK = re.compile(r"\]\(\.\./tests/broken/([^/)]+)/?\)")
MANIFEST = yaml.safe_load((BROKEN / "manifest.yaml").read_text(encoding="utf-8"))


def sections() -> dict[str, str]:
    """The text of each code's section, by code."""
    found = list(_HEADING.finditer(ERRORS))
    ends = [match.start() for match in found[1:]] + [len(ERRORS)]
    return {match.group(1): ERRORS[match.start():end] for match, end in zip(found, ends, strict=True)}


def test_every_catalogued_code_is_documented_once_and_nothing_else() -> None:
    codes = [match.group(1) for match in _HEADING.finditer(ERRORS)]
    assert sorted(codes) == sorted({**CATALOGUE, **ENVIRONMENT})
    assert len(codes) == len(set(codes))
    mentioned = set(re.findall(r"\bTD\d{3}\b", ERRORS))
    assert mentioned <= {*CATALOGUE, *ENVIRONMENT}, mentioned - {*CATALOGUE, *ENVIRONMENT}


@pytest.mark.parametrize("code", sorted({**CATALOGUE, **ENVIRONMENT}))
def test_section_gives_both_titles_a_bad_example_and_the_fix(code: str) -> None:
    heading = next(match for match in _HEADING.finditer(ERRORS) if match.group(1) == code)
    rule = {**CATALOGUE, **ENVIRONMENT}[code]
    assert (heading.group(2), heading.group(3)) == (rule.title_vi, rule.title_en)
    text = sections()[code].split("\n# Môi trường dựng", 1)[0]
    assert "Sai / bad" in text
    assert "Sửa / fix" in text
    assert re.search(r"^\*[\"A-Z].+", text, re.MULTILINE), "an English description in italics"


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_section_links_to_a_broken_example_of_that_code(code: str) -> None:
    cases = _CORPUS_LINK.findall(sections()[code])
    assert cases
    for case in cases:
        assert (BROKEN / case).is_dir()
        assert code in {entry["code"] for entry in MANIFEST[case]}
