"""docs/errors.md documents exactly the codes of the catalogues, each with its titles, a bad
example, the fix, and a link to what proves it: a broken example that really gives that code
(content codes), or the test that makes the machine fail so (the codes of system failures)."""

from __future__ import annotations

import re

import pytest
import yaml
from authoring_helpers import BROKEN, REPO
from emulation_blocs.failures import SYSTEM_CATALOGUE
from emulation_blocs.problems import CATALOGUE

ERRORS = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
_HEADING = re.compile(r"^## (TD\d{3}) · (.+?) — (.+)$", re.MULTILINE)
_CORPUS_LINK = re.compile(r"\]\(\.\./tests/broken/([^/)]+)/?\)")
_TEST_LINK = re.compile(r"\]\(\.\./tests/(test_\w+\.py)\)")
EVERY_CODE = {**CATALOGUE, **SYSTEM_CATALOGUE}
MANIFEST = yaml.safe_load((BROKEN / "manifest.yaml").read_text(encoding="utf-8"))


def sections() -> dict[str, str]:
    """The text of each code's section, by code."""
    found = list(_HEADING.finditer(ERRORS))
    ends = [match.start() for match in found[1:]] + [len(ERRORS)]
    return {match.group(1): ERRORS[match.start():end] for match, end in zip(found, ends, strict=True)}


def test_every_catalogued_code_is_documented_once_and_nothing_else() -> None:
    codes = [match.group(1) for match in _HEADING.finditer(ERRORS)]
    assert sorted(codes) == sorted(EVERY_CODE)
    assert len(codes) == len(set(codes))
    assert not set(CATALOGUE) & set(SYSTEM_CATALOGUE)
    mentioned = set(re.findall(r"\bTD\d{3}\b", ERRORS))
    assert mentioned <= set(EVERY_CODE), mentioned - set(EVERY_CODE)


@pytest.mark.parametrize("code", sorted(EVERY_CODE))
def test_section_gives_both_titles_a_bad_example_and_the_fix(code: str) -> None:
    heading = next(match for match in _HEADING.finditer(ERRORS) if match.group(1) == code)
    rule = EVERY_CODE[code]
    assert (heading.group(2), heading.group(3)) == (rule.title_vi, rule.title_en)
    text = sections()[code]
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


@pytest.mark.parametrize("code", sorted(SYSTEM_CATALOGUE))
def test_system_failure_section_links_to_the_test_that_makes_it(code: str) -> None:
    tests = _TEST_LINK.findall(sections()[code])
    assert tests
    for name in tests:
        assert code in (REPO / "tests" / name).read_text(encoding="utf-8")
