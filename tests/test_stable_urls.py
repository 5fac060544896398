"""Stable URLs: the URLs published from the sample content still answer; on the fixture, a
bloc renamed (its id came from its name), a bloc whose id was edited, an organisation renamed
and a province whose id was edited keep their old URLs as redirect pages and in _redirects;
without the registry's former names and ids the check fails; a former id that another entry
uses is a coded problem."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from archive_helpers import (
    PARTY_BLOC_V1,
    PARTY_BLOC_V1_SLUG,
    PARTY_BLOC_V2,
    PARTY_BLOC_V2_SLUG,
    REPO,
    build_site,
    page,
    resolve,
    write_fixture,
)
from emulation_blocs.commands.check import find_problems
from emulation_blocs.pages.redirects import published_urls, read_redirects_file, unanswered
from emulation_blocs.settings import DEFAULTS
from pelican.settings import read_settings
from published_site_helpers import published_site

PUBLISHED = REPO / "tests" / "published_urls.txt"
SEARCH_INDEX = str(DEFAULTS["BLOCS_SEARCH_INDEX_PATH"])
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def published_list() -> list[str]:
    lines = PUBLISHED.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def fixture_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("stable")
    return {
        "v1": build_site(root / "v1", write_fixture(root, 1), BLOCS_STRICT=True),
        "v2": build_site(root / "v2", write_fixture(root, 2), BLOCS_STRICT=True),
        "lost": build_site(root / "lost", write_fixture(root, 2, keep_former=False)),
    }


def test_sample_content_still_answers_every_published_url() -> None:
    """The list holds the production build's URLs (feeds, sitemap, search page included)."""
    served = published_site()
    urls = published_list()
    assert len(urls) > 100 and "khoi/bac-kan/mttq-va-cac-doan-the/2020.html" in urls
    assert {"tim-kiem.html", "sitemap.xml", "feeds/all.atom.xml", "nam/2020.html"} <= set(urls)
    assert unanswered(served.output, urls, site_url=served.base_url) == []
    # Every file of the build is in the list, so that each is kept from now on.
    unlisted = sorted(set(published_urls(served.output, SEARCH_INDEX)) - set(urls))
    assert unlisted == [], "run `make published-urls` to add them to tests/published_urls.txt"


def test_the_check_fails_when_a_published_url_disappears(tmp_path: Path) -> None:
    served = published_site()
    site = Path(shutil.copytree(served.output, tmp_path / "output"))
    (site / "khoi" / "tay-ninh" / "khoi-ii-hoi-quan-chung" / "2019.html").unlink()
    assert unanswered(site, published_list(), site_url=served.base_url) == [
        "khoi/tay-ninh/khoi-ii-hoi-quan-chung/2019.html"]


def test_renames_keep_every_old_url(fixture_sites: dict[str, Path]) -> None:
    old = published_urls(fixture_sites["v1"], SEARCH_INDEX)
    assert f"khoi/ha-giang/{PARTY_BLOC_V1_SLUG}.html" in old
    assert not [url for url in old if url.startswith(SEARCH_INDEX + "/")]
    assert unanswered(fixture_sites["v2"], old) == []


def test_without_former_names_and_ids_old_urls_are_lost(fixture_sites: dict[str, Path]) -> None:
    missing = unanswered(fixture_sites["lost"], published_urls(fixture_sites["v1"], SEARCH_INDEX))
    assert f"khoi/ha-giang/{PARTY_BLOC_V1_SLUG}.html" in missing
    assert "khoi/ha-giang/khoi-8.html" in missing
    assert "tinh/tuyen-quang-moi.html" in missing
    assert "to-chuc/ha-giang/ban-tuyen-giao-tinh-uy.html" in missing


@pytest.mark.parametrize(("old", "new"), [
    (f"khoi/ha-giang/{PARTY_BLOC_V1_SLUG}.html", f"khoi/ha-giang/{PARTY_BLOC_V2_SLUG}.html"),
    (f"khoi/ha-giang/{PARTY_BLOC_V1_SLUG}/2024.html", f"khoi/ha-giang/{PARTY_BLOC_V2_SLUG}/2024.html"),
    ("khoi/ha-giang/khoi-8.html", "khoi/ha-giang/khoi-doanh-nghiep.html"),
    ("khoi/ha-giang/khoi-8/2023.html", "khoi/ha-giang/khoi-doanh-nghiep/2023.html"),
    ("to-chuc/ha-giang/ban-tuyen-giao-tinh-uy.html",
     "to-chuc/ha-giang/ban-tuyen-giao-va-dan-van-tinh-uy.html"),
    ("tinh/tuyen-quang-moi.html", "tinh/tuyen-quang.html"),
])
def test_redirect_pages(fixture_sites: dict[str, Path], old: str, new: str) -> None:
    site = fixture_sites["v2"]
    soup = page(site, old)
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    delay, url = refresh["content"].split(";", 1)
    assert delay == "0" and url.strip().startswith("url=")
    assert resolve(old, url.strip()[4:]) == new
    assert resolve(old, soup.find("link", rel="canonical")["href"]) == new
    visible = [resolve(old, link["href"]) for link in soup.main.find_all("a")]
    assert new in visible
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert (site / new).is_file()
    assert read_redirects_file(site / "_redirects")[old] == new


