"""`python -m emulation_blocs new`: the file it writes is a valid report once its placeholder
body is replaced (a production build refuses it before), with the members, leader and deputy
the earlier reports give, the year the meeting is about, and a comment on every field; it
never replaces a file."""

from __future__ import annotations

import datetime
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from authoring_helpers import PLUGINS, Site, make_site, run_cli
from bs4 import BeautifulSoup
from emulation_blocs.commands.build import build
from emulation_blocs.source.reader import split_front_matter

# The sample reports say (content/articles/…): the 2020 year review of the Bắc Kạn bloc lists
# its six members as the complete list, and names the 2021 leader (Liên đoàn Lao động) and
# deputy (Tỉnh Đoàn). Names as the registry writes them.
BAC_KAN_2020_MEMBERS = {
    "Hội Liên hiệp Phụ nữ tỉnh", "Liên đoàn Lao động tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Hội Cựu chiến binh tỉnh", "Hội Nông dân tỉnh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh",
}
NEW_BAC_KAN = "articles/bac-kan/2021/2021-12-28-bac-kan-mttq-va-cac-doan-the-tong-ket-2021.md"
BAC_KAN_OPTIONS = ("--province", "Bắc Kạn", "--bloc", "Khối MTTQ và các đoàn thể", "--kind", "tong-ket",
                   "--date", "2021-12-28")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path, articles=True)


def new(site: Site, *options: str) -> subprocess.CompletedProcess:
    return run_cli("new", "-s", str(site.preview_settings), *options, cwd=site.root, stdin="")


def front_matter(path: Path) -> tuple[dict, list[str]]:
    parts = split_front_matter(path.read_text(encoding="utf-8"))
    assert parts is not None
    return yaml.safe_load(parts[0]), parts[0].splitlines()


