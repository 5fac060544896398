"""`make devserver` (`python -m emulation_blocs serve`): after a file is saved, the site is
rebuilt and the open pages are told to reload — through the same websocket protocol the
page's livereload script speaks — and content problems show on the article's page and in
the terminal."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from authoring_helpers import PLUGINS, Site, make_site
from bs4 import BeautifulSoup
from incremental_helpers import tree_bytes
from search_helpers import BUNDLE, assert_whole, indexed_anew
from tornado.websocket import WebSocketClientConnection, websocket_connect

ARTICLE = "articles/bac-kan/2020/2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.md"
PAGE = "tin/2020/2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.html"


class Preview:
    def __init__(self, site: Site, port: int, process: subprocess.Popen, log: Path) -> None:
        self.site, self.port, self.process, self.log = site, port, process, log

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url(path), timeout=10) as response:
            return response.read().decode("utf-8")

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup(self.get(path), "html.parser")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    site = make_site(tmp_path / "site", articles=True)
    port, log = _free_port(), tmp_path / "terminal.txt"
    env = {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONIOENCODING": "utf-8"}
    with log.open("w", encoding="utf-8") as terminal:
        process = subprocess.Popen(
            [sys.executable, "-m", "emulation_blocs", "serve", "-s", str(site.preview_settings),
             "-o", str(site.output), "--port", str(port)],
            cwd=site.root, env=env, stdout=terminal, stderr=subprocess.STDOUT,
        )
    running = Preview(site, port, process, log)
    try:
        _wait_until_served(running)
        yield running
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_served(preview: Preview) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert preview.process.poll() is None, preview.log.read_text(encoding="utf-8")
        try:
            preview.get("index.html")
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    pytest.fail("the preview server did not start")


async def _connect(preview: Preview) -> WebSocketClientConnection:
    """What livereload.js does when a page opens: say hello, then which page it shows."""
    connection = await websocket_connect(f"ws://127.0.0.1:{preview.port}/livereload")
    await connection.write_message(json.dumps({"command": "hello",
                                               "protocols": ["http://livereload.com/protocols/official-7"]}))
    hello = json.loads(await connection.read_message())
    assert hello["command"] == "hello"
    await connection.write_message(json.dumps({"command": "info", "url": preview.url(PAGE), "plugins": {}}))
    await asyncio.sleep(0.5)  # the server registers the page on "info"
    return connection


async def _save_and_wait_for_reload(preview: Preview, edit: tuple[str, str]) -> dict:
    connection = await _connect(preview)
    source = preview.site.content / ARTICLE
    source.write_text(source.read_text(encoding="utf-8").replace(*edit, 1), encoding="utf-8")
    message = json.loads(await asyncio.wait_for(connection.read_message(), timeout=60))
    connection.close()
    return message


def test_pages_load_the_reload_script_from_the_preview_server_itself(preview: Preview) -> None:
    page = preview.page("index.html")
    scripts = [script for script in page.find_all("script") if "livereload.js" in script.get_text()]
    assert scripts, "the page has no reload script"
    # The script is fetched from the host and port the page came from: nothing from elsewhere.
    assert "window.location.hostname" in scripts[0].get_text()
    assert "livereload" in preview.get("livereload.js").lower()


def test_saving_an_article_rebuilds_and_reloads_the_page(preview: Preview) -> None:
    old = "title: Khối thi đua MTTQ và các đoàn thể Bắc Kạn tổng kết năm 2020"
    new = "title: Khối thi đua MTTQ và các đoàn thể Bắc Kạn tổng kết năm 2020 (đã sửa)"
    message = asyncio.run(_save_and_wait_for_reload(preview, (old, new)))
    assert message["command"] == "reload"
    heading = preview.page(PAGE).h1.get_text(strip=True)
    assert heading.startswith("Khối thi đua MTTQ và các đoàn thể Bắc Kạn tổng kết năm 2020 (đã sửa)")


def test_a_mistake_shows_on_the_article_page_and_in_the_terminal(preview: Preview) -> None:
    message = asyncio.run(_save_and_wait_for_reload(preview, ("  year_reviewed: 2020", "  year_reviewed: 2030")))
    assert message["command"] == "reload"
    problems = preview.page(PAGE).select("section.problems li")
    assert [item.code.get_text() for item in problems] == ["TD307"]
    assert "dòng 13" in problems[0].get_text()
    terminal = preview.log.read_text(encoding="utf-8")
    assert f"{ARTICLE}:13: TD307 [conference.year_reviewed]" in terminal
    assert preview.process.poll() is None  # a content mistake never stops the preview


def _served_index(preview: Preview, unlike: str | None = None) -> str:
    """The hash of the search index the preview serves, once it serves one (other than
    ``unlike``)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            entry = json.loads(preview.get(f"{BUNDLE}/pagefind-entry.json"))
        except urllib.error.HTTPError:  # not yet indexed
            entry = None
        if entry is not None and entry["languages"]["vi"]["hash"] != unlike:
            return str(entry["languages"]["vi"]["hash"])
        time.sleep(0.05)
    pytest.fail("the preview serves no search index" if unlike is None else "the search index was not made again")


def test_the_preview_indexes_its_pages_for_search_after_each_save(preview: Preview, tmp_path: Path) -> None:
    """The server's settings file does not name the search settings: the plugin's defaults
    (BLOCS_SEARCH_INDEX on) hold for the index the server makes after its builds."""
    first = _served_index(preview)
    assert_whole(preview.site.output / BUNDLE)
    old = "title: Khối thi đua MTTQ và các đoàn thể Bắc Kạn tổng kết năm 2020"
    asyncio.run(_save_and_wait_for_reload(preview, (old, old + " (tìm thấy)")))
    _served_index(preview, unlike=first)
    assert_whole(preview.site.output / BUNDLE)
    assert tree_bytes(preview.site.output / BUNDLE) == indexed_anew(preview.site.output, tmp_path / "anew" / "output")
