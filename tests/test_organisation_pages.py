"""Organisation pages exist for the organisations that reports name: the registry's others are
listed by name on the organisations' index and their province's page, with no link, no page
and no redirect of a former URL."""

from __future__ import annotations

import pytest
from bs4 import Tag
from conftest import BuiltSite, FixtureContent, build_site
from emulation_blocs.pages.redirects import read_redirects_file

PROVINCE = """
id: nhac-ten
name: Nhắc Tên
blocs:
  - id: khoi-a
    kind: khoi
    name: Khối thi đua A
organisations:
  - {id: hoi-a, name: Hội A tỉnh, kind: chinh-tri-xa-hoi}
  - {id: hoi-b, name: Hội B tỉnh, kind: chinh-tri-xa-hoi}
  - {id: hoi-d, name: Hội D tỉnh, kind: chinh-tri-xa-hoi, former_ids: [hoi-d-cu]}
"""
REPORT = """
---
title: "Khối A tổng kết năm 2021"
date: 2021-12-20
author: Phóng viên
source: {paper: Báo Nhắc Tên}
province: Nhắc Tên
bloc: Khối thi đua A
conference: {kinds: [tong-ket], date: 2021-12-20, year_reviewed: 2021}
leadership:
  - {year: 2021, leader: Hội A tỉnh, deputy: Hội B tỉnh}
---
Nội dung.
"""
INDEX = "to-chuc/index.html"
PROVINCE_PAGE = "tinh/nhac-ten.html"


@pytest.fixture(scope="module")
def named_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("named")
    content = FixtureContent(root / "content")
    content.province("nhac-ten", PROVINCE)
    content.article("nhac-ten/2021-12-20.md", REPORT)
    return build_site(content.root, root / "output", BLOCS_SEARCH_INDEX=False)


def _listed(site: BuiltSite, page: str, items: list[Tag]) -> dict[str, str | None]:
    """Each organisation listed: its name → the file its link leads to (None: no link)."""
    found: dict[str, str | None] = {}
    for item in items:
        link = item.find("a")
        target = site.resolve(page, link["href"]) if link else None
        found[" ".join(item.get_text().split())] = (
            target.relative_to(site.output.resolve()).as_posix() if target else None)
    return found


def test_only_named_organisations_have_a_page(named_site: BuiltSite) -> None:
    pages = sorted(path.name for path in (named_site.output / "to-chuc" / "nhac-ten").iterdir())
    assert pages == ["hoi-a.html", "hoi-b.html"]
    assert named_site.page("to-chuc/nhac-ten/hoi-a.html").h1.get_text() == "Hội A tỉnh"


def test_the_index_and_the_province_list_the_others_without_a_link(named_site: BuiltSite) -> None:
    expected = {"Hội A tỉnh": "to-chuc/nhac-ten/hoi-a.html", "Hội B tỉnh": "to-chuc/nhac-ten/hoi-b.html",
                "Hội D tỉnh": None}
    index = named_site.page(INDEX)
    section = index.find("section", attrs={"aria-labelledby": "tinh-nhac-ten"})
    assert _listed(named_site, INDEX, section.select("li")) == expected
    province = named_site.page(PROVINCE_PAGE)
    heading = next(h2 for h2 in province.find_all("h2") if h2.get_text() == "Tổ chức")
    assert _listed(named_site, PROVINCE_PAGE, heading.find_next("ul").select("li")) == expected
    for page in (INDEX, PROVINCE_PAGE):
        for link in named_site.page(page).main.find_all("a"):
            assert named_site.resolve(page, link["href"]).is_file(), (page, link["href"])


def test_no_redirect_to_a_page_that_is_not_written(named_site: BuiltSite) -> None:
    assert not (named_site.output / "to-chuc" / "nhac-ten" / "hoi-d-cu.html").exists()
    assert not [old for old in read_redirects_file(named_site.output / "_redirects") if "hoi-d" in old]
