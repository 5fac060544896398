"""Parts of the pages of a province's year kept from one preview to the next
(emulation_blocs.incremental.fragments)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_site
from emulation_blocs.incremental.fragments import CachedFragments
from emulation_blocs.incremental.pagecache import PageCache
from emulation_blocs.incremental.pagekeys import SHOWN
from emulation_blocs.incremental.writer import PAGE_CACHE, SITE_KEY
from incremental_helpers import (
    EDITED,
    NO_SEARCH,
    copy_content,
    edit_title_and_body,
    fresh_build,
    stored_page_cache,
    tree_bytes,
)
from jinja2 import Environment

TEMPLATE = ('{% for item in items %}{% cached "part", item %}<li>{{ item.name }} {{ note }}</li>{% endcached %}'
            '{% endfor %}')


class Item:
    """Stands for a bloc-year: a name to show, and its year."""

    def __init__(self, name: str, year: int = 2020) -> None:
        self.name, self.year = name, year


def _render(cache: PageCache | None, items: list[Item], shown: dict[int, str], note: str) -> str:
    environment = Environment(extensions=[CachedFragments], autoescape=True)
    context = {"items": items, "note": note, SHOWN: shown, SITE_KEY: "site", "SITEURL": "..",
               "output_file": "nam/2020.html", PAGE_CACHE: cache}
    return environment.from_string(TEMPLATE).render(context)


def test_a_part_is_made_again_only_when_its_key_changes() -> None:
    first, second = Item("Hội <LHPN>"), Item("Đoàn")
    shown = {id(first): "a", id(second): "b"}
    built = PageCache("site")
    assert _render(built, [first, second], shown, "cũ") == "<li>Hội &lt;LHPN&gt; cũ</li><li>Đoàn cũ</li>"

    next_build = PageCache("site", known_fragments=built.fragments)
    # Only the key counts: "note" is not part of it, so the kept text comes back (escaped once).
    rendered = _render(next_build, [first, second], {id(first): "a", id(second): "b2"}, "mới")
    assert rendered == "<li>Hội &lt;LHPN&gt; cũ</li><li>Đoàn mới</li>"
    assert len(next_build.fragments["nam/2020.html"]) == 2


def test_two_years_of_a_bloc_from_the_same_reports_are_two_parts() -> None:
    """One report reviews a year and names the next year's leaders: both bloc-years have the
    same reports, so the same digest; the year tells their parts apart."""
    earlier, later = Item("năm 2019", 2019), Item("năm 2020", 2020)
    built = PageCache("site")
    _render(built, [earlier, later], {id(earlier): "same", id(later): "same"}, "")
    assert _render(PageCache("site", known_fragments=built.fragments), [earlier, later],
                   {id(earlier): "same", id(later): "same"}, "") == "<li>năm 2019 </li><li>năm 2020 </li>"


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


def test_a_year_page_made_again_reuses_the_parts_the_edit_did_not_touch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = _with_a_second_bloc(copy_content(tmp_path / "content"))
    output, cache = tmp_path / "preview" / "output", tmp_path / "preview" / "cache"
    build_site(content, output, **NO_SEARCH)
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
    build_site(content, output, **NO_SEARCH)

    assert tree_bytes(output) == fresh_build(content, tmp_path / "fresh" / "output", **NO_SEARCH)
    # The edited report chose the 2019 leaders of its bloc: that part is made again; the part
    # of the province's other bloc comes from the cache.
    on_2019 = [found[key] for key, page in pages.items() if page == "nam/2019/quang-ninh.html"]
    assert sorted(on_2019) == [False, True]
    # A page not made again keeps its parts for the next preview.
    stored = stored_page_cache(cache)["fragments"]
    assert "nam/2023/quang-tri.html" not in {pages[key] for key in found} and stored["nam/2023/quang-tri.html"]
