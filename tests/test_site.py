"""The real site built from content/: each seed report's facts on the right pages."""

from __future__ import annotations

import json

import jsonschema
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, BuiltSite

S000 = "tin/2020/2020-01-21-khoi-ii-hoi-quan-chung-tong-ket-2019.html"
S001 = "tin/2020/2020-07-31-khoi-cac-hoi-dac-thu-so-ket-6-thang-2020.html"
S002 = "tin/2024/2024-01-09-khoi-cac-to-chuc-chinh-tri-xa-hoi-tong-ket-2023.html"
S003 = "tin/2020/2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.html"
S004 = "tin/2018/2018-12-20-khoi-mttq-cac-to-chuc-chinh-tri-xa-hoi-tong-ket-2018.html"

TAY_NINH = "khoi/tay-ninh/khoi-ii-hoi-quan-chung"
QUANG_BINH = "khoi/quang-binh/cac-hoi-dac-thu"
QUANG_TRI = "khoi/quang-tri/cac-to-chuc-chinh-tri-xa-hoi-xa-hoi-nghe-nghiep"
BAC_KAN = "khoi/bac-kan/mttq-va-cac-doan-the"
QUANG_NINH = "khoi/quang-ninh/mttq-va-cac-to-chuc-chinh-tri-xa-hoi"


def text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def source_pages(site: BuiltSite, page: str, element: Tag) -> set[str]:
    """The articles that the [nguồn] links inside ``element`` point to, relative to output."""
    return {
        site.resolve(page, link["href"]).relative_to(site.output.resolve()).as_posix()
        for link in element.select(".sources a")
    }


def roles(site: BuiltSite, page: str) -> dict[str, tuple[str, set[str]]]:
    """{"Khối trưởng": (organisation, {source pages}), "Khối phó": …} of a bloc-year page."""
    soup = site.page(page)
    found = {}
    for term in soup.select("dl.roles dt"):
        description = term.find_next_sibling("dd")
        link = description.find("a")
        found[text(term)] = (text(link) if link else "", source_pages(site, page, description))
    return found


def members(soup: BeautifulSoup) -> list[str]:
    return [text(item.find("a")) for item in soup.select("ul.members li")]


def award_rows(soup: BeautifulSoup) -> list[dict[str, str]]:
    rows = []
    for table in soup.select("table"):
        headers = [text(th) for th in table.select("thead th")]
        if "Hình thức" not in headers:
            continue
        for row in table.select("tbody tr"):
            rows.append(dict(zip(headers, [text(cell) for cell in row.find_all(["td", "th"])], strict=True)))
    return rows


def test_blocs_page_groups_every_bloc_under_its_province(site: BuiltSite) -> None:
    soup = site.page("khoi/index.html")
    grouped = {
        text(section.find("h2")): [text(link) for link in section.select("li > a")]
        for section in soup.select("main section")
    }
    assert grouped == {
        "Bắc Kạn": ["Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh"],
        "Quảng Bình": ["Khối thi đua các hội đặc thù tỉnh"],
        "Quảng Ninh": ["Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh"],
        "Quảng Trị": ["Khối thi đua các tổ chức chính trị - xã hội, xã hội - nghề nghiệp tỉnh"],
        "Tây Ninh": ["Khối thi đua II - Hội Quần chúng tỉnh"],
    }
    for link in soup.select("main section li > a"):
        assert site.resolve("khoi/index.html", link["href"]).is_file()


def test_s000_handover_gives_the_leaders_of_2019_and_2020(site: BuiltSite) -> None:
    year_2019 = roles(site, f"{TAY_NINH}/2019.html")
    assert year_2019["Khối trưởng"] == ("Ban đại diện Hội Người cao tuổi tỉnh", {S000})
    year_2020 = roles(site, f"{TAY_NINH}/2020.html")
    assert year_2020["Khối trưởng"] == ("Hội Nạn nhân chất độc da cam tỉnh", {S000})
    assert year_2020["Khối phó"] == ("", set())


def test_s000_full_member_list_of_seven(site: BuiltSite) -> None:
    soup = site.page(f"{TAY_NINH}/2019.html")
    assert members(soup) == [
        "Ban đại diện Hội Người cao tuổi tỉnh",
        "Hội Cựu giáo chức tỉnh",
        "Hội Nạn nhân chất độc da cam tỉnh",
        "Hội Người tù kháng chiến tỉnh",
        "Hội Cựu thanh niên xung phong tỉnh",
        "Hội Nhà báo tỉnh",
        "Hội Luật gia tỉnh",
    ]
    assert "Danh sách đầy đủ: 7 tổ chức" in text(soup.find(id="thanh-vien").find_next("p"))


