"""The published site (publishconf.py: absolute URLs, feeds, sitemap, search index), built
once per test run and served on the loopback interface, for the browser tests and the
quality gates; and how to start Debian's Chromium for them."""

from __future__ import annotations

import atexit
import contextlib
import functools
import http.server
import os
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from emulation_blocs.commands.build import build
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
NODE_BIN = ROOT / "node_modules" / ".bin"

# One page of each kind, from the real content.
PAGE_TYPES = {
    "home": "index.html",
    "article": "tin/2020/2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.html",
    "archives": "tin/index.html",
    "archives-year": "tin/2020/index.html",
    "provinces": "tinh/index.html",
    "province": "tinh/bac-kan.html",
    "former-province-successor": "tinh/thai-nguyen.html",
    "blocs": "khoi/index.html",
    "bloc": "khoi/bac-kan/mttq-va-cac-doan-the.html",
    "bloc-year": "khoi/bac-kan/mttq-va-cac-doan-the/2020.html",
    "organisations": "to-chuc/index.html",
    "organisation": "to-chuc/bac-kan/hoi-lien-hiep-phu-nu.html",
    "years": "nam/index.html",
    "year": "nam/2020.html",
    "year-province": "nam/2020/bac-kan.html",
    "open-data": "du-lieu.html",
    "search": "tim-kiem.html",
}


@dataclass(frozen=True)
class PublishedSite:
    output: Path
    base_url: str  # http://127.0.0.1:<port>, no trailing slash

    def url(self, relative: str) -> str:
        return f"{self.base_url}/{'' if relative == 'index.html' else relative}"

    def page(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / relative).read_text(encoding="utf-8"), "html.parser")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_published(output: Path, site_url: str) -> Path:
    """Build content/ with publishconf.py, as ``make publish`` does, for ``site_url``."""
    overrides = {"PATH": str(ROOT / "content"), "THEME": str(ROOT / "theme"),
                 "PLUGIN_PATHS": [str(ROOT / "plugins")], "CACHE_PATH": str(output.parent / "cache"),
                 "SITEURL": site_url, "FEED_DOMAIN": site_url}
    return build(str(ROOT / "publishconf.py"), str(output), overrides)


def serve(folder: Path, port: int | None = None) -> str:
    """Serve ``folder`` on the loopback interface until the run ends; its base URL."""
    port = port or free_port()
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    atexit.register(server.shutdown)
    return f"http://127.0.0.1:{port}"


@functools.cache
def published_site() -> PublishedSite:
    """Built once per test run; served until the run ends."""
    scratch = Path(tempfile.mkdtemp(prefix="published-site-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    port = free_port()
    output = build_published(scratch / "output", f"http://127.0.0.1:{port}")
    return PublishedSite(output, serve(output, port))


def require_chromium() -> None:
    if not Path(CHROMIUM).is_file():
        raise AssertionError(f"{CHROMIUM} is missing: apt-get install chromium chromium-driver fonts-liberation2")


def require_node_tools(*names: str) -> None:
    missing = [name for name in names if not (NODE_BIN / name).exists()]
    if missing:
        raise AssertionError(f"node_modules/.bin/{', '.join(missing)} missing: run `npm ci` (see .ci/run)")


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (its bundled browsers are never downloaded)."""
    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()

