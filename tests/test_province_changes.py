"""Provinces that changed in 2025: a former province's pages show its successor and the date,
the successor lists the former provinces, and no old name is rewritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from archive_helpers import build_site, page, resolve, write_fixture


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("provinces") / "output")


def change_links(site: Path, url: str) -> list[str]:
    """Where the province-change notes of a page link to."""
    soup = page(site, url)
    notes = soup.select(".province-change")
    return [resolve(url, link["href"]) for note in notes for link in note.find_all("a")]


def note_text(site: Path, url: str) -> str:
    return " ".join(page(site, url).select_one("p.province-change").get_text().split())


def test_former_province_shows_successor_and_date(site: Path) -> None:
    soup = page(site, "tinh/bac-kan.html")
    note = note_text(site, "tinh/bac-kan.html")
    assert note.startswith("Tỉnh Bắc Kạn tồn tại đến hết ngày 30/06/2025. Từ ngày 01/07/2025 "
                           "(Nghị quyết 202/2025/QH15), địa bàn thuộc tỉnh Thái Nguyên.")
    assert soup.select_one("p.province-change time")["datetime"] == "2025-06-30"
    assert change_links(site, "tinh/bac-kan.html") == ["tinh/thai-nguyen.html"]
    assert change_links(site, "tinh/quang-binh.html") == ["tinh/quang-tri.html"]


def test_successor_lists_former_provinces(site: Path) -> None:
    note = note_text(site, "tinh/thai-nguyen.html")
    assert "tỉnh Bắc Kạn (từ ngày 01/07/2025, Nghị quyết 202/2025/QH15)" in note
    assert change_links(site, "tinh/thai-nguyen.html") == ["tinh/bac-kan.html"]
    assert change_links(site, "tinh/quang-tri.html") == ["tinh/quang-binh.html"]


@pytest.mark.parametrize("url", [
    "khoi/bac-kan/mttq-va-cac-doan-the.html",
    "khoi/bac-kan/mttq-va-cac-doan-the/2020.html",
    "khoi/bac-kan/mttq-va-cac-doan-the/2021.html",
    "to-chuc/bac-kan/hoi-nong-dan.html",
    "nam/2020/bac-kan.html",
    "tin/2020/2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.html",
])
def test_every_page_of_a_former_province_points_to_its_successor(site: Path, url: str) -> None:
    assert "tinh/thai-nguyen.html" in change_links(site, url)
    assert "01/07/2025" in " ".join(note.get_text() for note in page(site, url).select(".province-change"))


@pytest.mark.parametrize("url", ["tinh/quang-ninh.html", "tinh/tay-ninh.html", "nam/2018/quang-ninh.html",
                                 "khoi/quang-ninh/mttq-va-cac-to-chuc-chinh-tri-xa-hoi.html"])
def test_unchanged_provinces_have_no_note(site: Path, url: str) -> None:
    assert page(site, url).select(".province-change") == []


def test_old_names_are_never_rewritten(site: Path) -> None:
    url = "tin/2020/2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.html"
    soup = page(site, url)
    assert soup.h1.get_text() == ("Khối thi đua MTTQ và các đoàn thể Bắc Kạn tổng kết năm 2020, "
                                  "Liên đoàn Lao động tỉnh làm Trưởng khối năm 2021")
    assert [item.get_text(strip=True) for item in soup.select(".breadcrumbs li")][1] == "Bắc Kạn"
    assert "Thái Nguyên" not in soup.select_one(".body").get_text()
    assert page(site, "tinh/bac-kan.html").h1.get_text() == "Tỉnh Bắc Kạn"
    blocs = json.loads((site / "data/blocs.json").read_text(encoding="utf-8"))["blocs"]
    bac_kan = next(bloc for bloc in blocs if bloc["id"] == "bac-kan/mttq-va-cac-doan-the")
    assert bac_kan["province"] == {"id": "bac-kan", "name": "Bắc Kạn", "kind": "tinh", "url": "tinh/bac-kan.html"}
    year_page = page(site, "nam/2020.html")
    assert year_page.select_one("#tinh-bac-kan th").get_text(" ", strip=True) == (
        "Bắc Kạn (đến 30/06/2025; từ 01/07/2025 thuộc tỉnh Thái Nguyên )")
    assert page(site, "nam/2020/bac-kan.html").h1.get_text() == "Tỉnh Bắc Kạn — kết quả thi đua năm 2020"


def test_the_date_comes_from_the_registry(tmp_path: Path) -> None:
    content = write_fixture(tmp_path, 2)
    registry = content / "registry" / "provinces" / "ha-giang.yaml"
    text = registry.read_text(encoding="utf-8").replace("until: 2025-06-30", "until: 2025-03-31")
    registry.write_text(text.replace("merged_by: Nghị quyết 202/2025/QH15\n", ""), encoding="utf-8")
    site = build_site(tmp_path / "output", content, BLOCS_STRICT=True)
    note = note_text(site, "tinh/ha-giang.html")
    assert note.startswith("Tỉnh Hà Giang tồn tại đến hết ngày 31/03/2025. Từ ngày 01/04/2025, "
                           "địa bàn thuộc tỉnh Tuyên Quang.")
    assert "tỉnh Hà Giang (từ ngày 01/04/2025)" in note_text(site, "tinh/tuyen-quang.html")
