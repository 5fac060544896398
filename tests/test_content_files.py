"""Nothing under content/ is dropped without a word, names that cannot make a file are refused,
characters no page may hold never reach one, and what is read has limits: check and the
build agree on each (the broken corpus proves each code at its line; these prove the rest)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from authoring_helpers import BROKEN, Site, logged_problems, make_site, run_cli
from bs4 import BeautifulSoup
from emulation_blocs.commands.build import build
from emulation_blocs.commands.check import find_problems
from emulation_blocs.commands.serve import rebuild
from pelican.settings import read_settings

ARTICLE = BROKEN / "td201-tinh-khong-co/articles/bac-kan/2021/2021-12-30-khoi-mttq-cac-doan-the-tong-ket-2021.md"
GOOD = ARTICLE.read_text(encoding="utf-8").replace("Bắc Kan", "Bắc Kạn")
FOLDER = "articles/bac-kan/2021"
NAME = "2021-12-30-khoi-mttq-cac-doan-the-tong-ket-2021.md"
PAGE = "tin/2021/2021-12-30-khoi-mttq-cac-doan-the-tong-ket-2021.html"


def site_with(tmp_path: Path, files: dict[str, str | bytes], **settings: object) -> Site:
    site = make_site(tmp_path)
    for relative, text in files.items():
        path = site.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    for settings_file in (site.preview_settings, site.publish_settings):
        with settings_file.open("a", encoding="utf-8") as written:
            written.writelines(f"{name} = {value!r}\n" for name, value in settings.items())
    return site


def checked(site: Site) -> set[tuple[str, str, int, str]]:
    return {(found.code, found.path, found.line, found.field)
            for found in find_problems(read_settings(str(site.preview_settings)))}


def published(site: Site) -> set[tuple[str, str, int, str]]:
    """The problems a production build logs; it must fail without a traceback."""
    finished = run_cli("build", "-s", str(site.publish_settings), "-o", str(site.output), cwd=site.root)
    assert finished.returncode != 0
    assert "Traceback" not in finished.stderr
    return logged_problems(finished.stderr)


# Files that are not read


def test_html_and_other_files_under_content_are_reported_alike_by_check_and_build(tmp_path: Path) -> None:
    site = site_with(tmp_path, {
        f"{FOLDER}/{NAME}": GOOD,
        f"{FOLDER}/bai-cu.html": "<html><body><h1>Bài cũ</h1></body></html>",
        f"{FOLDER}/.md": GOOD,
        "README.md": "Ghi chú",
        "registry/provinces/Lang-Son.YAML": "id: lang-son\nname: Lạng Sơn\n",
        "registry/ghi-chu.yaml": "a: 1\n",
    })
    expected = {("TD701", path, 1, "") for path in (
        f"{FOLDER}/bai-cu.html", f"{FOLDER}/.md", "README.md", "registry/provinces/Lang-Son.YAML",
        "registry/ghi-chu.yaml")}
    assert checked(site) == expected
    assert published(site) == expected
    build(str(site.preview_settings), str(site.output))
    assert not list(site.output.glob("tin/**/bai-cu.html"))  # Pelican's HTML reader no longer reads it


def test_hidden_files_of_systems_and_editors_are_left_alone(tmp_path: Path) -> None:
    site = site_with(tmp_path, {
        f"{FOLDER}/{NAME}": GOOD,
        f"{FOLDER}/.DS_Store": b"\x00\x00\x00\x01Bud1",
        f"{FOLDER}/.{NAME}.swp": b"b0VIM 9.0",
        "articles/.gitkeep": "",
    })
    assert checked(site) == set()


def test_an_upper_case_extension_says_what_to_rename_it_to(tmp_path: Path) -> None:
    site = site_with(tmp_path, {f"{FOLDER}/2021-12-30-tong-ket.MD": GOOD})
    [found] = find_problems(read_settings(str(site.preview_settings)))
    assert found.code == "TD701"
    assert "«2021-12-30-tong-ket.md»" in found.hint


# Names that cannot make a file


def test_the_preview_server_starts_with_names_that_cannot_make_a_file(tmp_path: Path) -> None:
    long_name = "2021-12-31-" + "tong-ket-khoi-mttq-" * 12 + ".md"
    assert 200 < len(long_name) < 255
    site = site_with(tmp_path, {f"{FOLDER}/!!!.md": GOOD, f"{FOLDER}/{long_name}": GOOD.replace(
        "date: 2021-12-30", "date: 2021-12-31")})
    target = rebuild(str(site.preview_settings), str(site.output))
    assert target is not None
    pages = sorted(path.name for path in (site.output / "tin/2021").iterdir() if path.name != "index.html")
    assert len(pages) == 2 and all(re.fullmatch(r"tam-[0-9a-f]{12}\.html", name) for name in pages)
    assert not list(site.output.rglob(".*"))  # no hidden page
    codes = {page: BeautifulSoup((site.output / "tin/2021" / page).read_text(encoding="utf-8"), "html.parser")
             .select_one("section.problems li code").get_text() for page in pages}
    assert sorted(codes.values()) == ["TD702", "TD703"]


def test_registry_names_that_cannot_make_a_file_are_refused(tmp_path: Path) -> None:
    registry = (make_site(tmp_path / "real").content / "registry/provinces/bac-kan.yaml").read_text(encoding="utf-8")
    long_name = "Hội " * 80
    registry = registry.replace("organisations:\n", f"organisations:\n  - name: {long_name}\n    kind: khac\n"
                                "  - name: '!!!'\n    kind: khac\n", 1)
    site = site_with(tmp_path / "site", {"registry/provinces/bac-kan.yaml": registry, f"{FOLDER}/{NAME}": GOOD})
    expected = {("TD703", "registry/provinces/bac-kan.yaml", 19, "organisations[0].name"),
                ("TD702", "registry/provinces/bac-kan.yaml", 21, "organisations[1].name")}
    assert checked(site) == expected
    assert published(site) == expected


# Characters no page may hold


BAD_CHARACTERS = ["\x00", "\x0c", "\x1b", "\x01", "\x7f", "\x9b", "\ufdd0", "\uffff", "\U0010ffff"]


@pytest.mark.parametrize("character", BAD_CHARACTERS, ids=lambda character: f"U+{ord(character):04X}")
def test_a_character_no_page_may_hold_is_found_by_check_and_never_written(tmp_path: Path, character: str) -> None:
    escaped = f"\\U{ord(character):08X}"
    text = GOOD.replace("title: Khối thi đua MTTQ và các đoàn thể tỉnh Bắc Kạn tổng kết năm 2021",
                        f'title: "Khối thi đua MTTQ{escaped} tổng kết năm 2021"')
    text = text.replace("Bài mẫu có", f"Bài{character} mẫu có")
    site = site_with(tmp_path, {f"{FOLDER}/{NAME}": text}, BLOC_FEED_ATOM="feeds/khoi/{province}/{slug}.atom.xml",
                     FEED_ALL_ATOM="feeds/all.atom.xml", SITEURL="https://thidua.example.vn")
    expected = {("TD704", f"{FOLDER}/{NAME}", 2, "title"), ("TD704", f"{FOLDER}/{NAME}", 35, "")}
    assert checked(site) == expected
    assert published(site) == expected
    build(str(site.preview_settings), str(site.output))  # the preview, with feeds
    written = [path for path in site.output.rglob("*") if path.suffix in (".html", ".xml")]
    assert written
    for path in written:
        assert character not in path.read_text(encoding="utf-8"), path
    for feed in site.output.rglob("*.atom.xml"):
        ElementTree.parse(feed)  # parses: no character XML refuses
    page = BeautifulSoup((site.output / PAGE).read_text(encoding="utf-8"), "html.parser")
    assert "Khối thi đua MTTQ\ufffd tổng kết năm 2021" in page.h1.get_text()


def test_a_control_character_in_the_front_matter_is_named_at_its_line_with_that_line(tmp_path: Path) -> None:
    text = GOOD.replace("    - Hội Nông dân tỉnh", "    - Hội Nông\x0cdân tỉnh")
    site = site_with(tmp_path, {f"{FOLDER}/{NAME}": text})
    [found] = find_problems(read_settings(str(site.preview_settings)))
    assert (found.code, found.line) == ("TD002", 20)
    assert "U+000C (FF)" in found.message
    assert "«- Hội Nông\ufffddân tỉnh»" in found.message


# Limits


def test_a_huge_front_matter_is_refused_without_reading_it(tmp_path: Path) -> None:
    members = "".join(f"    - Tổ chức số {number}\n" for number in range(120_000))
    text = GOOD.replace("  list:\n", "  list:\n" + members, 1)
    assert len(text.encode("utf-8")) > 2_000_000
    site = site_with(tmp_path, {f"{FOLDER}/{NAME}": text, f"{FOLDER}/2021-12-31-mot-bai.md":
                                GOOD.replace("  list:\n", "  list:\n" + members[:150_000], 1)})
    assert checked(site) == {("TD705", f"{FOLDER}/{NAME}", 1, ""),
                             ("TD706", f"{FOLDER}/2021-12-31-mot-bai.md", 2, "")}


def test_limits_are_settings(tmp_path: Path) -> None:
    site = site_with(tmp_path, {f"{FOLDER}/{NAME}": GOOD}, BLOCS_MAX_FILE_BYTES=100)
    assert {found[0] for found in checked(site)} == {"TD705"}  # the registry files too


# source.url


@pytest.mark.parametrize("url", ["HTTPS://baobackan.org.vn/tong-ket", "Http://baobackan.org.vn/tong-ket"])
def test_a_url_scheme_in_any_case_is_accepted(tmp_path: Path, url: str) -> None:
    text = GOOD.replace("  paper: Báo Bắc Kạn", f"  paper: Báo Bắc Kạn\n  url: {url}")
    site = site_with(tmp_path, {f"{FOLDER}/{NAME}": text})
    assert checked(site) == set()


def test_a_bad_url_is_explained_as_a_url(tmp_path: Path) -> None:
    text = GOOD.replace("  paper: Báo Bắc Kạn", "  paper: Báo Bắc Kạn\n  url: baobackan.org.vn/tong-ket")
    site = site_with(tmp_path, {f"{FOLDER}/{NAME}": text})
    [found] = find_problems(read_settings(str(site.preview_settings)))
    assert found.code == "TD102"
    assert "https://" in found.message and "gạch ngang" not in found.message + found.hint


def test_articles_anywhere_in_the_content_folder_leave_the_registry_read(tmp_path: Path) -> None:
    """Pelican's own default: ``ARTICLE_PATHS = [""]``, the whole content folder."""
    site = site_with(tmp_path, {f"{FOLDER}/{NAME}": GOOD, "ghi-chu.txt": "Ghi chú"}, ARTICLE_PATHS=[""])
    assert checked(site) == {("TD701", "ghi-chu.txt", 1, "")}


def test_a_picture_the_editor_uploads_is_published_and_not_reported(tmp_path: Path) -> None:
    """The browser editor saves pictures in content/images (its media folder): a static path,
    copied as it is, so publishing does not stop on it (TD701) and the article's link works."""
    picture = b"\x89PNG\r\n\x1a\n" + bytes(64)
    site = site_with(tmp_path, {f"{FOLDER}/{NAME}": GOOD, "images/hoi-nghi.png": picture})
    assert checked(site) == set()
    finished = run_cli("build", "-s", str(site.publish_settings), "-o", str(site.output), cwd=site.root)
    assert finished.returncode == 0, finished.stderr
    assert (site.output / "images" / "hoi-nghi.png").read_bytes() == picture
