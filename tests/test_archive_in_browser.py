"""The offline archive in a real browser: Debian's Chromium, driven by Playwright, opens the
copy from file:// and follows links from the home page to a bloc-year page; then does the same
in a year's bundle. No request may fail on the way (a missing style sheet would). The search
page says, opened from disk, that search does not run there; served, the copy searches."""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from archive_helpers import SETTINGS
from emulation_blocs.offline.archive import ArchiveResult, make_archive
from playwright.sync_api import Browser
from published_site_helpers import chromium, serve


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> ArchiveResult:
    return make_archive(SETTINGS, str(tmp_path_factory.mktemp("browser") / "luu-tru"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def tab(browser: object) -> Iterator[tuple[object, list[str]]]:
    """A page, and the list of requests that failed while it was open."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("pageerror", lambda error: failed.append(str(error)))
    yield page, failed
    context.close()


def follow(page: object, selector: str, expected: Path, fragment: str = "") -> None:
    """Click the link and wait until the browser shows the expected file."""
    page.click(selector)  # type: ignore[attr-defined]
    page.wait_for_url(expected.as_uri() + fragment, timeout=10_000)  # type: ignore[attr-defined]


def styled(page: object) -> bool:
    """Whether the site's style sheet applies (the header's red rule under it)."""
    return page.evaluate(  # type: ignore[attr-defined]
        "getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"


def test_home_to_bloc_year_from_disk(archive: ArchiveResult, tab: tuple[object, list[str]]) -> None:
    page, failed = tab
    site = archive.folder / "site"
    page.goto((site / "index.html").as_uri())
    assert page.url.startswith("file://") and styled(page)
    bloc = site / "khoi/bac-kan/mttq-va-cac-doan-the.html"
    follow(page, ".news-list a[href$='khoi/bac-kan/mttq-va-cac-doan-the.html']", bloc)
    bloc_year = site / "khoi/bac-kan/mttq-va-cac-doan-the/2020.html"
    follow(page, "nav[aria-label='Các năm'] a:text-is('2020')", bloc_year)
    assert page.inner_text("h1") == "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh — năm 2020"
    assert styled(page)
    follow(page, ".breadcrumbs a:text-is('Trang chủ')", site / "index.html")
    assert failed == []


def test_home_to_bloc_year_through_year_pages(archive: ArchiveResult, tab: tuple[object, list[str]]) -> None:
    page, failed = tab
    site = archive.folder / "site"
    page.goto((site / "index.html").as_uri())
    follow(page, ".site-header nav a:text-is('Theo năm')", site / "nam/index.html")
    follow(page, "main a:text-is('Năm 2019')", site / "nam/2019.html")
    follow(page, "nav.filters a:text-is('Quảng Bình')", site / "nam/2019.html", "#tinh-quang-binh")
    follow(page, "#tinh-quang-binh th a", site / "nam/2019/quang-binh.html")
    follow(page, "#khoi-cac-hoi-dac-thu a", site / "khoi/quang-binh/cac-hoi-dac-thu/2019.html")
    assert "năm 2019" in page.inner_text("h1")
    assert failed == []


def test_year_bundle_from_disk(archive: ArchiveResult, tab: tuple[object, list[str]], tmp_path: Path) -> None:
    page, failed = tab
    with tarfile.open(archive.folder / "thi-dua-khoi-2020.tar.gz") as tar:
        tar.extractall(tmp_path, filter="data")
    bundle = tmp_path / "thi-dua-khoi-2020"
    page.goto((bundle / "index.html").as_uri())
    assert styled(page)
    follow(page, "main a:text-is('Kết quả thi đua năm 2020')", bundle / "nam/2020.html")
    follow(page, "#tinh-tay-ninh th a", bundle / "nam/2020/tay-ninh.html")
    follow(page, "h2 a:text-is('Khối thi đua II - Hội Quần chúng tỉnh')",
           bundle / "khoi/tay-ninh/khoi-ii-hoi-quan-chung/2020.html")
    assert page.inner_text("h1") == "Khối thi đua II - Hội Quần chúng tỉnh — năm 2020"
    follow(page, ".sources a", bundle / "tin/2020/2020-01-21-khoi-ii-hoi-quan-chung-tong-ket-2019.html")
    assert failed == []


def test_search_page_from_disk_says_search_does_not_run(archive: ArchiveResult,
                                                        tab: tuple[object, list[str]]) -> None:
    page, failed = tab
    site = archive.folder / "site"
    page.goto((site / "index.html").as_uri())
    follow(page, ".site-header nav a:text-is('Tìm kiếm')", site / "tim-kiem.html")
    message = page.locator("#tim-kiem-thong-bao")
    message.filter(has_text="file://").wait_for()
    assert "không cho ô tìm kiếm chạy" in message.inner_text()
    assert not page.get_by_role("search").is_visible()
    assert page.locator("#ghi-chu-tim-kiem").is_visible()
    follow(page, "#ghi-chu-tim-kiem a", site / "luu-tru/index.html", "#tim-kiem")
    assert failed == []  # the script did not even try to load the index


def test_the_copy_searches_when_served(archive: ArchiveResult, tab: tuple[object, list[str]]) -> None:
    page, failed = tab
    base_url = serve(archive.folder / "site")
    page.goto(f"{base_url}/tim-kiem.html?q=phu+nu")
    page.get_by_role("status").filter(has_text=re.compile("^Tìm thấy")).wait_for()
    paths = page.locator("#ket-qua a").evaluate_all("a => a.map(x => x.pathname)")
    assert "/to-chuc/bac-kan/hoi-lien-hiep-phu-nu.html" in paths
    assert failed == []
