"""The open data per year and per bloc, read back and compared with data/blocs.json and with
the pages people read; the catalogue data/index.json; links from the pages to the data."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import jsonschema
import pytest
from archive_helpers import build_site, hrefs, page, resolve

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = jsonschema.Draft202012Validator(
    json.loads((ROOT / "docs" / "blocs.schema.json").read_text(encoding="utf-8")))

BOM = b"\xef\xbb\xbf"
MEMBERSHIP = ["year", "province_id", "province", "bloc_id", "bloc", "organisation_id", "organisation",
              "list_complete", "stated_count", "sources", "page"]
LEADERSHIP = ["year", "province_id", "province", "bloc_id", "bloc", "role", "role_label", "organisation_id",
              "organisation", "chosen", "chosen_label", "decision", "sources", "page"]
AWARDS = ["year", "province_id", "province", "bloc_id", "bloc", "type", "type_name", "authority",
          "authority_name", "status", "status_label", "recipient_kind", "recipient_ids", "recipients", "people",
          "count", "remaining_members", "as_written", "decision", "sources", "page"]
HANDOVERS = ["year", "province_id", "province", "bloc_id", "bloc", "role", "role_label", "from_id", "from", "to_id",
             "to", "items", "sources", "page"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("data") / "output")


def read_json(site: Path, url: str) -> dict:
    return json.loads((site / url).read_text(encoding="utf-8"))


def read_csv(site: Path, url: str) -> tuple[list[str], list[dict[str, str]]]:
    raw = (site / url).read_bytes()
    assert raw.startswith(BOM), "CSV without a byte-order mark: spreadsheets would garble the diacritics"
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "rows must end with CRLF"
    reader = csv.DictReader(io.StringIO(raw[len(BOM):].decode("utf-8"), newline=""))
    return list(reader.fieldnames or []), list(reader)


def test_year_json_is_blocs_json_narrowed_to_the_year(site: Path) -> None:
    whole = {bloc["id"]: bloc for bloc in read_json(site, "data/blocs.json")["blocs"]}
    years = sorted({year["year"] for bloc in whole.values() for year in bloc["years"]})
    assert years == [2018, 2019, 2020, 2021, 2023, 2024]
    for number in years:
        document = read_json(site, f"data/nam/{number}.json")
        SCHEMA.validate(document)
        assert document["schema_version"] == 2
        assert document["scope"] == {"kind": "year", "year": number}
        expected = [{**bloc, "years": [year for year in bloc["years"] if year["year"] == number]}
                    for bloc in whole.values() if any(year["year"] == number for year in bloc["years"])]
        assert document["blocs"] == expected


def test_bloc_json_is_the_bloc_of_blocs_json(site: Path) -> None:
    whole = read_json(site, "data/blocs.json")["blocs"]
    for bloc in whole:
        document = read_json(site, f"data/khoi/{bloc['id']}.json")
        SCHEMA.validate(document)
        assert document["scope"] == {"kind": "bloc", "bloc": bloc["id"]}
        assert document["blocs"] == [bloc]


def test_csv_files_have_documented_columns_and_read_back_into_the_json(site: Path) -> None:
    for number in (2018, 2019, 2020, 2021, 2023, 2024):
        blocs = read_json(site, f"data/nam/{number}.json")["blocs"]
        columns, members = read_csv(site, f"data/nam/{number}/thanh-vien.csv")
        assert columns == MEMBERSHIP
        assert [(row["bloc_id"], row["organisation_id"]) for row in members] == [
            (bloc["id"], organisation["id"]) for bloc in blocs for year in bloc["years"]
            for organisation in year["members"]["organisations"]]
        columns, leaders = read_csv(site, f"data/nam/{number}/khoi-truong.csv")
        assert columns == LEADERSHIP
        assert [(row["bloc_id"], row["role"], row["organisation_id"]) for row in leaders] == [
            (bloc["id"], role, holder["id"]) for bloc in blocs for year in bloc["years"]
            for role, holders in (("truong-khoi", [year["leader"]] if year["leader"] else []),
                                  ("pho-khoi", year["deputies"]))
            for holder in holders]
        columns, handovers = read_csv(site, f"data/nam/{number}/ban-giao.csv")
        assert columns == HANDOVERS
        assert [(row["bloc_id"], row["from_id"], row["to_id"]) for row in handovers] == [
            (bloc["id"], handover["from"] or "", handover["to"]) for bloc in blocs for year in bloc["years"]
            for handover in year["handovers"]]
        columns, awards = read_csv(site, f"data/nam/{number}/khen-thuong.csv")
        assert columns == AWARDS
        assert [(row["bloc_id"], row["type"], row["status"], row["recipient_ids"]) for row in awards] == [
            (bloc["id"], award["type"], award["status"], "; ".join(award["recipients"]))
            for bloc in blocs for year in bloc["years"] for award in year["awards"]]


def test_names_with_commas_survive_the_csv(site: Path) -> None:
    _columns, awards = read_csv(site, "data/nam/2023/khen-thuong.csv")
    government = next(row for row in awards if row["type"] == "co-thi-dua-chinh-phu")
    assert government["recipients"] == "Hội Người khuyết tật, Nạn nhân da cam và Bảo trợ quyền trẻ em tỉnh"
    assert government["status_label"] == "Đề nghị"
    assert government["sources"] == "tin/2024/2024-01-09-khoi-cac-to-chuc-chinh-tri-xa-hoi-tong-ket-2023.html"


def _province_year_rows(site: Path, url: str) -> tuple[set, set]:
    """From the pages of a year's provinces, as the year page links to them: the leaders
    shown, (bloc-year page, role, organisation), and the awards, (bloc-year page, recipients)."""
    leaders, awards = set(), set()
    year_page = page(site, url)
    for link in year_page.select_one("#theo-tinh ~ .table-wrap").select("tbody th a:first-child"):
        province_url = resolve(url, link["href"])
        province_page = page(site, province_url)
        for section in province_page.select("section[aria-labelledby^=khoi-]"):
            bloc_page = resolve(province_url, section.h2.a["href"])
            for cell, role in zip(section.select("dl.roles dd")[:2], ("truong-khoi", "pho-khoi"), strict=True):
                if cell.a:
                    leaders.add((bloc_page, role, cell.a.get_text()))
            awards |= {(bloc_page, "; ".join(recipient.get_text() for recipient in row.select("td.cell-recipients a")))
                       for row in section.select("table.stacked tbody tr")}
    return leaders, awards


def test_csv_rows_match_the_pages(site: Path) -> None:
    """Each leadership row is what the pages of the year's provinces show; each membership row
    is on the bloc-year page it names; each award row is on its province's page of the year, and
    the year page counts it under its type and status."""
    for number in (2018, 2019, 2020, 2021, 2023):
        url = f"nam/{number}.html"
        year_page = page(site, url)
        leaders_shown, awards_shown = _province_year_rows(site, url)
        _columns, leaders = read_csv(site, f"data/nam/{number}/khoi-truong.csv")
        assert leaders_shown == {(row["page"], row["role"], row["organisation"]) for row in leaders}
        _columns, awards = read_csv(site, f"data/nam/{number}/khen-thuong.csv")
        for row in awards:
            assert (row["page"], row["recipients"]) in awards_shown
            same = [other for other in awards if (other["type"], other["status"]) == (row["type"], row["status"])]
            assert year_page.find(id=f"khen-{row['type']}-{row['status']}").get_text() == str(len(same))
        _columns, members = read_csv(site, f"data/nam/{number}/thanh-vien.csv")
        for row in members:
            bloc_year = page(site, row["page"])
            listed = [link.get_text() for link in bloc_year.select("ul.members > li > a:first-child")]
            assert row["organisation"] in listed


def test_catalogue_lists_every_data_file_with_its_checksum(site: Path) -> None:
    catalogue = read_json(site, "data/index.json")
    assert catalogue["schema_version"] == 2
    listed = {entry["url"]: entry for entry in catalogue["files"]}
    on_disk = {path.relative_to(site).as_posix() for path in (site / "data").rglob("*") if path.is_file()}
    assert set(listed) == on_disk - {"data/index.json"}
    for url, entry in listed.items():
        content = (site / url).read_bytes()
        assert entry["bytes"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
        assert entry["format"] == url.rsplit(".", 1)[1]
    years = {year["year"]: year for year in catalogue["years"]}
    assert years[2020]["data"] == ["data/nam/2020.json", "data/nam/2020/thanh-vien.csv",
                                   "data/nam/2020/khoi-truong.csv", "data/nam/2020/khen-thuong.csv",
                                   "data/nam/2020/ban-giao.csv"]
    assert years[2020]["updated"] == "2020-12-30"  # the Bắc Kạn review, the year's latest report
    for year in years.values():
        for url in year["pages"]:
            assert (site / url).is_file(), url


def test_data_files_are_linked_from_the_pages(site: Path) -> None:
    def targets(url: str) -> set[str]:
        return {resolve(url, href) for href in hrefs(page(site, url))}

    assert set(read_json(site, "data/index.json")["years"][2]["data"]) <= targets("nam/2020.html")
    bloc = "khoi/tay-ninh/khoi-ii-hoi-quan-chung.html"
    assert {"data/khoi/tay-ninh/khoi-ii-hoi-quan-chung.json",
            "data/khoi/tay-ninh/khoi-ii-hoi-quan-chung/thanh-vien.csv"} <= targets(bloc)
    data_page = targets("du-lieu.html")
    assert {"data/index.json", "data/blocs.json"} <= data_page
    listed = {entry["url"] for entry in read_json(site, "data/index.json")["files"]}
    assert listed <= data_page
    assert "du-lieu.html" in targets("index.html")
