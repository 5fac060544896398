"""Links (symlinks) in the content folder. One that leads outside it, nowhere or round is
refused with its code, and nothing behind it is read or published: by check, by the preview's
builds (the server's rebuilds too) and by the production build alike. One that leads to a file
or folder inside the content folder is followed, as Pelican follows it."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from authoring_helpers import REPO, Site, logged_problems, make_site, run_cli
from bs4 import BeautifulSoup
from emulation_blocs.commands.build import build
from emulation_blocs.commands.check import find_problems
from emulation_blocs.incremental.kept_articles import KeptArticles
from pelican.settings import read_settings

REAL = "articles/bac-kan/2020/2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.md"
COPY = "2020-12-31-ban-sao.md"


def _checked(site: Site) -> set[tuple[str, str, int, str]]:
    problems = find_problems(read_settings(str(site.preview_settings)))
    return {(found.code, found.path, found.line, found.field) for found in problems}


def _logged(caplog: pytest.LogCaptureFixture) -> set[tuple[str, str, int, str]]:
    return logged_problems("\n".join(record.getMessage() for record in caplog.records
                                     if record.levelno >= logging.ERROR))


def _everywhere(site: Site, caplog: pytest.LogCaptureFixture) -> tuple[set, set, set]:
    """What check, a preview build and the production build report."""
    checked = _checked(site)
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        build(str(site.preview_settings), str(site.output), {"CACHE_PATH": str(site.root / "cache")})
    previewed = _logged(caplog)
    published = run_cli("build", "-s", str(site.publish_settings), "-o", str(site.root / "published"),
                        cwd=site.root)
    assert published.returncode != 0 and "Traceback" not in published.stderr
    return checked, previewed, logged_problems(published.stderr)


def _outside_copy(tmp_path: Path) -> Path:
    outside = tmp_path / "ngoai"
    outside.mkdir()
    shutil.copy(REPO / "content" / REAL, outside / COPY)
    return outside


def test_a_folder_linked_from_outside_is_refused_everywhere(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site = make_site(tmp_path / "site", articles=True)
    (site.content / "articles" / "ngoai").symlink_to(_outside_copy(tmp_path), target_is_directory=True)
    expected = {("TD601", "articles/ngoai", 1, "")}
    assert _everywhere(site, caplog) == (expected, expected, expected)
    assert not (site.output / "tin" / "2020" / COPY.replace(".md", ".html")).exists()
    assert not (tmp_path / "site" / "published").exists()


def test_a_content_folder_that_is_a_link_to_outside_is_refused(tmp_path: Path,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    site = make_site(tmp_path / "site")
    (site.content / "articles").symlink_to(_outside_copy(tmp_path), target_is_directory=True)
    expected = {("TD601", "articles", 1, "")}
    assert _everywhere(site, caplog) == (expected, expected, expected)


def test_a_registry_file_linked_from_outside_is_refused(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site = make_site(tmp_path / "site")
    outside = tmp_path / "ha-noi.yaml"
    outside.write_text("id: ha-noi\nname: Hà Nội\n", encoding="utf-8")
    (site.content / "registry" / "provinces" / "ha-noi.yaml").symlink_to(outside)
    (site.content / "registry" / "provinces" / "cu.yaml").symlink_to(tmp_path / "khong-co.yaml")
    expected = {("TD601", "registry/provinces/ha-noi.yaml", 1, ""), ("TD602", "registry/provinces/cu.yaml", 1, "")}
    assert _everywhere(site, caplog) == (expected, expected, expected)


def test_a_registry_folder_linked_from_outside_is_refused(tmp_path: Path,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    site = make_site(tmp_path / "site")
    provinces = site.content / "registry" / "provinces"
    shutil.move(provinces, tmp_path / "provinces")
    provinces.symlink_to(tmp_path / "provinces", target_is_directory=True)
    expected = {("TD601", "registry/provinces", 1, "")}
    assert _everywhere(site, caplog) == (expected, expected, expected)


def test_the_preview_server_refuses_a_link_added_between_builds(tmp_path: Path,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    """The server's rebuilds lend each build the last one's articles: a file replaced by a
    link to outside is refused at the next rebuild, and published again once it is a file."""
    site = make_site(tmp_path / "site", articles=True)
    kept = KeptArticles()
    page = site.output / "tin" / "2020" / "2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.html"
    settings = {"CACHE_PATH": str(tmp_path / "cache")}
    build(str(site.preview_settings), str(site.output), settings, kept)
    assert page.is_file()
    article = site.content / REAL
    shutil.move(article, tmp_path / "moved.md")
    article.symlink_to(Path("/etc/passwd"))
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        build(str(site.preview_settings), str(site.output), settings, kept)
    assert _logged(caplog) == {("TD601", REAL, 1, "")}
    assert not page.exists()
    assert "root:" not in "".join(path.read_text(encoding="utf-8") for path in site.output.rglob("*.html"))
    article.unlink()
    shutil.move(tmp_path / "moved.md", article)
    build(str(site.preview_settings), str(site.output), settings, kept)
    assert page.is_file()


def test_links_inside_the_content_folder_are_followed(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", articles=True)
    store = site.content / "kho"
    store.mkdir()
    article = site.content / REAL
    shutil.move(article, store / article.name)
    article.symlink_to(Path("../../../kho") / article.name)
    assert _checked(site) == set()
    output = build(str(site.preview_settings), str(site.output), {"CACHE_PATH": str(tmp_path / "cache")})
    page = output / "tin" / "2020" / "2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.html"
    assert BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").h1.get_text().startswith("Khối thi đua")
