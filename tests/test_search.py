"""Search: the Pagefind index of the published site, used through the search page in a real
browser, typed without diacritics; and what the page says without JavaScript."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from emulation_blocs.pages.search import (
    FOLD_MARK,
    fold_d,
    pagefind_command,
    with_folded_words,
    with_spaced_blocks,
    words_with_d,
)
from playwright.sync_api import Browser, Page
from published_site_helpers import PAGE_TYPES, PublishedSite, chromium, published_site

MAX_SHOWN = 20


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def search_page(browser: Browser) -> Iterator[Page]:
    served = published_site()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served.url(PAGE_TYPES["search"]))
    yield page
    context.close()


def _search(page: Page, words: str) -> list[str]:
    """Type into the search box as a person would; the paths of the results shown."""
    page.get_by_label(re.compile("Từ khóa")).fill(words)
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("status").filter(has_text=words).wait_for()
    return [str(href).split("?")[0] for href in page.locator("#ket-qua a").evaluate_all("a => a.map(x => x.pathname)")]


def _indexed_pages_containing(served: PublishedSite, words: str) -> set[str]:
    """The pages whose indexed body contains ``words``, read from the HTML files."""
    found = set()
    for path in served.output.rglob("*.html"):
        soup = served.page(path.relative_to(served.output).as_posix())
        body = soup.find(attrs={"data-pagefind-body": True})
        if body is not None and words in " ".join(body.get_text(" ").lower().split()):
            found.add("/" + path.relative_to(served.output).as_posix())
    return found


def test_typing_without_diacritics_finds_phu_nu(search_page: Page) -> None:
    served = published_site()
    expected = _indexed_pages_containing(served, "phụ nữ")
    assert "/to-chuc/bac-kan/hoi-lien-hiep-phu-nu.html" in expected
    assert len(expected) <= MAX_SHOWN
    shown = set(_search(search_page, "phu nu"))
    assert expected <= shown
    assert search_page.get_by_role("status").inner_text().startswith("Tìm thấy")
    first = search_page.locator("#ket-qua li").first
    assert first.locator("mark").count() >= 1  # the matching words are highlighted
    # Same-named organisations of two provinces are told apart in the results.
    assert "Hội Liên hiệp Phụ nữ tỉnh — tỉnh Bắc Kạn" in search_page.locator("#ket-qua a").all_inner_texts()


def test_d_without_its_bar_finds_doan(search_page: Page) -> None:
    served = published_site()
    expected = _indexed_pages_containing(served, "đoàn thanh niên")
    assert expected
    shown = set(_search(search_page, "doan thanh nien"))
    assert expected <= shown


def test_excerpts_never_show_the_folded_spellings(search_page: Page) -> None:
    """"doan" also matches pages only through their folded words ("kinh doanh" pages that
    hold "đoàn" elsewhere); their excerpts show the page's own text."""
    assert len(_search(search_page, "doan")) >= 5
    excerpts = search_page.locator("#ket-qua li p").all_inner_texts()
    assert excerpts and all(excerpt.strip() for excerpt in excerpts)
    for excerpt in excerpts:
        assert FOLD_MARK not in excerpt
        assert not {"dến", "dều", "dua", "dã"} & set(excerpt.split()), excerpt


def _excerpts(page: Page) -> dict[str, str]:
    """The excerpts shown, by the path of their result, with the marks of the matches dropped."""
    results = page.locator("#ket-qua li").evaluate_all(
        "items => items.map(li => [li.querySelector('a').pathname, li.querySelector('p').textContent])")
    return {path: " ".join(text.split()) for path, text in results}


def test_excerpts_keep_labels_apart_from_their_values(search_page: Page) -> None:
    """The conference facts are a definition list, the organisation's blocs a table: their
    labels and values are separate words in the excerpts, as on the page."""
    _search(search_page, "ngay hop")
    excerpts = _excerpts(search_page)
    article = "/" + PAGE_TYPES["article"]
    assert "Ngày họp 29/12/2020" in excerpts[article], excerpts[article]
    assert "Năm được tổng kết 2020" in excerpts[article]
    _search(search_page, "khoi truong")
    excerpts = _excerpts(search_page)
    assert any("Năm Khối Nguồn" in text for text in excerpts.values()), excerpts
    assert not any("NămKhối" in text or "2020Hội" in text for text in excerpts.values()), excerpts


