"""The browser editor end to end, in Debian's Chromium through Playwright: ``serve --editor``
(the preview, Decap CMS at /admin/ and decap-server) in a temporary copy of the site; a new
report made by choosing names from the registry's lists, saved, checked and built; an edit to an
existing report that changes one line only; the preview pane's check; axe on that pane."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.request import urlopen

import pytest
from conftest import CONTENT, ROOT, build_site
from emulation_blocs.commands.check import find_problems
from pelican.settings import read_settings
from playwright.sync_api import Browser, FrameLocator, Page, expect
from published_site_helpers import chromium

NEW_REPORT = "articles/bac-kan/2024/2024-12-20-bac-kan-mttq-va-cac-doan-the-2024.md"
EXISTING = "articles/bac-kan/2020/2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.md"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = os.environ.get("BLOCS_EDITOR_SCREENSHOTS")  # a folder: tools/screenshots.py sets it

pytestmark = pytest.mark.node  # Decap CMS and its proxy come from node_modules


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class EditorSite:
    root: Path
    url: str

    @property
    def content(self) -> Path:
        return self.root / "content"


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditorSite]:
    root = tmp_path_factory.mktemp("editor-site")
    shutil.copytree(CONTENT, root / "content")
    shutil.copy(ROOT / "pelicanconf.py", root)
    for shared in ("theme", "plugins", "node_modules"):
        (root / shared).symlink_to(ROOT / shared)
    port, proxy_port = _free_port(), _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "emulation_blocs", "serve", "--editor", "-s", "pelicanconf.py", "-o", "output",
         "--port", str(port), "--editor-proxy-port", str(proxy_port)],
        cwd=root, env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/admin/"
    try:
        _wait_for(url, process)
        _wait_for(f"http://127.0.0.1:{proxy_port}/", process, any_status=True)
        yield EditorSite(root, url)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(url: str, process: subprocess.Popen, any_status: bool = False) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the editor stopped"
        try:
            urlopen(url, timeout=5).close()
            return
        except OSError as error:
            if any_status and getattr(error, "code", None):
                return
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser, editor_site: EditorSite) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    opened = context.new_page()
    hosts: set[str] = set()
    opened.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    opened.goto(editor_site.url)
    opened.get_by_role("button", name="Đăng nhập").click()
    expect(opened.get_by_role("heading", name="Bộ sưu tập")).to_be_visible()
    yield opened
    context.close()
    assert {host.split(":")[0] for host in hosts} == {"127.0.0.1"}  # nothing from another host


def _choose(page: Page, label: str, typed: str, shown: str) -> None:
    """Pick an option of a select by typing part of it (without tone marks), as a writer would."""
    field = page.get_by_label(re.compile(rf"^{re.escape(label)}( \(không bắt buộc\))?$")).last
    field.fill(typed)
    page.get_by_role("option", name=shown, exact=True).click()


def _preview(page: Page) -> FrameLocator:
    return page.frame_locator("iframe").first


def _publish(page: Page) -> None:
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_text("Công bố ngay", exact=True).click()
    expect(page.get_by_text("Đã công bố", exact=True).first).to_be_visible(timeout=30_000)


def _shot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


def test_a_new_report_made_in_the_editor_passes_check_and_shows_on_its_bloc_year(
        page: Page, editor_site: EditorSite, tmp_path: Path) -> None:
    page.goto(f"{editor_site.url}#/collections/bac-kan--mttq-va-cac-doan-the/new")
    # Prefilled from the bloc's latest year, as make new does.
    expect(page.get_by_label("Tên báo", exact=True)).to_have_value("Báo Bắc Kạn")
    # Nothing is missing yet: a report may leave out its dates and byline ("không rõ").
    expect(_preview(page).get_by_text("Kiểm tra: không có lỗi")).to_be_visible(timeout=30_000)
    _shot(page, "bien-tap-bai-moi")
    page.get_by_label("Tiêu đề", exact=True).fill("Khối thi đua MTTQ và các đoàn thể Bắc Kạn tổng kết năm 2024")
    page.get_by_label("Ngày đăng (không bắt buộc)", exact=True).fill("2024-12-20")
    page.get_by_label("Ngày họp (không bắt buộc)", exact=True).fill("2024-12-19")
    page.get_by_role("button", name="Thêm khối trưởng, khối phó").click()
    page.get_by_label("Năm", exact=True).last.fill("2024")
    _choose(page, "Khối trưởng", "hoi cuu chien", "Hội Cựu chiến binh tỉnh")
    _choose(page, "Khối phó", "hnd", "HND → Hội Nông dân tỉnh")
    page.get_by_role("button", name="Thêm khen thưởng").click()
    _choose(page, "Hình thức", "co thi dua cua uy ban", "Cờ thi đua của Ủy ban nhân dân tỉnh")
    _choose(page, "Cấp khen", "ubnd", "UBND tỉnh → Ủy ban nhân dân tỉnh")
    page.get_by_role("button", name="Thêm đơn vị nhận").click()
    _choose(page, "Tên", "doan thanh nien", "Đoàn Thanh niên → Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh")
    page.get_by_label("Năm thành tích", exact=True).fill("2024")
    _choose(page, "Tình trạng", "de nghi", "Đề nghị")
    page.get_by_label("Câu trong bài", exact=True).fill("đề nghị UBND tỉnh tặng Cờ thi đua cho Tỉnh Đoàn")
    expect(_preview(page).get_by_text("Kiểm tra: không có lỗi")).to_be_visible(timeout=30_000)
    _shot(page, "bien-tap-khong-loi")
    _publish(page)

    saved = editor_site.content / NEW_REPORT
    deadline = time.monotonic() + 30
    while not saved.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Khối thi đua MTTQ")
    assert "  kinds: [tong-ket]\n" in text
    settings = read_settings(str(editor_site.root / "pelicanconf.py"),
                             override={"LOAD_CONTENT_CACHE": False})
    assert [found.format() for found in find_problems(settings)] == []

    built = build_site(editor_site.content, tmp_path / "output")
    year_page = built.page("khoi/bac-kan/mttq-va-cac-doan-the/2024.html")
    main = " ".join(year_page.find("main").get_text(" ").split())
    assert "Hội Cựu chiến binh tỉnh" in " ".join(year_page.select_one("#khoi-truong + dl").get_text(" ").split())
    for name in ("Hội Nông dân tỉnh", "Liên đoàn Lao động tỉnh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh",
                 "Cờ thi đua của Ủy ban nhân dân tỉnh"):
        assert name in main


def test_saving_an_edit_changes_only_the_line_edited(page: Page, editor_site: EditorSite) -> None:
    path = editor_site.content / EXISTING
    before = path.read_text(encoding="utf-8")
    slug = EXISTING.removeprefix("articles/bac-kan/").removesuffix(".md")
    page.goto(f"{editor_site.url}#/collections/bac-kan/entries/{slug}")
    place = page.get_by_label("Nơi họp (không bắt buộc)", exact=True)
    expect(place).to_be_visible()
    expect(_preview(page).get_by_text("Kiểm tra: không có lỗi")).to_be_visible(timeout=30_000)
    place.fill("TP Bắc Kạn")
    _publish(page)
    deadline = time.monotonic() + 30
    while path.read_text(encoding="utf-8") == before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert path.read_text(encoding="utf-8") == before.replace(
        "  date: 2020-12-29\n", "  date: 2020-12-29\n  place: TP Bắc Kạn\n", 1)


def test_the_preview_pane_names_the_field_and_axe_finds_no_violation(page: Page, editor_site: EditorSite) -> None:
    slug = EXISTING.removeprefix("articles/bac-kan/").removesuffix(".md")
    page.goto(f"{editor_site.url}#/collections/bac-kan/entries/{slug}")
    page.get_by_label("Năm được tổng kết (không bắt buộc)", exact=True).fill("1900")
    problem = _preview(page).locator("li[data-code]").first
    expect(problem).to_contain_text("conference.year_reviewed", timeout=30_000)
    _shot(page, "bien-tap-loi")
    frame = next(frame for frame in page.frames if frame.parent_frame is not None)
    frame.add_script_tag(path=str(AXE))
    # What this project writes into the pane (Decap's own frame around it is Decap's).
    results = frame.evaluate("axe.run(document.querySelector('.blocs-preview'), {resultTypes: ['violations']})")
    assert results["passes"]
    assert [(violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in results["violations"]] == []