def test_s003_leader_and_deputy_of_2020_and_2021(site: BuiltSite) -> None:
    assert roles(site, f"{BAC_KAN}/2020.html") == {
        "Khối trưởng": ("Hội Liên hiệp Phụ nữ tỉnh", {S003}),
        "Khối phó": ("Liên đoàn Lao động tỉnh", {S003}),
    }
    assert roles(site, f"{BAC_KAN}/2021.html") == {
        "Khối trưởng": ("Liên đoàn Lao động tỉnh", {S003}),
        "Khối phó": ("Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh", {S003}),
    }


def test_s003_rotation_table_on_the_bloc_page(site: BuiltSite) -> None:
    soup = site.page(f"{BAC_KAN}.html")
    table = soup.find(id="khoi-truong").find_next("table")
    rows = [[text(cell.find("a")) for cell in row.find_all(["th", "td"])] for row in table.select("tbody tr")]
    assert rows == [
        ["2020", "Hội Liên hiệp Phụ nữ tỉnh", "Liên đoàn Lao động tỉnh"],
        ["2021", "Liên đoàn Lao động tỉnh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"],
    ]


def test_s004_awards_with_status_and_authority(site: BuiltSite) -> None:
    soup = site.page(f"{QUANG_NINH}/2018.html")
    awards = {row["Hình thức"]: row for row in award_rows(soup)}
    government = awards["Cờ thi đua của Chính phủ"]
    assert (government["Cấp khen thưởng"], government["Tình trạng"]) == ("Thủ tướng Chính phủ", "Đề nghị")
    assert government["Đơn vị"] == "Hội Liên hiệp Phụ nữ tỉnh"
    provincial = awards["Cờ thi đua của Ủy ban nhân dân tỉnh"]
    assert (provincial["Cấp khen thưởng"], provincial["Tình trạng"]) == ("Ủy ban nhân dân tỉnh", "Đề nghị")
    assert provincial["Đơn vị"] == "Liên đoàn Lao động tỉnh"
    remaining = awards["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"]
    assert remaining["Tình trạng"] == "Đề nghị"
    assert [name.strip() for name in remaining["Đơn vị"].split(";")] == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh",
        "Hội Nông dân tỉnh",
        "Hội Cựu chiến binh tỉnh (các đơn vị còn lại)",
    ]
    assert all(source_pages(site, f"{QUANG_NINH}/2018.html", row) == {S004}
               for row in soup.select("#khen-thuong ~ div table tbody tr"))


def test_s004_member_list_carries_its_note(site: BuiltSite) -> None:
    page = f"{QUANG_NINH}/2018.html"
    note = site.page(page).select_one("p.note")
    assert "suy ra từ tên khối" in text(note)
    assert source_pages(site, page, note) == {S004}


def test_s004_leader_of_2019_was_acclaimed(site: BuiltSite) -> None:
    soup = site.page(f"{QUANG_NINH}/2019.html")
    leader = soup.select_one("dl.roles dd")
    assert text(leader.find("a")) == "Hội Liên hiệp Phụ nữ tỉnh"
    assert "suy tôn" in text(leader)


def test_s002_stated_count_with_named_members_only(site: BuiltSite) -> None:
    soup = site.page(f"{QUANG_TRI}/2023.html")
    summary = text(soup.find(id="thanh-vien").find_next("p"))
    assert "Chưa có danh sách đầy đủ" in summary
    assert "16 thành viên" in summary
    assert sorted(members(soup)) == sorted([
        "Ban đại diện Hội Người cao tuổi tỉnh",
        "Hội Cựu thanh niên xung phong tỉnh",
        "Hội Người khuyết tật, Nạn nhân da cam và Bảo trợ quyền trẻ em tỉnh",
        "Hội Luật gia tỉnh",
    ])
    awards = award_rows(soup)
    assert {(row["Hình thức"], row["Cấp khen thưởng"], row["Tình trạng"]) for row in awards} == {
        ("Cờ thi đua của Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh", "Đề nghị"),
        ("Cờ thi đua của Chính phủ", "Thủ tướng Chính phủ", "Đề nghị"),
    }


