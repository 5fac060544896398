"""What real reports say and the model holds (tests/model_cases/, a fictional city laid over
the real registry and articles): a cụm of wards in a centrally-run city, a pact signing that
reviews nothing, a handover whose giver is not named, a report with neither byline nor date,
awards not fully known, movements of several kinds, several deputies, an unnamed deputy, a
ranking, and a draft whose province is not known. Built once by a production build, which
stops on any problem, and read back from the pages, the data and the feeds."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from authoring_helpers import make_site, run_cli
from bs4 import BeautifulSoup
from emulation_blocs.commands.build import build

CASES = Path(__file__).resolve().parent / "model_cases" / "content"
BLOC = "khoi/tp-thu-nghiem/cum-3-cac-phuong"
PACT = "tin/2025/2025-03-21-cum-3-ky-ket-giao-uoc-2025.html"
HANDOVER = "tin/2026/2026-01-10-cum-3-ban-giao-2026.html"
UNDATED = "tin/2026/cum-3-so-ket-khong-ro-ngay.html"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = make_site(tmp_path_factory.mktemp("model-cases"), CASES, articles=True)
    return build(str(site.publish_settings), str(site.output))


def page(output: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((output / url).read_text(encoding="utf-8"), "html.parser")


def words(element: object) -> str:
    return " ".join(element.get_text(" ", strip=True).split())  # type: ignore[attr-defined]


def plain(element: object) -> str:
    """The text as read, spaces collapsed (no space added between inline elements)."""
    return " ".join(element.get_text().split())  # type: ignore[attr-defined]


def facts(soup: BeautifulSoup) -> dict[str, list[str]]:
    """The article's "Thông tin hội nghị" box: each label with its values (a label may repeat)."""
    found: dict[str, list[str]] = {}
    for term in soup.select("aside.facts dt"):
        found.setdefault(words(term), []).append(words(term.find_next_sibling("dd")))
    return found


def bloc_years(output: Path) -> dict[int, dict]:
    document = json.loads((output / "data/blocs.json").read_text(encoding="utf-8"))
    bloc = next(entry for entry in document["blocs"] if entry["id"] == "tp-thu-nghiem/cum-3-cac-phuong")
    return {year["year"]: year for year in bloc["years"]}


def award_rows(soup: BeautifulSoup) -> list[dict[str, str]]:
    table = soup.find(id="khen-thuong").find_next("table")
    headers = [words(cell) for cell in table.select("thead th")]
    return [dict(zip(headers, [words(cell) for cell in row.find_all("td")], strict=True))
            for row in table.select("tbody tr")]


def test_a_cum_of_wards_in_a_centrally_run_city_is_named_as_such(output: Path) -> None:
    year = page(output, f"{BLOC}/2025.html")
    main = words(year.find("main"))
    assert [words(term) for term in year.select("dl.roles dt")] == ["Cụm trưởng", "Cụm phó"]
    assert words(year.find(id="khoi-truong")) == "Cụm trưởng, Cụm phó"
    assert "bài ghi cụm có 4 thành viên" in main
    bloc = page(output, f"{BLOC}.html")
    for text in (main, words(bloc.find("main"))):
        assert "Khối trưởng" not in text and "Khối phó" not in text
    assert [words(cell) for cell in bloc.select_one("#khoi-truong ~ .table-wrap").select("thead th")] == [
        "Năm", "Cụm trưởng", "Cụm phó"]
    assert words(page(output, "tinh/tp-thu-nghiem.html").find("h1")) == "Thành phố Thử Nghiệm"
    flag = next(row for row in award_rows(year) if row["Hình thức"].startswith("Cờ thi đua"))
    assert flag["Hình thức"] == "Cờ thi đua của Ủy ban nhân dân Thành phố"
    assert flag["Cấp khen thưởng"] == "Ủy ban nhân dân Thành phố"
    data = bloc_years(output)[2025]
    city_flag = next(award for award in data["awards"] if award["type"] == "co-thi-dua-tinh")
    assert (city_flag["type_name"], city_flag["authority_name"]) == (
        "Cờ thi đua của Ủy ban nhân dân Thành phố", "Ủy ban nhân dân Thành phố")
    document = json.loads((output / "data/blocs.json").read_text(encoding="utf-8"))
    provinces = {entry["province"]["id"]: entry["province"]["kind"] for entry in document["blocs"]}
    assert provinces["tp-thu-nghiem"] == "thanh-pho" and provinces["bac-kan"] == "tinh"
    feed = (output / "feeds/tinh/tp-thu-nghiem.atom.xml").read_text(encoding="utf-8")
    assert "<title>Thi đua khối, cụm - Thành phố Thử Nghiệm</title>" in feed