def written_body(path: Path, body: str = "Nội dung bài báo, viết lại bằng lời của người biên tập.\n") -> None:
    """Replace the placeholder body that ``new`` writes, as a writer does."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex("---\n") + 4] + body, encoding="utf-8")


def test_new_report_is_valid_once_written_and_shows_last_years_members(site: Site) -> None:
    result = new(site, *BAC_KAN_OPTIONS)
    assert result.returncode == 0, result.stderr
    written = site.content / NEW_BAC_KAN
    assert written.is_file()
    written_body(written)

    data, _lines = front_matter(written)
    assert data["province"] == "Bắc Kạn"
    assert data["conference"] == {"kinds": ["tong-ket"], "date": datetime.date(2021, 12, 28), "year_reviewed": 2021,
                                  "period": "ca-nam"}
    assert set(data["members"]["list"]) == BAC_KAN_2020_MEMBERS
    assert data["members"]["complete"] is True
    assert data["leadership"][0] == {"year": 2021, "leader": "Liên đoàn Lao động tỉnh",
                                     "deputy": "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh", "chosen": "de-cu"}

    checked = run_cli("check", "-s", str(site.preview_settings), cwd=site.root)
    assert checked.returncode == 0, checked.stderr

    build(str(site.publish_settings), str(site.output))  # a strict build: any problem would stop it
    page = BeautifulSoup((site.output / "khoi/bac-kan/mttq-va-cac-doan-the/2021.html").read_text(encoding="utf-8"),
                         "html.parser")
    members = {item.a.get_text(strip=True) for item in page.select("ul.members li")}
    assert members == BAC_KAN_2020_MEMBERS
    assert "Danh sách đầy đủ: 6 tổ chức" in page.get_text(" ", strip=True)
    roles = dict(zip([dt.get_text(strip=True) for dt in page.select("dl.roles dt")],
                     [dd.a.get_text(strip=True) for dd in page.select("dl.roles dd")], strict=True))
    assert roles == {"Khối trưởng": "Liên đoàn Lao động tỉnh", "Khối phó": "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"}


def test_every_field_carries_a_vietnamese_comment(site: Site) -> None:
    """Each field is explained by a comment just above it, or shares the comment of the
    sibling fields right above it (the fields inside list items share their list's)."""
    assert new(site, *BAC_KAN_OPTIONS).returncode == 0
    data, lines = front_matter(site.content / NEW_BAC_KAN)
    fields = [index for index, line in enumerate(lines) if _KEY.match(line) and _indent(line) <= 2]
    names = {lines[index].split(":")[0].strip() for index in fields}
    assert names == {*data, *(key for value in data.values() if isinstance(value, dict) for key in value)}
    for index in fields:
        assert _explained(lines, index), lines[index]
    comments = " ".join(line for line in lines if line.lstrip().startswith("#"))
    assert "NĂM-THÁNG-NGÀY" in comments and "tong-ket (tổng kết năm)" in comments


_KEY = re.compile(r"^\s*[a-z_]+:")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _explained(lines: list[str], index: int) -> bool:
    for above in range(index - 1, -1, -1):
        line = lines[above]
        if line.lstrip().startswith("#"):
            return True
        if not (_KEY.match(line) and _indent(line) == _indent(lines[index])):
            return False
    return False


def test_a_list_that_is_not_complete_stays_so(site: Site) -> None:
    """Quảng Trị 2023: four members named out of sixteen; no leader known for 2024."""
    result = new(site, "--province", "quang-tri", "--bloc", "cac-to-chuc-chinh-tri-xa-hoi-xa-hoi-nghe-nghiep",
                 "--kind", "tong-ket", "--date", "2024-12-20")
    assert result.returncode == 0, result.stderr
    written = site.content / ("articles/quang-tri/2024/2024-12-20-quang-tri-"
                              "cac-to-chuc-chinh-tri-xa-hoi-xa-hoi-nghe-nghiep-tong-ket-2024.md")
    data, lines = front_matter(written)
    assert data["members"]["complete"] is False
    assert len(data["members"]["list"]) == 4
    assert "leadership" not in data
    assert any("năm 2023: Khối trưởng là Ban đại diện Hội Người cao tuổi tỉnh" in line for line in lines)
    written_body(written)
    assert run_cli("check", "-s", str(site.preview_settings), cwd=site.root).returncode == 0


def test_a_half_year_review_reviews_its_own_year(site: Site) -> None:
    result = new(site, "--province", "Quảng Bình", "--bloc", "Khối các hội đặc thù", "--kind", "so-ket",
                 "--date", "10/07/2021")
    assert result.returncode == 0, result.stderr
    written = next((site.content / "articles/quang-binh/2021").glob("2021-07-10-*.md"))
    data, _lines = front_matter(written)
    assert data["conference"]["year_reviewed"] == 2021
    assert data["conference"]["period"] == "6-thang"
    assert "sơ kết 6 tháng năm 2021" in data["title"]


@pytest.mark.parametrize("kind", ["ky-ket-giao-uoc", "ban-giao", "trien-khai"])
def test_a_meeting_that_reviews_nothing_is_named_for_its_own_year(site: Site, kind: str) -> None:
    """A pact signing on 21 March 2018 is for 2018: the file, the title and the front matter
    say 2018, and no year is said to be reviewed."""
    result = new(site, "--province", "Quảng Ninh", "--bloc", "Khối thi đua MTTQ và các tổ chức chính trị - xã hội",
                 "--kind", kind, "--date", "2018-03-21")
    assert result.returncode == 0, result.stderr
    written = next((site.content / "articles/quang-ninh/2018").glob(f"2018-03-21-*-{kind}-*.md"))
    assert written.name.endswith(f"-{kind}-2018.md")
    data, _lines = front_matter(written)
    assert data["title"].endswith("năm 2018")
    assert data["conference"]["year"] == 2018
    assert "year_reviewed" not in data["conference"] and "period" not in data["conference"]
    if kind == "ky-ket-giao-uoc":
        assert data["pact"] == {"year": 2018}


def test_a_pact_signing_is_published_without_a_year_reviewed(site: Site) -> None:
    result = new(site, "--province", "Quảng Ninh", "--bloc", "Khối thi đua MTTQ và các tổ chức chính trị - xã hội",
                 "--kind", "ky-ket-giao-uoc", "--date", "2018-03-21", "--author", "Phóng viên")
    assert result.returncode == 0, result.stderr
    written = next((site.content / "articles/quang-ninh/2018").glob("2018-03-21-*.md"))
    written_body(written)
    build(str(site.publish_settings), str(site.output))
    page = BeautifulSoup((site.output / "tin/2018" / written.with_suffix(".html").name).read_text(encoding="utf-8"),
                         "html.parser")
    facts = dict(zip([dt.get_text(strip=True) for dt in page.select("aside.facts dt")],
                     [" ".join(dd.get_text(" ", strip=True).split()) for dd in page.select("aside.facts dd")],
                     strict=True))
    assert "Năm được tổng kết" not in facts
    assert facts["Hội nghị cho năm"].startswith("2018")
    assert facts["Giao ước thi đua"] == "Ký kết giao ước năm 2018"


def test_an_unedited_new_file_is_refused_by_a_production_build(site: Site) -> None:
    assert new(site, *BAC_KAN_OPTIONS).returncode == 0
    checked = run_cli("check", "-s", str(site.preview_settings), cwd=site.root)
    assert checked.returncode != 0
    assert f"{NEW_BAC_KAN}:86: TD312 [nội dung bài]" in checked.stdout + checked.stderr
    published = run_cli("build", "-s", str(site.publish_settings), "-o", str(site.output), cwd=site.root)
    assert published.returncode != 0
    assert "TD312" in published.stdout + published.stderr
    assert not (site.output / "khoi").exists()


def test_never_overwrites_a_file(site: Site) -> None:
    target = site.content / NEW_BAC_KAN
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("---\ntitle: Bài đã viết\n---\n", encoding="utf-8")
    result = new(site, *BAC_KAN_OPTIONS)
    assert result.returncode != 0
    assert "đã có; không ghi đè" in result.stderr
    assert target.read_text(encoding="utf-8") == "---\ntitle: Bài đã viết\n---\n"


@pytest.mark.parametrize(("options", "message"), [
    (("--province", "Bắc Kạn"), "Thiếu --bloc, --kind"),
    (("--province", "Bắc Kan", "--bloc", "x", "--kind", "tong-ket"), "Có phải là «Bắc Kạn»?"),
    (("--province", "Bắc Kạn", "--bloc", "Khối MTTQ và các đoàn thể", "--kind", "tong-ket", "--date", "2025-08-01"),
     "xếp vào tỉnh Thái Nguyên"),
    (("--province", "Bắc Kạn", "--bloc", "Khối MTTQ và các đoàn thể", "--kind", "tong-ket", "--date", "2021-02-30"),
     "Ngày «2021-02-30» không hợp lệ"),
])
def test_a_request_that_cannot_give_a_valid_report_writes_nothing(site: Site, options: tuple, message: str) -> None:
    before = sorted(site.content.rglob("*"))
    result = new(site, *options)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(site.content.rglob("*")) == before


def test_asks_for_what_is_missing_on_a_terminal(site: Site) -> None:
    """On a terminal, each missing choice is asked for: a number from the list, or a name."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen([sys.executable, "-m", "emulation_blocs", "new", "-s", str(site.preview_settings)],
                               stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=site.root,
                               env=env, text=True)
    os.close(terminal)
    # Province by name, bloc by its number in the list, kind "tong-ket" (first), the date.
    os.write(controller, "Bắc Kạn\n1\n1\n2021-12-28\n".encode())
    try:
        stdout, stderr = process.communicate(timeout=60)
    finally:
        os.close(controller)
    assert process.returncode == 0, stderr
    assert "Chọn số" in stdout
    assert (site.content / NEW_BAC_KAN).is_file()
