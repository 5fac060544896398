"""Shared by the tests of year pages, open data, redirects, the offline archive and province
changes: building real sites into temporary folders, reading their pages, and a small content
fixture in two versions — before and after a bloc and an organisation were renamed and a
province id was edited — with a province merged into its successor in 2025."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import conftest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
SETTINGS = str(REPO / "pelicanconf.py")
SAMPLE_CONTENT = REPO / "content"


def build_site(output: Path, content: Path = SAMPLE_CONTENT, **overrides: object) -> Path:
    return conftest.build_site(content, output, **overrides).output


def page(output: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((output / url).read_text(encoding="utf-8"), "html.parser")


def main_text(soup: BeautifulSoup) -> str:
    return " ".join(soup.find("main").get_text(" ").split())


def hrefs(soup: BeautifulSoup, scope: object = None) -> list[str]:
    return [link["href"] for link in (scope or soup).find_all("a", href=True)]


def resolve(url: str, href: str) -> str:
    """The site path a relative link of the page at ``url`` leads to (fragment dropped)."""
    import posixpath

    path = href.split("#")[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(url), path)) if path else url


# The fixture: Hà Giang merged into Tuyên Quang on 1 July 2025. Version 1 is what was first
# published; in version 2 a bloc without an explicit id was renamed (its id came from its
# name), another bloc's id was edited, an organisation was renamed and the successor
# province's id was edited. Version 2 keeps what a rename must keep (former names and ids),
# unless ``keep_former`` is false: then the old URLs are lost.

NATIONAL = (REPO / "content" / "registry" / "national.yaml").read_text(encoding="utf-8")

PARTY_BLOC_V1 = "Khối thi đua các cơ quan Đảng tỉnh"
PARTY_BLOC_V2 = "Khối thi đua các cơ quan Đảng và đoàn thể tỉnh"
PARTY_BLOC_V1_SLUG = "khoi-thi-dua-cac-co-quan-dang-tinh"
PARTY_BLOC_V2_SLUG = "khoi-thi-dua-cac-co-quan-dang-va-doan-the-tinh"
PROPAGANDA_V1 = "Ban Tuyên giáo Tỉnh ủy"
PROPAGANDA_V2 = "Ban Tuyên giáo và Dân vận Tỉnh ủy"


def _ha_giang(version: int, keep_former: bool) -> str:
    party_bloc = PARTY_BLOC_V1 if version == 1 else PARTY_BLOC_V2
    propaganda = PROPAGANDA_V1 if version == 1 else PROPAGANDA_V2
    enterprise_id = "khoi-8" if version == 1 else "khoi-doanh-nghiep"
    renamed = version == 2 and keep_former
    return textwrap.dedent(f"""\
        id: ha-giang
        name: Hà Giang
        papers: [Báo Hà Giang]
        until: 2025-06-30
        successor: {"tuyen-quang-moi" if version == 1 else "tuyen-quang"}
        merged_by: Nghị quyết 202/2025/QH15
        blocs:
          - kind: khoi
            name: {party_bloc}
            aliases: [Khối các cơ quan Đảng]
            former_names: [{PARTY_BLOC_V1 if renamed else ""}]
          - id: {enterprise_id}
            kind: khoi
            number: "8"
            name: Khối thi đua số 8 - Doanh nghiệp
            former_ids: [{"khoi-8" if renamed else ""}]
        organisations:
          - name: {propaganda}
            aliases: [Ban Tuyên giáo]
            former_names: [{PROPAGANDA_V1 if renamed else ""}]
            kind: co-quan-dang
          - name: Ban Tổ chức Tỉnh ủy
            kind: co-quan-dang
          - name: Văn phòng Tỉnh ủy
            kind: co-quan-dang
          - name: Công ty Điện lực Hà Giang
            kind: doanh-nghiep
          - name: Công ty Xổ số kiến thiết Hà Giang
            kind: doanh-nghiep
        """)


def _tuyen_quang(version: int, keep_former: bool) -> str:
    lines = ["id: tuyen-quang-moi" if version == 1 else "id: tuyen-quang", "name: Tuyên Quang"]
    if version == 2 and keep_former:
        lines.append("former_ids: [tuyen-quang-moi]")
    return "\n".join([*lines, "blocs: []", "organisations: []", ""])


PARTY_REPORT = """\
---
title: Khối thi đua các cơ quan Đảng tỉnh Hà Giang tổng kết năm 2024
date: 2024-12-27
author: Phóng viên
source:
  paper: Báo Hà Giang
province: Hà Giang
bloc: Khối thi đua các cơ quan Đảng tỉnh
conference:
  kinds: [tong-ket]
  date: 2024-12-26
  year_reviewed: 2024
members:
  list: [Ban Tuyên giáo Tỉnh ủy, Ban Tổ chức Tỉnh ủy, Văn phòng Tỉnh ủy]
  complete: true
leadership:
  - year: 2024
    leader: Ban Tuyên giáo Tỉnh ủy
    deputy: Ban Tổ chức Tỉnh ủy
    chosen: luan-phien
awards:
  - type: bang-khen-tinh
    authority: Chủ tịch UBND tỉnh
    recipients: [Văn phòng Tỉnh ủy]
    year: 2024
    status: de-nghi
    as_written: "đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho Văn phòng Tỉnh ủy"
---
Bài tổng kết năm 2024 của khối (nội dung dựng cho kiểm thử).
"""

ENTERPRISE_REPORT = """\
---
title: Khối thi đua số 8 tỉnh Hà Giang tổng kết năm 2023
date: 2024-01-12
author: Phóng viên
source:
  paper: Báo Hà Giang
province: Hà Giang
bloc: Khối thi đua số 8 - Doanh nghiệp
conference:
  kinds: [tong-ket]
  date: 2024-01-11
  year_reviewed: 2023
members:
  list: [Công ty Điện lực Hà Giang, Công ty Xổ số kiến thiết Hà Giang]
  complete: true
leadership:
  - year: 2023
    leader: Công ty Điện lực Hà Giang
    chosen: bau
---
Bài tổng kết năm 2023 của khối (nội dung dựng cho kiểm thử).
"""


def write_fixture(root: Path, version: int = 1, keep_former: bool = True) -> Path:
    """The fixture's content folder under ``root`` (replaced if it exists)."""
    content = root / f"content-v{version}{'' if keep_former else '-lost'}"
    shutil.rmtree(content, ignore_errors=True)
    registry = content / "registry" / "provinces"
    registry.mkdir(parents=True)
    (content / "registry" / "national.yaml").write_text(NATIONAL, encoding="utf-8")
    (registry / "ha-giang.yaml").write_text(_ha_giang(version, keep_former), encoding="utf-8")
    (registry / "tuyen-quang.yaml").write_text(_tuyen_quang(version, keep_former), encoding="utf-8")
    articles = content / "articles" / "ha-giang"
    (articles / "2024").mkdir(parents=True)
    for name, text in (("2024-12-27-khoi-cac-co-quan-dang-tong-ket-2024.md", PARTY_REPORT),
                       ("2024-01-12-khoi-8-tong-ket-2023.md", ENTERPRISE_REPORT)):
        (articles / "2024" / name).write_text(text, encoding="utf-8")
    return content