def test_pressing_search_keeps_the_results_already_shown(search_page: Page) -> None:
    """Typing runs the search after a pause; pressing Tìm for the same words must not
    empty the results on screen and run it again (a double run emptied the list under
    the reader's eyes)."""
    search_page.get_by_label(re.compile("Từ khóa")).fill("phu nu")
    search_page.get_by_role("status").filter(has_text="phu nu").wait_for()
    shown = search_page.locator("#ket-qua li").count()
    assert shown
    search_page.evaluate("""() => {
        window.emptied = 0;
        const list = document.getElementById("ket-qua");
        new MutationObserver(() => { if (!list.children.length) window.emptied++; })
            .observe(list, { childList: true });
    }""")
    search_page.get_by_role("button", name="Tìm").click()
    search_page.wait_for_timeout(600)  # longer than the typing pause
    assert search_page.evaluate("window.emptied") == 0
    assert search_page.locator("#ket-qua li").count() == shown


def test_nothing_found_says_so(search_page: Page) -> None:
    assert _search(search_page, "xyzzy") == []
    assert "Không tìm thấy" in search_page.get_by_role("status").inner_text()


def test_query_in_the_address_runs_the_search(browser: Browser) -> None:
    served = published_site()
    """The home page's search form sends ?q= to the search page."""
    page = browser.new_page()
    page.goto(served.url("index.html"))
    page.get_by_role("search").get_by_role("searchbox").fill("nong dan")
    page.get_by_role("search").get_by_role("button", name="Tìm").click()
    page.get_by_role("status").filter(has_text="nong dan").wait_for()
    paths = page.locator("#ket-qua a").evaluate_all("a => a.map(x => x.pathname)")
    assert "/to-chuc/bac-kan/hoi-nong-dan.html" in paths
    page.close()


def test_without_javascript_the_page_points_to_the_lists(browser: Browser) -> None:
    served = published_site()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url(PAGE_TYPES["search"]))
    assert not page.get_by_role("search").is_visible()
    notice = page.locator("#tim-kiem-thay-the")
    assert "cần JavaScript" in notice.inner_text()
    links = notice.get_by_role("link").evaluate_all("a => a.map(x => x.pathname)")
    assert links == ["/tinh/index.html", "/khoi/index.html", "/to-chuc/index.html", "/tin/index.html"]
    context.close()


# The đ folding, on its own.


def test_words_with_d_are_folded_once_each() -> None:
    html = "<main data-pagefind-body><p>Đoàn thanh niên, đoàn viên; Hội Nông dân</p><script>đ</script></main>"
    assert words_with_d(html) == ["doàn"]
    assert fold_d("Đường đi") == "Dường di"
    indexed = with_folded_words(html)
    assert indexed.endswith(f'<p data-pagefind-weight="0.5">{FOLD_MARK} doàn</p></main>')


def test_pages_outside_the_index_are_left_alone() -> None:
    html = "<main><p>Đoàn</p></main>"
    assert with_folded_words(html) == html


def test_blocks_that_pagefind_joins_get_a_space_in_its_copy() -> None:
    html = ("<main data-pagefind-body><dl><dt>Ngày họp</dt><dd>29/12/2020</dd></dl>"
            "<table><caption>Khen</caption><tr><th>Năm</th><th>Khối</th></tr></table>a<br>b</main>")
    assert with_spaced_blocks(html) == (
        "<main data-pagefind-body><dl><dt>Ngày họp </dt><dd>29/12/2020 </dd></dl>"
        "<table><caption>Khen </caption><tr><th>Năm </th><th>Khối </th></tr></table>a <br>b</main>")


def test_pagefind_runs_as_its_binary_and_without_its_package_as_python_m_pagefind(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pagefind_command.cache_clear()
    [binary] = pagefind_command()
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("pagefind")
    try:
        for where in ("binary named where there is none", "package not installed"):
            pagefind_command.cache_clear()
            if where == "package not installed":
                monkeypatch.setitem(sys.modules, "pagefind.service", None)
            else:
                monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/khong-co/pagefind")
            assert pagefind_command() == (sys.executable, "-m", "pagefind"), where
    finally:
        pagefind_command.cache_clear()