def test_a_pact_signing_says_no_year_was_reviewed(output: Path) -> None:
    shown = facts(page(output, PACT))
    assert "Năm được tổng kết" not in shown
    assert shown["Hội nghị cho năm"] == ["2025 (không tổng kết năm nào)"]
    assert shown["Giao ước thi đua"] == ["Ký kết giao ước năm 2025"]
    conference = next(entry for entry in bloc_years(output)[2025]["conferences"] if entry["report"] == PACT)
    assert conference == {"report": PACT, "kinds": ["ky-ket-giao-uoc"], "date": "2025-03-21", "date_precision": "day",
                          "year": 2025, "year_reviewed": None, "period": None, "published": "2025-03-22",
                          "author": "Phóng viên Thử Nghiệm"}
    assert bloc_years(output)[2025]["pact_signed_at"] == [PACT]


def test_a_handover_without_its_giver_is_kept_beside_the_chosen_leader(output: Path) -> None:
    year = page(output, f"{BLOC}/2026.html")
    handovers = [plain(item) for item in year.select("ul.handovers li")]
    assert handovers == ["Phường Hai nhận bàn giao vai trò Cụm trưởng năm 2026 (bài không nêu đơn vị bàn giao); "
                         "bàn giao: Cờ luân lưu, hồ sơ của cụm [nguồn]"]
    # The report says the leader was elected, and that it received the role: both are shown.
    assert words(year.select("dl.roles dd")[0]) == "Phường Hai (bầu) [nguồn]"
    assert [plain(item) for item in page(output, f"{BLOC}.html").select("ul.handovers li")] == handovers
    organisation = [plain(item) for item in page(output, "to-chuc/tp-thu-nghiem/phuong-hai.html")
                    .select("ul.handovers li")]
    assert organisation == [handovers[0].replace(" [nguồn]", " — Cụm thi đua số 3 - các phường [nguồn]")]
    article = facts(page(output, HANDOVER))
    assert article["Cụm trưởng năm 2026"] == ["Phường Hai (bầu)"]
    assert [plain(item) for item in page(output, HANDOVER).select("aside.facts dd")
            if item.find_previous_sibling("dt").get_text() == "Bàn giao"] == [handovers[0].removesuffix(" [nguồn]")]
    assert article["Ngày họp"] == ["không muộn hơn ngày 09/01/2026"]
    assert bloc_years(output)[2026]["handovers"] == [{
        "year": 2026, "role": "truong-khoi", "from": None, "to": "phuong-hai",
        "items": ["Cờ luân lưu", "hồ sơ của cụm"], "sources": [HANDOVER]}]
    raw = (output / f"data/{BLOC}/ban-giao.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert [(row["from_id"], row["to_id"], row["role_label"], row["items"]) for row in rows] == [
        ("", "phuong-hai", "Cụm trưởng", "Cờ luân lưu; hồ sơ của cụm")]


def test_a_report_without_byline_or_date_says_so_and_invents_neither(output: Path) -> None:
    soup = page(output, UNDATED)
    meta = soup.find("p", class_="meta")
    assert words(meta).startswith("Không rõ ngày đăng · không rõ tác giả · Nguồn: Báo Thử Nghiệm")
    assert meta.find("time") is None
    assert facts(soup)["Ngày họp"] == ["tháng 7/2026"]
    assert soup.select_one("aside.facts time")["datetime"] == "2026-07"
    linked = json.loads(soup.find("script", type="application/ld+json").string)
    assert "datePublished" not in linked and "author" not in linked
    conference = next(entry for entry in bloc_years(output)[2026]["conferences"] if entry["report"] == UNDATED)
    assert (conference["published"], conference["author"], conference["date"], conference["date_precision"]) == (
        None, None, "2026-07", "month")
    listed = [words(item) for item in page(output, f"{BLOC}.html").select("#tin-bai ~ ul li")]
    assert any(item.startswith("Cụm thi đua số 3 sơ kết 6 tháng đầu năm 2026 không rõ ngày đăng") for item in listed)
    # Feeds list it at the last day its meeting can have been held (31 July 2026), so it comes
    # first, before the handover report published in January 2026; no author is made up.
    feed = (output / "feeds/khoi/tp-thu-nghiem/cum-3-cac-phuong.atom.xml").read_text(encoding="utf-8")
    titles = re.findall(r"<entry><title>(.*?)</title>", feed)
    assert titles[:2] == ["Cụm thi đua số 3 sơ kết 6 tháng đầu năm 2026",
                          "Cụm thi đua số 3 nhận bàn giao Cụm trưởng năm 2026"]
    assert "Ban biên tập" not in feed
    assert "Ban biên tập" not in (output / UNDATED).read_text(encoding="utf-8")


