"""Parts of the pages of a province's year kept from one preview to the next
(emulation_blocs.incremental.fragments)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import build_site
from emulation_blocs.incremental.fragments import CachedFragments
from emulation_blocs.incremental.pagecache import PageCache
from emulation_blocs.incremental.pagekeys import DATA_KEYS, SHOWN, bloc_year_digests
from emulation_blocs.incremental.writer import PAGE_CACHE, SITE_KEY
from emulation_blocs.pages.bloc_pages import TEMPLATES
from incremental_helpers import (
    EDITED,
    NO_SEARCH,
    copy_content,
    edit_title_and_body,
    fresh_build,
    stored_page_cache,
    tree_bytes,
)
from jinja2 import DictLoader, Environment, TemplateSyntaxError, pass_context

TEMPLATE = '{% for item in items %}{% cached "part" %}<li>{{ item.name }} {{ note }}</li>{% endcached %}{% endfor %}'


class Item:
    """Stands for a bloc-year: a name to show, and its year."""

    def __init__(self, name: str, year: int = 2020) -> None:
        self.name, self.year = name, year


def _render(cache: PageCache | None, items: list[Item], shown: dict[int, str], note: object = "",
            template: str = TEMPLATE, **values: object) -> str:
    environment = Environment(extensions=[CachedFragments], autoescape=True,
                              loader=DictLoader({"macros.html": MACROS, "part.html": "<i>{{ note }}</i>"}))
    environment.filters["with_page"] = pass_context(lambda context, value: f"{value} {context['output_file']}")
    context = {"items": items, "note": note, SHOWN: shown, SITE_KEY: "site", "SITEURL": "..",
               "output_file": "nam/2020.html", PAGE_CACHE: cache, **values}
    return environment.from_string(template).render(context)


def _two_builds(template: str, first: dict, second: dict) -> tuple[str, str]:
    """The text of a part in a build, then in the next build with other values, the item's name
    changed behind its digest: the second text shows the old name when the part was reused."""
    item = Item("cũ")
    built = PageCache("site")
    before = _render(built, [item], {id(item): "a"}, template=template, **first)
    item.name = "mới"
    return before, _render(PageCache("site", known_fragments=built.fragments), [item], {id(item): "a"},
                           template=template, **second)


def test_a_part_is_kept_while_the_digests_of_what_it_reads_are_unchanged() -> None:
    first, second = Item("Hội <LHPN>"), Item("Đoàn")
    shown = {id(first): "a", id(second): "b"}
    built = PageCache("site")
    assert _render(built, [first, second], shown, "x") == "<li>Hội &lt;LHPN&gt; x</li><li>Đoàn x</li>"

    next_build = PageCache("site", known_fragments=built.fragments)
    first.name = "đổi mà không đổi digest"  # a kept part shows what it showed (escaped once)
    rendered = _render(next_build, [first, second], {id(first): "a", id(second): "b2"}, "x")
    assert rendered == "<li>Hội &lt;LHPN&gt; x</li><li>Đoàn x</li>"
    assert len(next_build.fragments["nam/2020.html"]) == 2


def test_a_part_is_made_again_when_another_value_it_reads_changes() -> None:
    """The part reads ``note`` besides its item: no tag names it, its digest is in the key."""
    assert _two_builds(TEMPLATE, {"note": "một"}, {"note": "một"}) == ("<li>cũ một</li>", "<li>cũ một</li>")
    assert _two_builds(TEMPLATE, {"note": "một"}, {"note": "hai"}) == ("<li>cũ một</li>", "<li>mới hai</li>")


def test_a_part_is_made_again_when_a_setting_it_reads_changes() -> None:
    template = ('{% for item in items %}{% cached %}<a href="{{ SITEURL }}/">{{ item.name }}</a>{% endcached %}'
                '{% endfor %}')
    assert _two_builds(template, {"SITEURL": ".."}, {"SITEURL": "../.."})[1] == '<a href="../../">mới</a>'
    assert _two_builds(template, {"SITEURL": ".."}, {"SITEURL": ".."})[1] == '<a href="../">cũ</a>'


MACROS = "{% macro shown(item) %}<b>{{ item.name }}</b>{% endmacro %}{% macro paged() %}{{ output_file }}{% endmacro %}"


@pytest.mark.parametrize("body", [
    "{{ item.name }} {{ loop.index }}",  # the loop has no digest
    "{{ item.name }} {{ note }}",  # nor does an object
    "{{ item.name }} {% include 'part.html' %}",  # an included template sees the whole context
    "{{ item.name|with_page }}",  # so does a filter that takes it
    "{% from 'macros.html' import paged with context %}{{ item.name }} {{ paged() }}",
])
def test_a_part_that_reads_what_has_no_digest_is_made_every_time(body: str) -> None:
    template = f"{{% for item in items %}}{{% cached %}}{body}{{% endcached %}}{{% endfor %}}"
    assert "mới" in _two_builds(template, {"note": Item("a")}, {"note": Item("a")})[1]


def test_a_macro_imported_without_the_context_is_keyed_by_its_name() -> None:
    template = ("{% from 'macros.html' import shown %}"
                "{% for item in items %}{% cached %}{{ shown(item) }}{% endcached %}{% endfor %}")
    assert _two_builds(template, {}, {}) == ("<b>cũ</b>", "<b>cũ</b>")


def test_the_tag_takes_a_name_and_nothing_else() -> None:
    with pytest.raises(TemplateSyntaxError, match="cached"):
        _render(None, [], {}, "", template='{% cached "part", item %}x{% endcached %}')


def test_two_years_of_a_bloc_from_the_same_reports_have_two_digests() -> None:
    """One report reviews a year and names the next year's leaders: both bloc-years have the
    same reports; their digests differ by the year."""
    bloc = SimpleNamespace(id="khoi", province=SimpleNamespace(id="tinh"))
    earlier, later = (SimpleNamespace(bloc=bloc, year=number, reports=[]) for number in (2019, 2020))
    years = [SimpleNamespace(bloc_years=[earlier]), SimpleNamespace(bloc_years=[later])]
    shown = bloc_year_digests({PAGE_CACHE: PageCache("site"), DATA_KEYS: []}, years)
    assert shown is not None and shown[id(earlier)] != shown[id(later)]


def test_without_the_page_cache_every_part_is_rendered() -> None:
    item = Item("Hội Nông dân")
    assert _render(None, [item], {id(item): "a"}, "x") == "<li>Hội Nông dân x</li>"
    assert _render(PageCache("site"), [item], {}, "y") == "<li>Hội Nông dân y</li>"  # no digest: no key


# A second bloc of Quảng Ninh, whose review of 2019 puts it on the page of Quảng Ninh's 2019
# beside the bloc of the edited report.
SECOND_BLOC = """\
  - id: khoi-cac-hoi
    kind: khoi
    number: null
    name: Khối thi đua các hội tỉnh
    aliases: []
    former_names: []
