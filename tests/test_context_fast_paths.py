"""Where the context step (resolving, aggregating, keying) takes a faster road, it arrives at the
same place: a long YAML text's depth read from its tree as from its events, a registry file
read without its lines as with them, an article's URL and file as Pelican formats them, names
folded as the regular expressions folded them, a slug and a text checked without the slower
test, a report's file keyed by the bytes its reader read."""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from conftest import CONTENT, ROOT, examples
from emulation_blocs.domain import slugs
from emulation_blocs.incremental.fingerprint import digest, stable_repr
from emulation_blocs.incremental.pagecache import PageCache
from emulation_blocs.incremental.pagekeys import ShownReports
from emulation_blocs.pelican_compat.article_urls import settle_urls
from emulation_blocs.pelican_compat.contents import links_elsewhere
from emulation_blocs.problems import Place
from emulation_blocs.registry import names
from emulation_blocs.source import yamlsource
from emulation_blocs.source.sourcetext import read_text
from emulation_blocs.source.validation import read_yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.contents import Article, Content
from pelican.settings import DEFAULT_CONFIG

PROVINCE_SCHEMA = "province.schema.json"
_LONG = yamlsource._SHORT_TEXT  # longer texts are checked for depth before composing
_FILLER = "# " + "chú thích dài " * 40 + "\n"


def _by_events(text: str) -> tuple:
    """What reading the events first, then composing, gives (the road for any long text)."""
    try:
        deep = yamlsource._deep_line(text)
        if deep is not None:
            return ("too deep", deep)
        yaml.compose(text, Loader=yamlsource._NodeLoader)  # type: ignore[arg-type]
        return ("composed",)
    except yaml.YAMLError as error:
        return ("error", str(error))


def _by_tree(text: str) -> tuple:
    try:
        _node, deep = yamlsource._checked_compose(text)
        return ("too deep", deep) if deep is not None else ("composed",)
    except yaml.YAMLError as error:
        return ("error", str(error))


