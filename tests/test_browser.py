"""The published site in a real browser (Debian's Chromium through Playwright): the way a
citizen goes from the home page to a province, a bloc, a year and an organisation; every
page type at phone and desktop widths without sideways scrolling; nothing fetched from
another host; print styles on the results pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page
from published_site_helpers import PAGE_TYPES, chromium, published_site

WIDTHS = {"phone-360": 360, "phone-390": 390, "desktop": 1280}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    opened = context.new_page()
    yield opened
    context.close()


def _heading(page: Page) -> str:
    return " ".join(page.locator("h1").inner_text().split())


def test_citizen_walks_from_home_to_an_organisation(page: Page) -> None:
    served = published_site()
    page.goto(served.url("index.html"))
    assert _heading(page) == "Tin mới về các khối, cụm thi đua"
    page.get_by_role("navigation", name="Chính").get_by_role("link", name="Tỉnh", exact=True).click()
    assert _heading(page) == "Các tỉnh"
    page.get_by_role("main").get_by_role("link", name="Bắc Kạn", exact=True).click()
    assert _heading(page) == "Tỉnh Bắc Kạn"
    page.get_by_role("main").get_by_role("link", name="Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh").click()
    assert _heading(page) == "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh"
    page.get_by_role("navigation", name="Các năm").get_by_role("link", name="2020").click()
    assert _heading(page) == "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh — năm 2020"
    crumbs = page.get_by_role("navigation", name="Vị trí trang").get_by_role("listitem").all_inner_texts()
    assert [" ".join(crumb.replace("›", "").split()) for crumb in crumbs] == [
        "Trang chủ", "Bắc Kạn", "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh", "Năm 2020"]
    page.locator("#khoi-truong + dl").get_by_role("link", name="Hội Liên hiệp Phụ nữ tỉnh").click()
    assert _heading(page) == "Hội Liên hiệp Phụ nữ tỉnh"
    assert urlsplit(page.url).path == "/to-chuc/bac-kan/hoi-lien-hiep-phu-nu.html"


@pytest.mark.parametrize("width_name", WIDTHS)
def test_no_page_type_scrolls_sideways(browser: Browser, width_name: str, tmp_path: Path) -> None:
    served = published_site()
    context = browser.new_context(viewport={"width": WIDTHS[width_name], "height": 800})
    page = context.new_page()
    hosts: set[str] = set()
    errors: list[str] = []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    overflowing = {}
    for name, path in PAGE_TYPES.items():
        page.goto(served.url(path))
        page.screenshot(path=str(tmp_path / f"{name}-{width_name}.png"), full_page=True)
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            overflowing[name] = widths
    context.close()
    assert overflowing == {}
    assert hosts == {urlsplit(served.base_url).netloc}  # no asset from another host
    assert errors == []


def test_results_pages_print_without_menus(page: Page) -> None:
    served = published_site()
    page.goto(served.url(PAGE_TYPES["bloc"]))
    assert page.get_by_role("navigation", name="Chính").is_visible()
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Chính").is_visible()
    assert not page.locator(".breadcrumbs").is_visible()
    assert page.locator("table").first.is_visible()
    assert page.locator("figure.chart-figure svg").first.is_visible()


def test_pages_read_without_javascript(browser: Browser) -> None:
    served = published_site()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url(PAGE_TYPES["bloc"]))
    assert page.locator("table").count() >= 3
    assert page.locator("svg[role=img]").count() == 2
    context.close()


# Elements of <main> that reach past the right edge of the window (by more than half a pixel:
# sub-pixel rounding), whether the page or a box around them would have to scroll to show them.
_BEYOND_THE_WINDOW = """() => [...document.querySelectorAll('main *')]
  .filter(element => element.getBoundingClientRect().right > window.innerWidth + 0.5)
  .map(element => element.tagName.toLowerCase() + (element.className ? '.' + element.className : ''))"""


def _accessible_roles(page: Page) -> list[tuple[str, str]]:
    """(role, name) of every node of Chromium's accessibility tree: what a screen reader gets."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    return [(node.get("role", {}).get("value", ""), " ".join(str(node.get("name", {}).get("value", "")).split()))
            for node in nodes if not node.get("ignored")]


@pytest.mark.parametrize("page_type", ["bloc-year", "organisation", "year-province"])
def test_award_tables_read_at_360_px_without_scrolling(browser: Browser, page_type: str) -> None:
    """At 360 CSS px each award is a block with its cells one under the other: no element
    reaches past the window, the recipients and the source are on screen, and the browser
    still gives screen readers a table with its column headers."""
    served = published_site()
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    page = context.new_page()
    page.goto(served.url(PAGE_TYPES[page_type]))
    assert page.evaluate(_BEYOND_THE_WINDOW) == []
    table = page.locator("table.stacked").first
    row = table.locator("tbody tr").first  # the first award
    for cell in (row.locator("td.cell-recipients"), row.locator("td.cell-source")):
        cell.scroll_into_view_if_needed()
        box = cell.bounding_box()
        assert cell.is_visible() and box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360.5
    # Each value is under its column's name, shown to the eye only (screen readers have the
    # column header: the cell's name is its value alone).
    label = row.locator("td.cell-recipients").evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"Đơn vị" / ""'
    roles = _accessible_roles(page)
    caption = " ".join(table.locator("caption").inner_text().split())
    assert ("table", caption) in roles
    headers = [name for role, name in roles if role == "columnheader"]
    assert {"Đơn vị", "Báo viết"} <= set(headers)
    recipients = " ".join(row.locator("td.cell-recipients").inner_text().split())
    assert ("cell", recipients) in roles
    context.close()
