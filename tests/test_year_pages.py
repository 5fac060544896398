"""The results pages per year and per year and province, on the sample content: the facts
are those of the sample reports (leaders, awards by type and status), the filters are anchors
that exist, and the pages are linked from the rest of the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from archive_helpers import build_site, hrefs, main_text, page, resolve

BAC_KAN_2020 = "khoi/bac-kan/mttq-va-cac-doan-the/2020.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("years") / "output")


def test_years_index_lists_every_year_that_a_report_speaks_of(site: Path) -> None:
    soup = page(site, "nam/index.html")
    years = [link.get_text() for link in soup.select("main ul.cards > li > a")]
    # 2018 (Quảng Ninh review), 2019 (its next leader; Tây Ninh review; Quảng Bình's awards of
    # 2019), 2020, 2021 (Bắc Kạn's next leader), 2023 (Quảng Trị review), 2024 (its pact).
    assert years == ["Năm 2024", "Năm 2023", "Năm 2021", "Năm 2020", "Năm 2019", "Năm 2018"]


def _leader_rows(soup: object) -> dict[str, tuple[str, str, str]]:
    table = soup.select_one("#khoi-truong + .table-wrap table")
    rows = {}
    for row in table.select("tbody tr"):
        cells = row.find_all(["td", "th"])
        bloc = cells[1].get_text(strip=True)
        rows[bloc] = (cells[0].get_text(strip=True), cells[2].a.get_text() if cells[2].a else "",
                      cells[3].a.get_text() if cells[3].a else "")
    return rows


def test_year_page_gives_leaders_and_deputies_of_every_bloc(site: Path) -> None:
    rows = _leader_rows(page(site, "nam/2020.html"))
    assert rows == {
        "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh": ("Bắc Kạn", "Hội Liên hiệp Phụ nữ tỉnh",
                                                              "Liên đoàn Lao động tỉnh"),
        "Khối thi đua các hội đặc thù tỉnh": ("Quảng Bình", "", ""),
        # Handed over at the review of 2019 (January 2020).
        "Khối thi đua II - Hội Quần chúng tỉnh": ("Tây Ninh", "Hội Nạn nhân chất độc da cam tỉnh", ""),
    }
    assert _leader_rows(page(site, "nam/2021.html")) == {
        "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh": ("Bắc Kạn", "Liên đoàn Lao động tỉnh",
                                                              "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"),
    }


def test_awards_are_grouped_by_type_then_status_with_anchors(site: Path) -> None:
    soup = page(site, "nam/2019.html")
    # Quảng Bình: the provincial flag and certificate of merit for 2019, conferred in July 2020.
    flag = soup.select_one("#khen-co-thi-dua-tinh-da-tang")
    assert flag is not None and flag.name == "table"
    assert "Quảng Bình" in flag.get_text()
    assert soup.select_one("#khen-bang-khen-tinh-da-tang") is not None
    assert soup.select_one("#khen-co-thi-dua-tinh-de-nghi") is None
    soup = page(site, "nam/2018.html")
    # Quảng Ninh 2018: a government flag, a provincial flag and certificates for the others.
    assert [section.h3.get_text() for section in soup.select("section[aria-labelledby^=khen-]")] == [
        "Cờ thi đua của Chính phủ", "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"]
    remaining = soup.select_one("#khen-bang-khen-tinh-de-nghi")
    names = [link.get_text() for link in remaining.select("tbody td:nth-of-type(4) a")]
    # "các đơn vị còn lại": the four members not proposed for a flag.
    assert names == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh",
                     "Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh"]


@pytest.mark.parametrize("url", ["nam/2018.html", "nam/2019.html", "nam/2020.html", "nam/2023.html",
                                 "nam/2020/bac-kan.html"])
def test_filters_are_anchors_to_sections_of_the_page(site: Path, url: str) -> None:
    soup = page(site, url)
    filters = soup.select("nav.filters a")
    assert filters
    for link in filters:
        assert link["href"].startswith("#")
        assert soup.find(id=link["href"][1:]) is not None, link["href"]
    ids = {link["href"] for link in filters}
    if url.count("/") == 1:
        sections = soup.select("#theo-tinh ~ section h3 a")
        provinces = {f"#tinh-{entry['href'].split('/')[-1].removesuffix('.html')}" for entry in sections}
        assert provinces <= ids


def test_year_province_page(site: Path) -> None:
    soup = page(site, "nam/2020/bac-kan.html")
    text = main_text(soup)
    assert soup.h1.get_text() == "Tỉnh Bắc Kạn — kết quả thi đua năm 2020"
    assert "Thái Nguyên" in text and "01/07/2025" in text
    section = soup.find(id="khoi-mttq-va-cac-doan-the").parent
    roles = [dd.get_text(" ", strip=True) for dd in section.select("dl.roles dd")]
    assert roles[0].startswith("Hội Liên hiệp Phụ nữ tỉnh") and roles[1].startswith("Liên đoàn Lao động tỉnh")
    assert roles[2] == "6 tổ chức (danh sách đầy đủ)"
    assert resolve("nam/2020/bac-kan.html", section.h2.a["href"]) == BAC_KAN_2020
    assert [resolve("nam/2020/bac-kan.html", href) for href in hrefs(soup, soup.select_one(".year-nav"))] == [
        "nam/2021/bac-kan.html"]


def test_year_pages_are_linked_from_the_site(site: Path) -> None:
    home = page(site, "index.html")
    assert "nam/index.html" in {resolve("index.html", href) for href in hrefs(home, home.header)}
    bloc_year = page(site, BAC_KAN_2020)
    targets = {resolve(BAC_KAN_2020, href) for href in hrefs(bloc_year)}
    assert {"nam/2020.html", "nam/2020/bac-kan.html"} <= targets
    province = page(site, "tinh/quang-binh.html")
    targets = {resolve("tinh/quang-binh.html", href) for href in hrefs(province)}
    assert {"nam/2019/quang-binh.html", "nam/2020/quang-binh.html"} <= targets


def test_every_link_of_the_year_pages_leads_to_a_page(site: Path) -> None:
    for path in [*site.glob("nam/*.html"), *site.glob("nam/*/*.html")]:
        url = path.relative_to(site).as_posix()
        for href in hrefs(page(site, url)):
            target = resolve(url, href)
            assert (site / target).is_file() or (site / target / "index.html").is_file(), (url, href)
