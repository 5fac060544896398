"""The news of one year, a page at a time (PAGINATED_TEMPLATES["period_archives"]): on a small
site of many reports in 2020, three to a page, the first page keeps the year's URL and the next
ones are tin/2020/trang-<n>.html; every report is listed once, newest first; the navigation
has previous, next, first, last and the current page; the home page keeps Pelican's own
index2.html; and a preview after reports are deleted equals a build from scratch, without
the pages that no longer exist."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from archive_helpers import main_text, page, resolve
from conftest import ROOT, FixtureContent, build_site
from emulation_blocs.commands.check import find_problems
from emulation_blocs.offline.archive import make_offline
from emulation_blocs.offline.linkcheck import check_page
from incremental_helpers import NO_SEARCH, fresh_build, tree_bytes
from pelican.settings import read_settings
from test_fixture_sites import PROVINCE, report

PER_PAGE = 3
PAGINATION = {"PAGINATED_TEMPLATES": {"index": 5, "period_archives": PER_PAGE}, **NO_SEARCH}
DAYS_2020 = [f"2020-{month:02d}-15" for month in range(1, 9)]  # eight reports: pages of 3, 3 and 2
YEAR = "tin/2020/index.html"
PAGES_2020 = [YEAR, "tin/2020/trang-2.html", "tin/2020/trang-3.html"]


# The oldest report of 2020 is of a bloc of its own: deleting it changes no other report's page.
OTHER_BLOC = "  - id: kinh-te\n    kind: khoi\n    name: Khối thi đua các cơ quan kinh tế tỉnh\n"


def _content(root: Path) -> FixtureContent:
    content = FixtureContent(root)
    content.province("thu-nghiem", PROVINCE.replace("organisations:", OTHER_BLOC + "organisations:"))
    for day in [*DAYS_2020, "2021-03-15"]:
        text = report(day, int(day[:4]), "Hội Nông dân", f"Sơ kết {day}")
        if day == DAYS_2020[0]:
            text = text.replace("bloc: Khối đoàn thể", "bloc: Khối thi đua các cơ quan kinh tế tỉnh")
        content.article(f"thu-nghiem/{day}-so-ket.md", text)
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("year-news")
    return build_site(_content(root / "content").root, root / "output", **PAGINATION).output


def _listed(site: Path, url: str) -> list[tuple[str, str]]:
    """(date, report page) of each report a year's page lists."""
    return [(item.time["datetime"][:10], resolve(url, item.a["href"]))
            for item in page(site, url).select("main ul.news-list li")]


def _nav(site: Path, url: str) -> dict[str, str]:
    """The year's page navigation: previous, next, first, last and the current page number."""
    nav = page(site, url).find("nav", class_="pagination")
    found = {link.get_text(strip=True): resolve(url, link["href"]) for link in nav.select("ul a")}
    found.update({f"rel={link['rel'][0]}": resolve(url, link["href"]) for link in nav.select("a[rel]")})
    current = nav.select("[aria-current=page]")
    assert len(current) == 1 and resolve(url, current[0]["href"]) == url
    found["current"] = current[0].get_text()
    found["text"] = nav.p.get_text()
    assert nav["aria-label"] == "Các trang tin năm 2020"
    assert [resolve(url, link["href"]) for link in nav.select("ol a")] == PAGES_2020
    return found


def test_a_year_is_split_into_pages_with_stable_urls(site: Path) -> None:
    written = sorted(path.name for path in (site / "tin" / "2020").iterdir() if not path.name.startswith("2020-"))
    assert written == ["index.html", "trang-2.html", "trang-3.html"]
    assert [path.name for path in (site / "tin" / "2021").iterdir() if not path.name.startswith("2021-")] == [
        "index.html"]
    assert page(site, "tin/2021/index.html").find("nav", class_="pagination") is None


def test_every_report_of_the_year_is_listed_once_newest_first(site: Path) -> None:
    listed = [_listed(site, url) for url in PAGES_2020]
    assert [len(reports) for reports in listed] == [3, 3, 2]
    everything = [report for reports in listed for report in reports]
    assert everything == sorted(everything, reverse=True)
    assert [day for day, _url in everything] == sorted(DAYS_2020, reverse=True)
    assert {url for _day, url in everything} == {f"tin/2020/{day}-so-ket.html" for day in DAYS_2020}
    assert all((site / url).is_file() for _day, url in everything)


def test_each_page_links_previous_next_first_and_last(site: Path) -> None:
    first, second, last = PAGES_2020
    assert _nav(site, first) == {"Trang sau ›": second, "rel=next": second, "Trang cuối »": last,
                                 "current": "1", "text": "Trang 1/3"}
    assert _nav(site, second) == {"‹ Trang trước": first, "rel=prev": first, "Trang sau ›": last,
                                  "rel=next": last, "current": "2", "text": "Trang 2/3"}
    assert _nav(site, last) == {"« Trang đầu": first, "‹ Trang trước": second, "rel=prev": second,
                                "current": "3", "text": "Trang 3/3"}


