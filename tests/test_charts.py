"""The inline SVG charts: read back from built pages and checked against the reports' facts."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import BuiltSite, FixtureContent, build_site
from emulation_blocs.pages.charts import YearCount, count_by_year

# A bloc of three organisations; awards in 2019 and 2021, none stated for 2020.
CHART_PROVINCE = """
id: bieu-do
name: Biểu Đồ
blocs:
  - id: khoi-a
    kind: khoi
    name: Khối thi đua A
organisations:
  - {id: hoi-a, name: Hội A tỉnh, kind: chinh-tri-xa-hoi}
  - {id: hoi-b, name: Hội B tỉnh, kind: chinh-tri-xa-hoi}
  - {id: hoi-c, name: Hội C tỉnh, kind: chinh-tri-xa-hoi}
  - {id: hoi-d, name: Hội D tỉnh, kind: chinh-tri-xa-hoi}
"""


def chart_report(day: str, year: int, leader: str, deputy: str, awards: str) -> str:
    return f"""
    ---
    title: "Khối A tổng kết năm {year}"
    date: {day}
    author: Phóng viên
    source: {{paper: Báo Biểu Đồ}}
    province: Biểu Đồ
    bloc: Khối thi đua A
    conference: {{kinds: [tong-ket], date: {day}, year_reviewed: {year}}}
    leadership:
      - {{year: {year}, leader: {leader}, deputy: {deputy}}}
    awards:
    {awards}
    ---
    Nội dung.
    """


@pytest.fixture(scope="module")
def chart_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("charts")
    fixture_content = FixtureContent(root / "content")
    fixture_content.province("bieu-do", CHART_PROVINCE)
    fixture_content.article("a/2019-12-20.md", chart_report(
        "2019-12-20", 2019, "Hội A tỉnh", "Hội B tỉnh",
        "  - {type: co-thi-dua-tinh, authority: UBND tỉnh, year: 2019, status: da-tang, "
        "recipients: [Hội A tỉnh, Hội B tỉnh], as_written: tặng}"))
    fixture_content.article("a/2021-12-20.md", chart_report(
        "2021-12-20", 2021, "Hội B tỉnh", "Hội C tỉnh",
        "  - {type: bang-khen-tinh, authority: Chủ tịch UBND tỉnh, year: 2021, status: de-nghi, "
        "recipients: [Hội C tỉnh], as_written: đề nghị}\n"
        "      - {type: giay-khen, authority: UBND tỉnh, year: 2021, status: de-nghi, count: 3, "
        "as_written: ba đơn vị}"))
    return build_site(fixture_content.root, root / "output", BLOCS_SEARCH_INDEX=False)


def _figure(soup: BeautifulSoup, chart_id: str) -> tuple[Tag, str]:
    svg = soup.find("svg", attrs={"aria-labelledby": f"{chart_id}-title"})
    assert svg is not None, chart_id
    caption = soup.find(id=svg["aria-describedby"])
    assert caption is not None and caption.name == "figcaption"
    return svg, " ".join(caption.get_text().split())


def _bars(svg: Tag) -> list[tuple[float, float]]:
    return [(float(rect["x"]), float(rect["height"])) for rect in svg.find_all("rect")
            if rect.get("height") and rect.find_parent("pattern") is None and float(rect["width"]) > 14]


def test_count_by_year_fills_gaps_with_zero() -> None:
    counts = count_by_year([(2021, "de-nghi", 1), (2019, "da-tang", 2), (2021, "de-nghi", 3)])
    assert counts == [YearCount(2019, 2, 0), YearCount(2020, 0, 0), YearCount(2021, 0, 4)]
    assert count_by_year([]) == []


def test_bloc_awards_chart_counts_each_unit_honoured(chart_site: BuiltSite) -> None:
    svg, text = _figure(chart_site.page("khoi/bieu-do/khoi-a.html"), "khen-thuong-khoi-a")
    assert svg.find("title").get_text() == ("Số lượt khen thưởng đã tặng và đề nghị (tính riêng) theo năm thành tích "
                                                 "của Khối thi đua A")
    # 2019: two named recipients, conferred; 2020: nothing stated; 2021: one named + three counted, proposed.
    assert text == ("Năm 2019: 2 lượt đã tặng, 0 lượt đề nghị (đề nghị chưa phải là khen thưởng). "
                    "Năm 2020: các bài không nêu khen thưởng. "
                    "Năm 2021: 0 lượt đã tặng, 4 lượt đề nghị (đề nghị chưa phải là khen thưởng).")
    labels = [label.get_text() for label in svg.find_all("text")]
    assert [label for label in labels if label.startswith("20")] == ["2019", "2020", "2021"]
    bars = _bars(svg)
    assert len(bars) == 2  # no bar for the empty year
    (x2019, conferred), (x2021, proposed) = bars
    assert x2019 < x2021
    # Heights are proportional to the counts (the proposed bar is drawn 2 units inside its outline).
    assert proposed + 2 == pytest.approx(2 * conferred)


def test_leader_timeline_lists_every_year_with_both_roles(chart_site: BuiltSite) -> None:
    svg, text = _figure(chart_site.page("khoi/bieu-do/khoi-a.html"), "luan-phien-khoi-a")
    assert text == ("Năm 2019: Khối trưởng: Hội A tỉnh; Khối phó: Hội B tỉnh. "
                    "Năm 2020: Khối trưởng: chưa rõ; Khối phó: chưa rõ. "
                    "Năm 2021: Khối trưởng: Hội B tỉnh; Khối phó: Hội C tỉnh.")
    circles = svg.find_all("circle")
    assert len(circles) == 3
    # A year without a known leader is an empty mark; two leaders, two colours.
    assert circles[1]["fill"] == "#ffffff"
    assert circles[0]["fill"] != circles[2]["fill"]
    drawn = " ".join(label.get_text() for label in svg.find_all("text"))
    assert "Khối trưởng: Hội A tỉnh" in drawn and "Khối phó: Hội C tỉnh" in drawn


def test_organisation_chart_counts_its_own_awards(chart_site: BuiltSite) -> None:
    _svg, text = _figure(chart_site.page("to-chuc/bieu-do/hoi-b.html"), "khen-thuong-hoi-b")
    assert text == "Năm 2019: 1 lượt đã tặng, 0 lượt đề nghị (đề nghị chưa phải là khen thưởng)."
    page = chart_site.page("to-chuc/bieu-do/hoi-c.html")
    _svg, text = _figure(page, "khen-thuong-hoi-c")
    assert text == "Năm 2021: 0 lượt đã tặng, 1 lượt đề nghị (đề nghị chưa phải là khen thưởng)."


def test_no_chart_without_facts(site: BuiltSite) -> None:
    """An organisation whose reports state no award has no chart, only the sentence saying so."""
    soup = site.page("to-chuc/tay-ninh/hoi-cuu-giao-chuc.html")
    assert soup.find("svg") is None
    assert "Các bài chưa nêu khen thưởng cho tổ chức này." in soup.get_text()


def test_real_bloc_timeline_matches_its_report(site: BuiltSite) -> None:
    """Bắc Kạn's 2020 report: Hội LHPN led 2020 with LĐLĐ as deputy; LĐLĐ leads 2021 with the
    Youth Union as deputy."""
    _svg, text = _figure(site.page("khoi/bac-kan/mttq-va-cac-doan-the.html"), "luan-phien-mttq-va-cac-doan-the")
    assert text == ("Năm 2020: Khối trưởng: Hội Liên hiệp Phụ nữ tỉnh; Khối phó: Liên đoàn Lao động tỉnh. "
                    "Năm 2021: Khối trưởng: Liên đoàn Lao động tỉnh; "
                    "Khối phó: Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh.")