def test_s001_movements_and_conferred_awards_without_names(site: BuiltSite) -> None:
    year_2020 = site.page(f"{QUANG_BINH}/2020.html")
    movements = [text(item) for item in year_2020.find(id="phong-trao").find_next("ul").find_all("li")]
    assert any(item.startswith("Phong trào «Tuổi cao gương sáng» — Hội Người cao tuổi tỉnh") for item in movements)
    assert any("2 vượt, 4 rèn, 5 phấn đấu" in item and "Hội Người mù tỉnh" in item for item in movements)
    year_2019 = site.page(f"{QUANG_BINH}/2019.html")
    awards = award_rows(year_2019)
    assert {row["Tình trạng"] for row in awards} == {"Đã tặng"}
    assert {row["Đơn vị"] for row in awards} == {"Báo không nêu tên, không nêu số đơn vị nhận"}


def test_organisation_page_lists_blocs_roles_and_awards(site: BuiltSite) -> None:
    page = "to-chuc/bac-kan/hoi-lien-hiep-phu-nu.html"
    soup = site.page(page)
    assert text(soup.find("h1")) == "Hội Liên hiệp Phụ nữ tỉnh"
    roles_list = [text(item) for item in soup.find(id="vai-tro").find_next("ul").find_all("li")]
    assert len(roles_list) == 1 and roles_list[0].startswith("Khối trưởng năm 2020")
    awards = award_rows(soup)
    assert [(row["Năm thành tích"], row["Hình thức"], row["Tình trạng"]) for row in awards] == [
        ("2020", "Cờ thi đua của Ủy ban nhân dân tỉnh", "Đề nghị")
    ]
    blocs = soup.find(id="khoi").find_next("table")
    assert [text(row.find("td")) for row in blocs.select("tbody tr")] == ["2020"]
    assert source_pages(site, page, blocs) == {S003}


def test_every_source_link_leads_to_a_report(site: BuiltSite) -> None:
    reports = {S000, S001, S002, S003, S004}
    cited_by_year_pages: set[str] = set()
    for path in sorted(site.output.rglob("*.html")):
        page = path.relative_to(site.output).as_posix()
        cited = source_pages(site, page, site.page(page))
        assert cited <= reports, f"{page} cites {cited - reports}"
        if page.startswith("khoi/") and page.count("/") == 3:
            cited_by_year_pages |= cited
    assert cited_by_year_pages == reports


def test_province_pages_link_former_and_successor(site: BuiltSite) -> None:
    former = site.page("tinh/quang-binh.html")
    notice = former.select_one("p.notice")
    assert "30/06/2025" in text(notice)
    assert site.resolve("tinh/quang-binh.html", notice.find("a")["href"]).name == "quang-tri.html"
    successor = site.page("tinh/quang-tri.html")
    links = [a["href"] for a in successor.select("p.notice a")]
    assert [site.resolve("tinh/quang-tri.html", href).name for href in links] == ["quang-binh.html"]


def test_article_page_shows_the_facts_and_links_back(site: BuiltSite) -> None:
    soup = site.page(S003)
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in soup.select("aside.facts dt")}
    assert facts["Khối"].startswith("Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh")
    assert facts["Năm được tổng kết"] == "2020 (cả năm)"
    assert facts["Ngày họp"] == "29/12/2020"
    assert facts["Khối trưởng năm 2021"].startswith("Liên đoàn Lao động tỉnh")
    assert not soup.select(".problems")


def test_blocs_json_follows_its_documented_schema(site: BuiltSite) -> None:
    schema = json.loads((ROOT / "docs" / "blocs.schema.json").read_text(encoding="utf-8"))
    document = site.data()
    jsonschema.Draft202012Validator(schema).validate(document)
    by_id = {bloc["id"]: bloc for bloc in document["blocs"]}
    year_2020 = next(year for year in by_id["bac-kan/mttq-va-cac-doan-the"]["years"] if year["year"] == 2020)
    assert (year_2020["leader"]["id"], year_2020["deputies"][0]["id"]) == ("hoi-lien-hiep-phu-nu", "lien-doan-lao-dong")
    assert year_2020["leader"]["sources"] == [S003]
    year_2018 = by_id["quang-ninh/mttq-va-cac-to-chuc-chinh-tri-xa-hoi"]["years"][0]
    assert {(award["type"], award["authority"], award["status"], tuple(award["recipients"]))
            for award in year_2018["awards"]} == {
        ("co-thi-dua-chinh-phu", "thu-tuong-chinh-phu", "de-nghi", ("hoi-lien-hiep-phu-nu",)),
        ("co-thi-dua-tinh", "ubnd-tinh", "de-nghi", ("lien-doan-lao-dong",)),
        ("bang-khen-tinh", "ubnd-tinh", "de-nghi",
         ("uy-ban-mat-tran-to-quoc-viet-nam", "doan-tncs-ho-chi-minh", "hoi-nong-dan", "hoi-cuu-chien-binh")),
    }