def test_each_page_says_how_many_reports_the_year_has_and_is_a_page_of_its_own(site: Path) -> None:
    texts = [main_text(page(site, url)) for url in PAGES_2020]
    assert [text.split("Năm 2020 có ")[1].split(".")[0] for text in texts] == [
        "8 tin; trang này: tin thứ 1 đến 3", "8 tin; trang này: tin thứ 4 đến 6", "8 tin; trang này: tin thứ 7 đến 8"]
    titles = [page(site, url).title.get_text() for url in PAGES_2020]
    assert titles == ["Tin năm 2020 — Thi đua khối, cụm", "Tin năm 2020 — trang 2/3 — Thi đua khối, cụm",
                      "Tin năm 2020 — trang 3/3 — Thi đua khối, cụm"]
    crumbs = page(site, PAGES_2020[1]).select("nav.breadcrumbs li")
    assert [item.get_text(strip=True) for item in crumbs] == ["Trang chủ", "Tin theo năm", "Năm 2020", "Trang 2/3"]
    assert resolve(PAGES_2020[1], crumbs[2].a["href"]) == YEAR
    # Like the year's first page, the next ones are lists, not indexed for search.
    assert all(page(site, url).main.get("data-pagefind-body") is None for url in PAGES_2020)


def test_the_list_of_years_keeps_its_anchors_and_counts(site: Path) -> None:
    years = {item["id"]: (item.get_text(" ", strip=True), resolve("tin/index.html", item.a["href"]))
             for item in page(site, "tin/index.html").select("main li")}
    assert years == {"nam-2021": ("Năm 2021 : 1 tin", "tin/2021/index.html"), "nam-2020": ("Năm 2020 : 8 tin", YEAR)}


def test_the_home_page_keeps_pelicans_numbered_pages(site: Path) -> None:
    """Nine reports, five to a home page (PAGINATED_TEMPLATES["index"]): index.html, index2.html."""
    assert (site / "index2.html").is_file() and not (site / "index3.html").exists()
    assert not list(site.glob("trang-*.html"))
    nav = page(site, "index.html").find("nav", class_="pagination")
    assert resolve("index.html", nav.find("a", rel="next")["href"]) == "index2.html"


def test_the_pages_open_from_disk(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in site.rglob("*"):
        if path.is_file():
            target = copy / path.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    make_offline(copy, "luu-tru/index.html")
    assert [check_page(copy, copy / url) for url in PAGES_2020] == [[], [], []]


def test_the_sitemap_lists_every_page_of_the_year(tmp_path: Path) -> None:
    site = build_site(_content(tmp_path / "content").root, tmp_path / "output", SITEURL="https://thidua.example.vn",
                      **PAGINATION).output
    urls = {url.text for url in ET.parse(site / "sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {f"https://thidua.example.vn/{url}" for url in PAGES_2020} <= urls


def test_a_preview_after_editing_and_deleting_reports_equals_a_fresh_build(tmp_path: Path) -> None:
    content = _content(tmp_path / "content")
    preview = tmp_path / "preview" / "output"
    build_site(content.root, preview, **PAGINATION)
    articles = content.root / "articles" / "thu-nghiem"
    edited = articles / "2020-05-15-so-ket.md"  # listed on the second page
    edited.write_text(edited.read_text(encoding="utf-8").replace("2020-05-15\"", "2020-05-15 (sửa)\""),
                      encoding="utf-8")
    build_site(content.root, preview, **PAGINATION)
    assert "Sơ kết 2020-05-15 (sửa)" in main_text(page(preview, PAGES_2020[1]))
    assert tree_bytes(preview) == fresh_build(content.root, tmp_path / "fresh-0" / "output", **PAGINATION)
    # The oldest report: the first two pages list the same reports, but the count they give changes.
    (articles / f"{DAYS_2020[0]}-so-ket.md").unlink()
    build_site(content.root, preview, **PAGINATION)
    assert "8 tin" not in main_text(page(preview, YEAR))
    assert tree_bytes(preview) == fresh_build(content.root, tmp_path / "fresh-1" / "output", **PAGINATION)
    for day in DAYS_2020[1:5]:  # three reports left: one page
        (articles / f"{day}-so-ket.md").unlink()
    build_site(content.root, preview, **PAGINATION)
    fresh = fresh_build(content.root, tmp_path / "fresh-2" / "output", **PAGINATION)
    assert sorted(tree_bytes(preview)) == sorted(fresh)
    assert tree_bytes(preview) == fresh
    assert not (preview / "tin" / "2020" / "trang-2.html").exists()
    assert page(preview, YEAR).find("nav", class_="pagination") is None


def test_a_report_named_like_a_following_page_is_moved_aside_with_td406(tmp_path: Path) -> None:
    content = _content(tmp_path / "content")
    content.article("thu-nghiem/trang-2.md", report("2020-09-15", 2020, "Hội Nông dân", "Sơ kết tháng 9"))
    site = build_site(content.root, tmp_path / "output", **PAGINATION).output
    assert page(site, PAGES_2020[1]).find("nav", class_="pagination") is not None
    moved = page(site, "tin/2020/trang-2-2.html")
    assert moved.h1.get_text(strip=True) == "Sơ kết tháng 9"
    assert [item.code.get_text() for item in moved.select("section.problems li")] == ["TD406"]
    problems = find_problems(read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content.root), **PAGINATION}))
    assert [(found.code, found.path, found.value) for found in problems] == [
        ("TD406", "articles/thu-nghiem/trang-2.md", "tin/2020/trang-2.html")]