def test_awards_not_fully_known(output: Path) -> None:
    rows = {row["Báo viết"].removesuffix(" [nguồn]"): row for row in award_rows(page(output, f"{BLOC}/2025.html"))}
    unknown = rows["trao khen thưởng cho các tập thể xuất sắc"]
    assert (unknown["Hình thức"], unknown["Cấp khen thưởng"], unknown["Đơn vị"]) == (
        "Không rõ hình thức", "Không rõ cấp khen", "Báo không nêu tên, không nêu số đơn vị nhận")
    assert rows["đề nghị tặng Bằng khen cho 2 tập thể"]["Đơn vị"] == "2 đơn vị (báo không nêu tên)"
    ministry = rows["một cán bộ Phường Ba nhận Bằng khen của Bộ"]
    assert ministry["Hình thức"] == "Bằng khen của bộ, ngành, đoàn thể Trung ương"
    assert ministry["Đơn vị"] == "Cá nhân: Nguyễn Văn Thử — Phường Ba"
    data = {award["as_written"]: award for award in bloc_years(output)[2025]["awards"]}
    assert data["trao khen thưởng cho các tập thể xuất sắc"] | {"sources": []} == {
        "type": None, "type_name": None, "authority": None, "authority_name": None, "recipient_kind": "tap-the",
        "people": [], "status": "da-tang", "year": 2025, "recipients": [], "count": None,
        "remaining_members": False, "as_written": "trao khen thưởng cho các tập thể xuất sắc", "decision": None,
        "sources": []}
    assert (data["một cán bộ Phường Ba nhận Bằng khen của Bộ"]["recipient_kind"],
            data["một cán bộ Phường Ba nhận Bằng khen của Bộ"]["people"]) == ("ca-nhan", ["Nguyễn Văn Thử"])
    year = page(output, "nam/2025.html")
    assert "Không rõ hình thức" in [words(link) for link in year.select("a[href='#khen-khong-ro']")]


def test_movements_of_every_kind_and_owner(output: Path) -> None:
    shown = [words(item).removesuffix(" [nguồn]") for item in
             page(output, f"{BLOC}/2025.html").find(id="phong-trao").find_next("ul").find_all("li")]
    assert shown == ["Mô hình «Phường xanh, sạch» — Phường Bốn", "Chủ đề thi đua «Dân vận khéo» — của cụm",
                     "Cuộc vận động «Toàn dân đoàn kết xây dựng đời sống văn hóa» — toàn quốc",
                     "Quỹ «Vì người nghèo» — chung của Thành phố Thử Nghiệm"]
    data = [(entry["kind"], entry["scope"], entry["organisation"]) for entry in bloc_years(output)[2025]["movements"]]
    assert data == [("mo-hinh", "to-chuc", "phuong-bon"), ("chu-de", "khoi", None),
                    ("cuoc-van-dong", "toan-quoc", None), ("quy", "tinh", None)]


def test_several_deputies_an_unnamed_one_a_decision_and_a_ranking(output: Path) -> None:
    year_2025 = page(output, f"{BLOC}/2025.html")
    assert words(year_2025.select("dl.roles dd")[1]) == (
        "Phường Hai (phân công, quyết định số 15/QĐ-HĐTĐKT) [nguồn] ; "
        "Phường Ba (phân công, quyết định số 15/QĐ-HĐTĐKT) [nguồn]")
    assert [words(item) for item in year_2025.select("ul.ranking li")] == [
        "Nhất: Phường Hai [nguồn]", "Nhì: Phường Một [nguồn]"]
    year_2026 = page(output, f"{BLOC}/2026.html")
    assert words(year_2026.select("dl.roles dd")[1]) == "Đã chọn nhưng bài không nêu tên [nguồn]"
    data = bloc_years(output)
    assert [deputy["id"] for deputy in data[2025]["deputies"]] == ["phuong-hai", "phuong-ba"]
    assert data[2025]["leader"]["decision"] == "15/QĐ-HĐTĐKT"
    assert [(entry["rank"], entry["organisation"]) for entry in data[2025]["ranking"]] == [
        (1, "phuong-hai"), (2, "phuong-mot")]
    assert (data[2026]["deputies"], data[2026]["unnamed_roles"]) == ([], ["pho-khoi"])


def test_a_draft_whose_province_is_not_known_is_kept_and_checked(output: Path, tmp_path: Path) -> None:
    """Stored as a draft: its page is written among the drafts, and nothing is published."""
    assert (output / "drafts/khoi-chua-ro-tinh.html").is_file()
    assert not list((output / "tin").rglob("khoi-chua-ro-tinh.html"))
    site = make_site(tmp_path, CASES, articles=True)
    draft = site.content / "articles/chua-ro/khoi-chua-ro-tinh.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")
    checked = run_cli("check", "-s", str(site.preview_settings), cwd=site.root)
    assert "articles/chua-ro/khoi-chua-ro-tinh.md:5: TD109 [province]" in checked.stdout + checked.stderr