def _nested(kind: str, depth: int) -> str:
    if kind == "flow":
        return "a: " + "[" * depth + "x" + "]" * depth + "\n"
    if kind == "block":
        return "a:\n" + "".join(" " * (2 * level) + "-\n" for level in range(depth)) + " " * (2 * depth) + "- x\n"
    if kind == "mapping":
        return "a:\n  - " + "{k: " * (depth // 2) + "[" * (depth - depth // 2) + "v" + \
            "]" * (depth - depth // 2) + "}" * (depth // 2) + "\n"
    half = depth // 2  # an alias to a nested list, inside as many more lists
    return f"a: &x {'[' * half}x{']' * half}\nb: [*x, *x]\nc: {'[' * half}*x{']' * half}\n"


LONG_TEXTS = [before + _nested(kind, depth) + after
              for kind in ("flow", "block", "mapping", "alias")
              for depth in (31, 32, 33, 40)
              for before, after in (("", _FILLER * 20), (_FILLER * 20, ""), ("z: *undefined\n", _FILLER * 20),
                                    ("q: &r [*r]\n", _FILLER * 20), (_FILLER * 20, "b: [unclosed\n"),
                                    (_FILLER * 20, "---\nsecond: document\n"))]


@pytest.mark.parametrize("text", LONG_TEXTS)
def test_depth_of_a_long_text_is_read_from_its_tree_as_from_its_events(text: str) -> None:
    assert len(text) > _LONG
    assert _by_tree(text) == _by_events(text)


def test_a_long_text_nested_too_deep_is_a_coded_problem_at_its_line() -> None:
    text = _FILLER * 20 + _nested("block", 40)
    located = read_yaml(text, PROVINCE_SCHEMA, Place("a.yaml", 1))
    assert [(found.code, found.line) for found in located.problems] == [("TD002", 20 + 33)]  # 21: «a:»


REGISTRY_FILES = sorted((CONTENT / "registry").rglob("*.yaml")) + sorted((ROOT / "tests" / "broken").rglob("*.yaml"))
TEXT = st.text(alphabet="aĐđ ơ-:'\"\\#&*[]{},x0\n\x01\x85", max_size=12)  # \x01: written as an escape
ENTRY = st.fixed_dictionaries({"name": TEXT, "kind": st.sampled_from(["khoi", "cum", "hoi", "khac"])},
                              optional={"id": st.sampled_from(["a", "b-1", "B", ""]),
                                        "aliases": st.lists(TEXT, max_size=2), "number": st.none() | TEXT,
                                        "former_ids": st.lists(TEXT, max_size=1)})
PROVINCE = st.fixed_dictionaries({"id": st.sampled_from(["bac-kan", "x", "Bac Kan"]), "name": TEXT},
                                 optional={"aliases": st.lists(TEXT, max_size=2), "until": st.sampled_from(
                                     ["2025-06-30", "2025-02-30", "no"]), "blocs": st.lists(ENTRY, max_size=3),
                                     "organisations": st.lists(ENTRY, max_size=3), "extra": TEXT})
TWISTS = st.sampled_from(["", "id: again\n", "big: 1234567890123456789012\n", 'odd: "\\x01"\n',
                          "loop: &l [*l]\n", "- list\n", "name:\n"])


def _same_reading(text: str) -> None:
    eager = read_yaml(text, PROVINCE_SCHEMA, Place("p.yaml", 1))
    lazy = read_yaml(text, PROVINCE_SCHEMA, Place("p.yaml", 1), lines=False)
    assert (lazy.data, lazy.problems) == (eager.data, eager.problems)
    for path in [*eager.lines, ("blocs", 0, "name"), ("nowhere", 3)]:
        assert lazy.line(path) == eager.line(path)


@pytest.mark.parametrize("path", REGISTRY_FILES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_registry_files_read_without_lines_as_with_them(path: Path) -> None:
    _same_reading(path.read_text(encoding="utf-8"))


@settings(max_examples=examples(300), deadline=None)
@given(data=PROVINCE, twist=TWISTS, at_end=st.booleans())
def test_random_registry_texts_read_without_lines_as_with_them(data: dict, twist: str, at_end: bool) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    _same_reading(text + twist if at_end else twist + text)


def _article(metadata: dict, **changes: object) -> Article:
    settings = {**DEFAULT_CONFIG, "PATH": "/srv/content", "ARTICLE_URL": "tin/{date:%Y}/{slug}.html",
                "ARTICLE_SAVE_AS": "tin/{date:%Y}/{slug}.html", **changes}
    return Article("<p>x</p>", metadata={"title": "Bài", "date": datetime.datetime(2021, 12, 30), **metadata},
                   settings=settings, source_path="/srv/content/articles/bai.md")


@pytest.mark.parametrize("metadata", [{}, {"lang": "fr"}, {"status": "draft"}, {"slug": "khac"}])
@pytest.mark.parametrize("changes", [{}, {"ARTICLE_SAVE_AS": "tin/{slug}/index.html", "ARTICLE_URL": "tin/{slug}/"},
                                     {"ARTICLE_LANG_URL": "{lang}/{slug}.html", "DRAFT_SAVE_AS": "nhap/{slug}.html"}])
def test_settled_urls_are_pelicans(metadata: dict, changes: dict) -> None:
    """Worked out together, the URL and the file are each what Pelican's own method gives,
    whichever is asked first; an override set later still comes first."""
    for first in ("url", "save_as"):
        article = _article(metadata, **changes)
        expected = {key: Content.get_url_setting(article, key) for key in ("url", "save_as")}
        settle_urls([article])
        assert getattr(article, first) == expected[first]
        assert {key: getattr(article, key) for key in expected} == expected
        article.override_url = "khac.html"
        assert article.url == "khac.html"


_DASHES = re.compile(r"[\-\u2010-\u2015\u2212]")
_PUNCTUATION = re.compile(r"[.,;:()\"'“”‘’/]")
_SPACES = re.compile(r"\s+")


def _folded_by_expressions(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).casefold()
    text = _PUNCTUATION.sub(" ", _DASHES.sub(" ", text))
    return [names._syllable_key(word) for word in _SPACES.split(text.strip()) if word]


NAME_TEXT = st.text(alphabet="aAđĐêềếễ ôơưạảÃ-‐‑‒–—―−.,;:()\"'“”‘’/ \t\n\x0b\x1c\x85\xa0\u2000\u2028\u3000"
                             "\u200b\ufeffßİ\u0301\u0323", max_size=16)


@settings(max_examples=examples(1000), deadline=None)
@given(NAME_TEXT)
def test_names_fold_as_the_expressions_folded_them(text: str) -> None:
    assert names.fold_words(text) == _folded_by_expressions(text)


SEGMENT = st.sampled_from(["tin", "2021", ".an", "..", ".", "", "bài", "x" * 120, "ệ" * 70, "a.html"])


@settings(max_examples=examples(500), deadline=None)
@given(slug=st.sampled_from(["", "-", "bai", "ệ" * 70, "x" * 300, "a-b"]), parts=st.lists(SEGMENT, min_size=1,
                                                                                       max_size=4),
       given_slug=st.booleans())
def test_slugs_that_certainly_fit_have_no_problem(slug: str, parts: list[str], given_slug: bool) -> None:
    article = SimpleNamespace(slug=slug, metadata={"report_lines": {}, "report_data": {"slug": slug} if given_slug
                                                   else {}})
    save_as = "/".join(parts)
    found = slugs._article_problem(article, "articles/bai.md", save_as, 200)
    if slugs._certainly_fits(slug, save_as, 200):
        assert found is None
    original = slugs._certainly_fits
    try:
        slugs._certainly_fits = lambda *_arguments: False  # type: ignore[assignment]
        assert slugs._article_problem(article, "articles/bai.md", save_as, 200) == found
    finally:
        slugs._certainly_fits = original  # type: ignore[assignment]


LINK_TEXT = st.lists(st.sampled_from(['<a href="', "<img src='", "{filename}", "|filename|", "{", "|", "x.md", '"',
                                      "'", ">", "p", "@x@"]), max_size=8).map("".join)


@settings(max_examples=examples(500), deadline=None)
@given(body=LINK_TEXT, summary=LINK_TEXT, pattern=st.sampled_from([DEFAULT_CONFIG["INTRASITE_LINK_REGEX"],
                                                                   r"@(?P<what>\w+)@"]))
def test_links_elsewhere_are_found_as_the_pattern_finds_them(body: str, summary: str, pattern: str) -> None:
    content = SimpleNamespace(settings={"INTRASITE_LINK_REGEX": pattern}, _content=body, metadata={"summary": summary})
    content._get_intrasite_link_regex = lambda: Content._get_intrasite_link_regex(content)  # type: ignore[arg-type]
    found = Content._get_intrasite_link_regex(content)  # type: ignore[arg-type]
    assert links_elsewhere(content) == any(found.search(text) for text in (body, summary))  # type: ignore[arg-type]


def _hash(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


def test_a_file_read_by_the_build_is_keyed_by_the_bytes_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key of a file its reader has read is the hash of the bytes read, without opening it
    again, even when it has changed since (the page shows what was read); the next build sees
    the file's new stamp and hashes it again, as it does a file it did not read."""
    path = tmp_path / "bai.md"
    path.write_bytes(b"---\ntitle: a\n---\n")
    read = _hash(path)
    read_text(path, "bai.md", 10_000, keyed=True)
    path.write_bytes(b"---\ntitle: changed\n---\n")
    cache = PageCache("site")
    with monkeypatch.context() as patched:
        patched.setattr("builtins.open", lambda *_arguments, **_options: pytest.fail("read again"))
        assert cache.source_digest(str(path)) == read
    following = PageCache("site", known_sources=cache.sources)
    assert following.source_digest(str(path)) == _hash(path) != read
    unchanged = PageCache("site", known_sources=following.sources)
    with monkeypatch.context() as patched:
        patched.setattr("builtins.open", lambda *_arguments, **_options: pytest.fail("read again"))
        assert unchanged.source_digest(str(path)) == _hash(path)


class _Report:
    def __init__(self, number: int) -> None:
        self.path, self.url = f"articles/{number}.md", f"tin/{number}-'é'.html"
        self.article = SimpleNamespace(source_path=f"/srv/content/articles/{number}.md")


def test_reports_shown_once_give_the_digests_of_their_lists() -> None:
    """A report's part of a key, made once, gives the digest its list of (file, URL, hash)
    gives, whichever lists it is in."""
    shown = ShownReports(lambda path: "hash of " + path)
    reports = [_Report(number) for number in range(3)]
    for chosen in ([], reports, reports[1:], [reports[2], reports[0]]):
        expected = [(report.path, report.url, "hash of " + report.article.source_path) for report in chosen]
        assert digest("tinh", "khoi", shown(chosen)) == digest("tinh", "khoi", expected)


def _digest_part_by_part(*parts: object) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part if isinstance(part, bytes) else stable_repr(part).encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


PARTS = st.lists(st.binary(max_size=5) | st.text(max_size=5) | st.integers() | st.lists(st.text(max_size=3), max_size=3)
                 | st.dictionaries(st.text(max_size=3), st.integers(), max_size=3), max_size=5)


@settings(max_examples=examples(300), deadline=None)
@given(PARTS)
def test_digests_are_those_of_the_parts_hashed_one_by_one(parts: list) -> None:
    assert digest(*parts) == _digest_part_by_part(*parts)
