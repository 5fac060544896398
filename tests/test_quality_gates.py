"""Quality gates over the published site: axe-core (accessibility) and the Nu HTML checker
on every page type, and a link check of the whole output, published and preview builds.

The tools come from package.json (`npm ci`), Chromium and ChromeDriver from Debian; see
.ci/run. A missing tool fails the test rather than skipping it: a gate that can be
skipped is no gate."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import BuiltSite
from emulation_blocs.offline.htmllinks import find_links
from emulation_blocs.offline.linkcheck import Served, check_folder
from published_site_helpers import (
    CHROMEDRIVER,
    CHROMIUM,
    NODE_BIN,
    PAGE_TYPES,
    ROOT,
    published_site,
    require_chromium,
    require_node_tools,
)

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _axe(urls: list[str], report_dir: Path) -> list[dict]:
    require_chromium()
    require_node_tools("axe")
    command = [str(NODE_BIN / "axe"), *urls, "--chromedriver-path", CHROMEDRIVER, "--chrome-path", CHROMIUM,
               "--chrome-options", "headless,no-sandbox,disable-gpu", "--load-delay", "500",
               "--dir", str(report_dir), "--save", "axe.json", "--no-reporter"]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False,
                              env={**os.environ, "CHROMEDRIVER_SKIP_DOWNLOAD": "true"})
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads((report_dir / "axe.json").read_text(encoding="utf-8"))


@pytest.mark.browser
@pytest.mark.node
def test_axe_finds_no_violation_on_any_page_type(tmp_path: Path) -> None:
    site = published_site()
    urls = [site.url(path) for path in PAGE_TYPES.values()]
    urls.append(site.url(PAGE_TYPES["search"]) + "?q=phu+nu")  # with results shown by the script
    results = _axe(urls, tmp_path)
    assert sorted(result["url"] for result in results) == sorted(urls)
    for result in results:
        assert result["passes"], f"axe checked nothing on {result['url']}"
    violations = [
        f"{result['url']}: {violation['id']} ({violation['impact']}) "
        f"{[node['target'] for node in violation['nodes']][:3]} — {violation['help']}"
        for result in results for violation in result["violations"]
    ]
    assert violations == []


def _vnu(paths: list[Path]) -> list[dict]:
    assert VNU_JAR.is_file(), "node_modules/vnu-jar missing: run `npm ci` (see .ci/run)"
    finished = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--also-check-css",
                               *map(str, paths)], capture_output=True, text=True, timeout=600, check=False)
    return json.loads(finished.stderr)["messages"]


@pytest.mark.java
@pytest.mark.node
def test_nu_html_checker_finds_no_error() -> None:
    """Every page of the published site (not only one per type), and the stylesheet."""
    site = published_site()
    pages = sorted(path for path in site.output.rglob("*.html") if "pagefind" not in path.parts)
    assert len(pages) > len(PAGE_TYPES)
    messages = _vnu([*pages, site.output / "theme" / "css" / "site.css"])
    errors = [f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message['message']}"
              for message in messages if message["type"] in ("error", "non-document-error")]
    assert errors == []


@pytest.mark.parametrize("build", ["published", "preview"])
def test_every_link_reaches_a_file_and_fragment(build: str, site: BuiltSite) -> None:
    if build == "published":
        output, site_url = published_site().output, published_site().base_url
    else:
        output, site_url = site.output, ""
    links = sum(len(find_links(path.read_text(encoding="utf-8"))) for path in output.rglob("*.html"))
    assert links > 500  # the check below looked at the whole site
    assert check_folder(output, Served(site_url)) == []


def test_link_checker_reports_broken_links(tmp_path: Path) -> None:
    """The checker itself, for a served site: a missing file, a missing fragment, a link
    leaving the site and a file loaded from another host are caught; a folder link, a link
    from the root and a link with the site's own address reach their files."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="z"></p>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/b.html#x">b</a><a href="a/">a</a><a href="/a/#z">z</a><p id="here"></p>'
        '<a href="#here">here</a><a href="#gone">gone</a><a href="https://site.example/a/b.html">own</a>'
        '<a href="https://site.example/none.html">own, missing</a><a href="https://other.example/">other</a>'
        '<script src="https://cdn.example/x.js"></script><form action="tim.html"></form>', encoding="utf-8")
    (tmp_path / "a" / "b.html").write_text('<h1 id="y">b</h1><a href="../../up.html">x</a>', encoding="utf-8")
    found = {(link.page, link.url, link.reason) for link in check_folder(tmp_path, Served("https://site.example"))}
    assert found == {
        ("index.html", "a/b.html#x", "trang không có mục #x"),
        ("index.html", "#gone", "trang không có mục #gone"),
        ("index.html", "https://site.example/none.html", "không có tệp này"),
        ("index.html", "https://cdn.example/x.js", "tải tệp từ máy khác"),
        ("index.html", "tim.html", "không có tệp này"),
        ("a/b.html", "../../up.html", "dẫn ra ngoài thư mục"),
    }
