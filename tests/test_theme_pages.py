"""The theme's pages, parsed from the preview build of the real content: Vietnamese UI and
dates, navigation, breadcrumbs, accessible tables, local assets only."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import BuiltSite
from published_site_helpers import PAGE_TYPES

ARTICLE = PAGE_TYPES["article"]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_is_vietnamese_and_self_contained(site: BuiltSite, name: str) -> None:
    path = PAGE_TYPES[name]
    soup = site.page(path)
    assert soup.html["lang"] == "vi"
    assert len(soup.find_all("h1")) == 1
    assert soup.find("meta", attrs={"name": "description"})["content"].strip()
    assert soup.find("meta", attrs={"name": "viewport"})
    # Nothing is loaded from another host: stylesheets, icons, scripts, images are local files.
    for element, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
        for tag in soup.find_all(element, attrs={attribute: True}):
            if element == "link" and tag.get("rel") in (["alternate"], ["canonical"]):
                continue
            url = tag[attribute]
            assert not urlsplit(url).netloc, f"{path}: {url}"
            assert site.resolve(path, url).is_file(), f"{path}: {url}"
    icon = soup.find("link", rel="icon")
    assert icon["type"] == "image/svg+xml" and site.resolve(path, icon["href"]).is_file()
    menu = {" ".join(link.get_text().split()): link["href"] for link in soup.find("nav", attrs={"aria-label": "Chính"})
            .find_all("a")}
    assert list(menu) == ["Tin mới", "Tỉnh", "Khối thi đua", "Tổ chức", "Theo năm", "Tìm kiếm"]
    assert all(site.resolve(path, href).is_file() or href.endswith("/") for href in menu.values())


def test_article_dates_are_written_the_vietnamese_way(site: BuiltSite) -> None:
    """30/12/2020 was a Wednesday: "Thứ Tư" in Vietnamese (CLDR via Babel)."""
    time = site.page(ARTICLE).find("p", class_="meta").find("time")
    assert time["datetime"].startswith("2020-12-30")
    assert time.get_text() == "Thứ Tư, 30 tháng 12, 2020"
    home = site.page("index.html")
    dates = [time.get_text() for time in home.select(".news-list time")]
    assert "Thứ Tư, 30 tháng 12, 2020" in dates
    assert "Thứ Ba, 9 tháng 1, 2024" in dates  # Quảng Trị's report, 09/01/2024, a Tuesday


def test_article_facts_state_each_role_once(site: BuiltSite) -> None:
    """The Bắc Kạn report names the 2021 leader in its leadership list and in its handover."""
    terms = [dt.get_text() for dt in site.page(ARTICLE).select(".facts dt")]
    assert len(terms) == len(set(terms))
    assert [term for term in terms if term.startswith(("Khối trưởng", "Khối phó"))] == [
        "Khối trưởng năm 2020", "Khối phó năm 2020", "Khối trưởng năm 2021", "Khối phó năm 2021"]


def test_breadcrumbs_go_province_bloc_year(site: BuiltSite) -> None:
    path = PAGE_TYPES["bloc-year"]
    items = site.page(path).select("nav.breadcrumbs li")
    assert [item.get_text(strip=True) for item in items] == [
        "Trang chủ", "Bắc Kạn", "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh", "Năm 2020"]
    targets = [site.resolve(path, item.find("a")["href"]) for item in items[:3]]
    targets = [target / "index.html" if target.is_dir() else target for target in targets]
    assert [target.relative_to(site.output.resolve()).as_posix() for target in targets] == [
        "index.html", "tinh/bac-kan.html", "khoi/bac-kan/mttq-va-cac-doan-the.html"]
    assert items[-1].find(attrs={"aria-current": "page"})


@pytest.mark.parametrize("name", ["bloc", "bloc-year", "organisation", "province"])
def test_tables_have_captions_and_header_cells(site: BuiltSite, name: str) -> None:
    tables = site.page(PAGE_TYPES[name]).find_all("table")
    if name == "province":
        assert tables == []
        return
    assert tables
    for table in tables:
        assert table.find("caption").get_text(strip=True)
        headers = table.find("thead").find_all("th")
        assert headers and all(header["scope"] == "col" for header in headers)
        region = table.find_parent("div", class_="table-wrap")
        assert region["tabindex"] == "0" and region["role"] == "region" and region["aria-label"]


def test_bloc_page_tables_hold_members_leaders_awards(site: BuiltSite) -> None:
    captions = [table.find("caption").get_text(" ", strip=True) for table in site.page(PAGE_TYPES["bloc"])
                .find_all("table")]
    assert captions[0] == "Luân phiên Khối trưởng và Khối phó"
    assert captions[1].startswith("Thành viên theo năm")
    assert captions[2].startswith("Số lượt khen thưởng theo năm thành tích")


def test_bloc_page_counts_each_years_awards_where_they_are_listed(site: BuiltSite) -> None:
    """The bloc page counts each year's awards (units honoured, as its chart does) and links
    to the year's page, where each award is a row of its table with its recipients."""
    bloc = PAGE_TYPES["bloc"]
    table = site.page(bloc).find(id="khen-thuong").find_next("table")
    rows = table.select("tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == ["2020"]
    for row in rows:
        link = row.th.a["href"]
        assert urlsplit(link).fragment == "khen-thuong"
        year_page = site.resolve(bloc, link)
        listed = site.page(year_page.relative_to(site.output).as_posix()).find(id="khen-thuong").find_next("table")
        units = {"Đã tặng": 0, "Đề nghị": 0}
        for cells in (award.find_all("td") for award in listed.select("tbody tr")):
            units[cells[2].get_text(strip=True)] += len(cells[3].find_all("a")) or 1
        conferred, proposed, kinds = (cell.get_text(strip=True) for cell in row.find_all("td"))
        # Bắc Kạn 2020: proposals for three organisations (two rows), none conferred yet.
        assert (conferred, proposed) == ("0", "3") == (str(units["Đã tặng"]), str(units["Đề nghị"]))
        assert kinds == "Cờ thi đua của Ủy ban nhân dân tỉnh; Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


def test_archives_list_the_years_and_each_year_its_reports(site: BuiltSite) -> None:
    soup = site.page("tin/index.html")
    years = [(item["id"], item.get_text(" ", strip=True), site.resolve("tin/index.html", item.a["href"]))
             for item in soup.select("main li")]
    # The five reports of content/articles, by publication year; the old anchors still land.
    assert years == [("nam-2024", "Năm 2024 : 1 tin", site.output / "tin/2024/index.html"),
                     ("nam-2020", "Năm 2020 : 3 tin", site.output / "tin/2020/index.html"),
                     ("nam-2018", "Năm 2018 : 1 tin", site.output / "tin/2018/index.html")]
    year = site.page("tin/2020/index.html")
    assert year.find("h1").get_text() == "Tin năm 2020"
    reports = [(item.time["datetime"][:10], site.resolve("tin/2020/index.html", item.a["href"]).name)
               for item in year.select("main ul.news-list li")]
    assert reports == [("2020-12-30", "2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.html"),
                       ("2020-07-31", "2020-07-31-khoi-cac-hoi-dac-thu-so-ket-6-thang-2020.html"),
                       ("2020-01-21", "2020-01-21-khoi-ii-hoi-quan-chung-tong-ket-2019.html")]
    assert all(site.resolve("tin/2020/index.html", link["href"]).is_file() for link in year.select("main a"))
    assert [item.get_text() for item in year.select("nav[aria-label='Các năm'] li")] == ["2024", "2020", "2018"]
    assert year.select_one("nav[aria-label='Các năm'] [aria-current=page]").get_text() == "2020"