def test_redirect_page_names_the_former_name(fixture_sites: dict[str, Path]) -> None:
    soup = page(fixture_sites["v2"], f"khoi/ha-giang/{PARTY_BLOC_V1_SLUG}.html")
    assert PARTY_BLOC_V1 in soup.main.get_text()
    assert soup.main.a.get_text() == PARTY_BLOC_V2


def test_redirects_file_lists_data_files_too(fixture_sites: dict[str, Path]) -> None:
    moved = read_redirects_file(fixture_sites["v2"] / "_redirects")
    assert moved["data/khoi/ha-giang/khoi-8.json"] == "data/khoi/ha-giang/khoi-doanh-nghiep.json"
    assert moved["data/khoi/ha-giang/khoi-8/khen-thuong.csv"] == (
        "data/khoi/ha-giang/khoi-doanh-nghiep/khen-thuong.csv")
    lines = (fixture_sites["v2"] / "_redirects").read_text().splitlines()
    assert lines == sorted(lines)
    assert all(line.startswith("/") and line.endswith(" 301") for line in lines)
    # The sample content has no rename: its file is empty.
    assert (fixture_sites["v1"] / "_redirects").read_text() == ""


def test_a_former_id_used_by_another_bloc_is_a_problem(tmp_path: Path) -> None:
    content = write_fixture(tmp_path, 2)
    registry = content / "registry" / "provinces" / "ha-giang.yaml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("former_ids: [khoi-8]", f"former_ids: [{PARTY_BLOC_V2_SLUG}]")
    registry.write_text(text, encoding="utf-8")
    settings = read_settings(str(REPO / "pelicanconf.py"), override={"PATH": str(content)})
    problems = [found for found in find_problems(settings) if found.code == "TD404"]
    assert len(problems) == 1
    found = problems[0]
    assert found.path == "registry/provinces/ha-giang.yaml"
    assert found.field == "blocs[1].former_ids" and found.line == 16
    assert found.value == PARTY_BLOC_V2_SLUG
    assert "Khối thi đua số 8 - Doanh nghiệp" in found.message and PARTY_BLOC_V2 in found.message


def test_two_entries_claiming_one_former_id_is_a_problem(tmp_path: Path) -> None:
    content = write_fixture(tmp_path, 2)
    registry = content / "registry" / "provinces" / "ha-giang.yaml"
    text = registry.read_text(encoding="utf-8").replace(
        f"    former_names: [{PARTY_BLOC_V1}]",
        f"    former_names: [{PARTY_BLOC_V1}]\n    former_ids: [khoi-8]")
    registry.write_text(text, encoding="utf-8")
    settings = read_settings(str(REPO / "pelicanconf.py"), override={"PATH": str(content)})
    codes = [(found.code, found.value, found.field) for found in find_problems(settings)]
    assert ("TD405", "khoi-8", "blocs[1].former_ids") in codes


def test_a_redirect_to_a_missing_page_does_not_answer(fixture_sites: dict[str, Path], tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(fixture_sites["v2"], site)
    old = f"khoi/ha-giang/{PARTY_BLOC_V1_SLUG}.html"
    assert unanswered(site, [old]) == []
    (site / f"khoi/ha-giang/{PARTY_BLOC_V2_SLUG}.html").unlink()
    assert unanswered(site, [old]) == [old]


def test_redirect_pages_stay_out_of_the_sitemap(tmp_path: Path) -> None:
    """An old URL answers, but search engines are sent to the new one only."""
    site_url = "https://thidua.example.vn"
    site = build_site(tmp_path / "output", write_fixture(tmp_path, 2), SITEURL=site_url, BLOCS_STRICT=True)
    moved = read_redirects_file(site / "_redirects")
    assert f"khoi/ha-giang/{PARTY_BLOC_V1_SLUG}.html" in moved
    listed = {loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")}
    assert f"{site_url}/khoi/ha-giang/{PARTY_BLOC_V2_SLUG}.html" in listed
    assert not {f"{site_url}/{old}" for old in moved} & listed
