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


def _province_rows(soup: object) -> dict[str, tuple[str, int, int, int]]:
    """The national page's table of provinces: name → (link, blocs, awards, reports)."""
    rows = {}
    for row in soup.select_one("#theo-tinh ~ .table-wrap").select("tbody tr"):
        counts = [int(cell.get_text()) for cell in row.find_all("td")]
        rows[row.th.a.get_text()] = (row.th.a["href"], *counts)
    return rows


def _leaders(site: Path, url: str) -> dict[str, tuple[str, str, str]]:
    """Every bloc of a year, from the pages of that year's provinces: bloc → (province,
    leader, deputy), as the national page links to them."""
    found = {}
    for province, (href, *_counts) in _province_rows(page(site, url)).items():
        province_page = page(site, resolve(url, href))
        for section in province_page.select("section[aria-labelledby^=khoi-]"):
            roles = [dd.a.get_text() if dd.a else "" for dd in section.select("dl.roles dd")[:2]]
            found[section.h2.get_text(strip=True)] = (province, *roles)
    return found


def test_year_pages_give_leaders_and_deputies_of_every_bloc(site: Path) -> None:
    assert _leaders(site, "nam/2020.html") == {
        "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh": ("Bắc Kạn", "Hội Liên hiệp Phụ nữ tỉnh",
                                                              "Liên đoàn Lao động tỉnh"),
        "Khối thi đua các hội đặc thù tỉnh": ("Quảng Bình", "", ""),
        # Handed over at the review of 2019 (January 2020).
        "Khối thi đua II - Hội Quần chúng tỉnh": ("Tây Ninh", "Hội Nạn nhân chất độc da cam tỉnh", ""),
    }
    assert _leaders(site, "nam/2021.html") == {
        "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh": ("Bắc Kạn", "Liên đoàn Lao động tỉnh",
                                                              "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"),
    }


def test_national_year_page_counts_per_province_and_holds_no_rows(site: Path) -> None:
    """The country's page of a year says how much each province has and links to the
    province's page, which has the rows: no bloc's leaders, no award's recipients."""
    soup = page(site, "nam/2020.html")
    rows = _province_rows(soup)
    assert {name: counts for name, (_href, *counts) in rows.items()} == {
        "Bắc Kạn": [1, 2, 1], "Quảng Bình": [1, 0, 1], "Tây Ninh": [1, 0, 1]}
    for name, (href, blocs, awards, reports) in rows.items():
        province_page = page(site, resolve("nam/2020.html", href))
        assert province_page.h1.get_text() == f"Tỉnh {name} — kết quả thi đua năm 2020"
        assert len(province_page.select("section[aria-labelledby^=khoi-]")) == blocs
        assert len(province_page.select("table.stacked tbody tr")) == awards
        assert len(province_page.select("#tin-bai + ul > li")) == reports
    targets = {resolve("nam/2020.html", href) for href in hrefs(soup, soup.main)}
    assert not {target for target in targets if target.startswith(("khoi/", "to-chuc/", "tin/"))}
    assert soup.select("table.stacked") == []


def test_awards_are_counted_by_type_then_status_with_anchors(site: Path) -> None:
    soup = page(site, "nam/2019.html")
    # Quảng Bình: the provincial flag and certificate of merit for 2019, conferred in July 2020.
    flag = soup.select_one("#khen-co-thi-dua-tinh")
    assert [cell.get_text() for cell in flag.find_all(["th", "td"])] == ["Cờ thi đua của Ủy ban nhân dân tỉnh",
                                                                         "0", "1", "1"]
    assert soup.select_one("#khen-co-thi-dua-tinh-da-tang") is not None
    assert soup.select_one("#khen-co-thi-dua-tinh-de-nghi") is None
    headers = [cell.get_text() for cell in soup.select("#khen-thuong ~ .table-wrap thead th")]
    assert headers == ["Hình thức", "Đề nghị", "Đã tặng", "Số tỉnh"]
    soup = page(site, "nam/2018.html")
    # Quảng Ninh 2018: a government flag, a provincial flag and certificates for the others.
    assert [row.th.get_text() for row in soup.select("#khen-thuong ~ .table-wrap tbody tr")] == [
        "Cờ thi đua của Chính phủ", "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"]
    assert soup.select_one("#khen-bang-khen-tinh-de-nghi").get_text() == "1"
    province_page = page(site, "nam/2018/quang-ninh.html")
    certificates = [row for row in province_page.select("table.stacked tbody tr")
                    if row.td.get_text() == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"]
    names = [link.get_text() for link in certificates[0].select("td.cell-recipients a")]
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
        rows = soup.select_one("#theo-tinh ~ .table-wrap").select("tbody tr")
        provinces = {f"#tinh-{row.th.a['href'].split('/')[-1].removesuffix('.html')}" for row in rows}
        assert rows and provinces <= ids


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
