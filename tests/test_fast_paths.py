"""Where the build takes a faster road, it arrives at the same place: the same dates, the same
SVG as ElementTree, the same words for search as an HTML parser, the same data file, the same
templates compiled or from the cache."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from conftest import CONTENT, ROOT, BuiltSite
from emulation_blocs.commands.check import _listing, read_archive
from emulation_blocs.domain.aggregate import Archive
from emulation_blocs.incremental.templatecache import keep_compiled_templates
from emulation_blocs.opendata.blocs_file import blocs_json
from emulation_blocs.opendata.document import blocs_document, dumps
from emulation_blocs.pages.charts import _escape_text, _tag
from emulation_blocs.pages.search import fold_d, words_with_d
from emulation_blocs.source.validation import parse_date, parse_date_or_datetime
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.settings import read_settings

DATE_TEXT = st.text(alphabet="0123456789-: T+Z٣", max_size=22) | st.builds(
    lambda day, minutes: day.isoformat() + minutes, st.dates(), st.sampled_from(["", " 14:30", " 24:00", "T14:30",
                                                                               " 14:30:05", " 1:30"]))


def _strptime(text: str, patterns: tuple[str, ...]) -> datetime.datetime | None:
    for pattern in patterns:
        try:
            return datetime.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


@settings(max_examples=500, deadline=None)
@given(DATE_TEXT)
def test_dates_read_as_strptime_reads_them(text: str) -> None:
    day = _strptime(text, ("%Y-%m-%d",))
    assert parse_date(text) == (day.date() if day else None)
    assert parse_date_or_datetime(text) == _strptime(text, ("%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S",
                                                            "%Y-%m-%dT%H:%M"))


NAMES = st.sampled_from(["svg", "g", "text", "rect", "title", "line"])
TEXTS = st.text(alphabet="aĐđ &<>\"'\r\n\t0", max_size=8)


@st.composite
def elements(draw: st.DrawFn, depth: int = 0) -> ET.Element:
    element = ET.Element(draw(NAMES), {f"a{index}": draw(TEXTS) for index in range(draw(st.integers(0, 3)))})
    element.text = draw(st.none() | TEXTS)
    if depth < 3:
        for _ in range(draw(st.integers(0, 3))):
            element.append(draw(elements(depth + 1)))
    return element


@settings(max_examples=300, deadline=None)
@given(elements())
def test_charts_are_written_as_element_tree_writes_them(element: ET.Element) -> None:
    assert _written(element) == ET.tostring(element, encoding="unicode", short_empty_elements=True)


def _written(element: ET.Element) -> str:
    """The tree written as the charts write theirs, element by element."""
    content = _escape_text(element.text or "") + "".join(_written(child) for child in element)
    return _tag(element.tag, dict(element.items()), content)


class _Text(HTMLParser):
    """The reference: an HTML parser's text, without scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.skipping += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _parsed_words(page: str) -> list[str]:
    parser = _Text()
    parser.feed(page)
    return sorted({fold_d(word.lower()) for word in re.findall(r"\w*[đĐ]\w*", " ".join(parser.parts))})


def test_search_words_are_those_an_html_parser_finds(site: BuiltSite) -> None:
    pages = sorted(site.output.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert words_with_d(page) == _parsed_words(page), path
    tricky = '<p>Đoàn<!-- đa --> <b>đ</b>ội &#273;i<script>đ()</script><a title="đề">x</a></p>'
    assert words_with_d(tricky) == _parsed_words(tricky) == ["d", "di", "doàn"]


def test_the_data_file_from_kept_parts_is_the_whole_document(site: BuiltSite) -> None:
    archive = _archive_of(site)
    whole = dumps(blocs_document(archive, "https://example.vn"))
    keys = [f"k{index}" for index in range(len(archive.blocs))]
    kept: dict[str, str] = {}
    assert b"".join(blocs_json(archive, "https://example.vn", keys, {}, kept)).decode() == whole
    assert b"".join(blocs_json(archive, "https://example.vn", keys, kept, {})).decode() == whole  # every part reused
    assert b"".join(blocs_json(archive, "https://example.vn")).decode() == whole  # no page cache
    assert b"".join(blocs_json(Archive(), "", [], {}, {})).decode() == dumps(blocs_document(Archive(), ""))


def _archive_of(site: BuiltSite) -> Archive:
    """The sample content's archive, aggregated as the build does."""
    archive, _problems = read_archive(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(CONTENT)}))
    assert archive.blocs
    return archive


@pytest.mark.parametrize("first", [True, False])
def test_compiled_templates_are_kept_apart_by_their_options(tmp_path: Path, first: bool) -> None:
    """The site's environment and the plugin's compile the same template with and without
    autoescaping: each must get its own compiled code back from the cache, in either order."""
    settings = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path)}

    def render(autoescape: bool) -> str:
        environment = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "<p>{{ title }}</p>"}),
                                         autoescape=autoescape)
        keep_compiled_templates(environment, settings)
        return environment.get_template("page.html").render(title="Hội <b>Nông dân</b>")

    expected = {True: "<p>Hội &lt;b&gt;Nông dân&lt;/b&gt;</p>", False: "<p>Hội <b>Nông dân</b></p>"}
    for autoescape in (first, not first, first, not first):  # the last two from the cache
        assert render(autoescape) == expected[autoescape]
    assert len(list((tmp_path / "templates").iterdir())) == 2


def test_check_lists_the_files_path_rglob_lists_in_the_same_order(tmp_path: Path) -> None:
    """check's own walk of the article folders: every Markdown file in the order of its path (a
    folder's files among its sub-folders by name), ignored names left out, a linked file listed,
    a linked folder inside the content folder entered (as a build enters it)."""
    articles = tmp_path / "content" / "articles"
    for relative in ("b/x.md", "a-b/y.md", "a/z.md", "a/b/w.md", "a.md", "a/.#z.md", "a/notes.txt", "B/v.mdown"):
        (articles / relative).parent.mkdir(parents=True, exist_ok=True)
        (articles / relative).write_text("x", encoding="utf-8")
    (articles / "linked.md").symlink_to(articles / "a" / "z.md")
    (articles / "linked-folder").symlink_to(articles / "b", target_is_directory=True)
    settings = {"ARTICLE_PATHS": ["articles"], "IGNORE_FILES": [".#*"]}
    root = tmp_path / "content"
    expected = [path.relative_to(root).as_posix() for path in sorted(articles.rglob("*"))
                if path.suffix in {".md", ".mdown"} and path.is_file() and not path.name.startswith(".#")]
    expected.insert(expected.index("articles/linked.md"), "articles/linked-folder/x.md")
    assert _listing(settings, root, "ARTICLE").files == expected
    assert len(expected) == 8 and "articles/linked.md" in expected
    assert _listing({**settings, "ARTICLE_PATHS": ["articles", "missing"]}, root, "ARTICLE").files == expected