"""
SECOND_REPORT = """\
---
title: Khối thi đua các hội tỉnh Quảng Ninh tổng kết năm 2019
date: 2019-12-27
author: Phóng viên
source:
  paper: Báo Quảng Ninh
province: Quảng Ninh
bloc: Khối thi đua các hội tỉnh
conference:
  kinds: [tong-ket]
  date: 2019-12-26
  year_reviewed: 2019
leadership:
  - year: 2019
    leader: Hội Cựu chiến binh tỉnh
    chosen: luan-phien
---
Bài tổng kết năm 2019 của khối (nội dung dựng cho kiểm thử).
"""


def _with_a_second_bloc(content: Path) -> Path:
    registry = content / "registry" / "provinces" / "quang-ninh.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("organisations:\n", SECOND_BLOC + "organisations:\n", 1), encoding="utf-8")
    folder = content / "articles" / "quang-ninh" / "2019"
    folder.mkdir()
    (folder / "2019-12-27-khoi-cac-hoi-tong-ket-2019.md").write_text(SECOND_REPORT, encoding="utf-8")
    return content


def _theme_keeping_sections(folder: Path) -> dict[str, object]:
    """The settings of a theme whose province-year page keeps each bloc's section with the
    tag (the plugin's own page does not: its section is cheap to make again)."""
    folder.mkdir()
    page = (TEMPLATES / "year_province.html").read_text(encoding="utf-8")
    call = "{{ year_bloc_section(bloc_year, SITEURL) }}"
    assert call in page
    page = page.replace(call, '{% cached "bloc" %}' + call + "{% endcached %}")
    (folder / "year_province.html").write_text(page, encoding="utf-8")
    return {**NO_SEARCH, "THEME_TEMPLATES_OVERRIDES": [str(folder)]}


def test_a_year_page_made_again_reuses_the_parts_the_edit_did_not_touch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = _with_a_second_bloc(copy_content(tmp_path / "content"))
    output, cache = tmp_path / "preview" / "output", tmp_path / "preview" / "cache"
    theme = _theme_keeping_sections(tmp_path / "templates")
    build_site(content, output, **theme)
    edit_title_and_body(content / EDITED, " (đã sửa)")
    found: dict[str, bool] = {}
    pages: dict[str, str] = {}
    looked_up, kept = PageCache.fragment, PageCache.keep_fragment

    def fragment(self: PageCache, key: str) -> str | None:
        text = looked_up(self, key)
        found[key] = text is not None
        return text

    def keep_fragment(self: PageCache, page: str, key: str, text: str) -> None:
        pages[key] = page
        kept(self, page, key, text)

    monkeypatch.setattr(PageCache, "fragment", fragment)
    monkeypatch.setattr(PageCache, "keep_fragment", keep_fragment)
    build_site(content, output, **theme)

    assert tree_bytes(output) == fresh_build(content, tmp_path / "fresh" / "output", **theme)
    # The edited report chose the 2019 leaders of its bloc: that part is made again; the part
    # of the province's other bloc comes from the cache.
    on_2019 = [found[key] for key, page in pages.items() if page == "nam/2019/quang-ninh.html"]
    assert sorted(on_2019) == [False, True]
    # A page not made again keeps its parts for the next preview.
    stored = stored_page_cache(cache)["fragments"]
    assert "nam/2023/quang-tri.html" not in {pages[key] for key in found} and stored["nam/2023/quang-tri.html"]
