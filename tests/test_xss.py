"""No script from content: known XSS vectors in a report's body and in every text field of its
front matter are built into a published site (feeds, JSON-LD, open data, search index), and
nothing executable survives in any output; the front-matter text is shown as written."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from authoring_helpers import REPO, make_site
from bs4 import BeautifulSoup
from emulation_blocs.commands.build import build
from published_site_helpers import chromium, free_port, serve

# Known vectors (OWASP's filter evasion cheat sheet, html5sec.org), as HTML.
HTML_VECTORS = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(2)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<img src=x onerror=alert(3)>",
    "<IMG SRC=x OnErRoR=alert(4)>",
    "<svg onload=alert(5)>",
    "<svg><script>alert(6)</script></svg>",
    "<iframe src=\"javascript:alert(7)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(8)</script>\"></iframe>",
    "<a href=\"javascript:alert(9)\">a</a>",
    "<a href=\"JaVaScRiPt:alert(10)\">a</a>",
    "<a href=\"&#106;&#97;vascript:alert(11)\">a</a>",
    "<a href=\"&#x6A;avascript&#x3A;alert(12)\">a</a>",
    "<a href=\"java&#x09;script:alert(13)\">a</a>",
    "<a href=\" &#14; javascript:alert(14)\">a</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxNSk8L3NjcmlwdD4=\">a</a>",
    "<a href=\"vbscript:msgbox(16)\">a</a>",
    "<a href=\"VBScript:msgbox(17)\">a</a>",
    "<div style=\"background:url(javascript:alert(18))\">s</div>",
    "<div style=\"width:expression(alert(19))\">s</div>",
    "<style>body{background:url(\"javascript:alert(20)\")}</style>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(21)\">",
    "<object data=\"javascript:alert(22)\"></object>",
    "<embed src=\"javascript:alert(23)\">",
    "<form action=\"javascript:alert(24)\"><button>b</button></form>",
    "<button formaction=\"javascript:alert(25)\">b</button>",
    "<body onload=alert(26)>",
    "<details open ontoggle=alert(27)>d</details>",
    "<input autofocus onfocus=alert(28)>",
    "<video><source onerror=alert(29)></video>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(30)>",
    "<!--<img src=\"--><img src=x onerror=alert(31)//\">",
    "<base href=\"javascript:alert(32)//\">",
    "<link rel=stylesheet href=\"javascript:alert(33)\">",
    "\"><script>alert(34)</script>",
    "'><img src=x onerror=alert(35)>",
    "</script><script>alert(36)</script>",
    "</title><script>alert(37)</script>",
    "]]><script>alert(38)</script>",
    "<svg><a xlink:href=\"javascript:alert(39)\"><text x=\"0\" y=\"9\">x</text></a></svg>",
    "<a href=\"%6A%61vascript:alert(40)\">a</a>",
]
# The same in Markdown's own link syntax, in the body.
MARKDOWN_VECTORS = [
    "[m1](javascript:alert(101))",
    "[m2](JAVASCRIPT:alert(102))",
    "[m3](&#x6A;avascript:alert(103))",
    "[m4](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMDQpPC9zY3JpcHQ+)",
    "[m5](vbscript:msgbox(105))",
    "![m6](javascript:alert(106))",
    "<javascript:alert(107)>",
    "[m8][ref]\n\n[ref]: javascript:alert(108)",
    "[m9](java\tscript:alert(109))",
]
EVERYTHING = " ".join(HTML_VECTORS)
# What a report needs, and keeps.
REPORT_BODY = """## Kết quả

Kết quả đạt <90% kế hoạch, >80% năm trước; *nhấn mạnh*, **đậm**, `mã`.

> Trích lời phát biểu.

- một
- hai

| Đơn vị | Điểm |
|:--|--:|
| Hội Nông dân | 95 |

![Ảnh hội nghị](anh/hoi-nghi.jpg "Hội nghị")

[Báo Bắc Kạn](https://baobackan.example.vn/bai), [thư](mailto:toasoan@example.vn),
[khối](../../khoi/bac-kan/mttq-va-cac-doan-the.html)."""
ARTICLE = "articles/bac-kan/2020/2020-12-31-xss.md"
REAL = "2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.md"
PERCENT_ARTICLE = "articles/bac-kan/2020/2020-12-29-ty-le.md"
PERCENT_TITLE = "Khối MTTQ Bắc Kạn: tỷ lệ hội viên tham gia <90% năm 2019, >80% năm 2020"
TEXT_FIELDS = ("title", "author", "summary", "source.paper", "conference.place", "members.note",
               "awards[0].as_written", "awards[0].decision", "movements[0].name")
# What the site's own pages may carry that a report may not.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcset")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
NEVER = ("iframe", "frame", "object", "embed", "applet", "base", "style")


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a double-quoted YAML scalar


def xss_report() -> str:
    text = _quoted(EVERYTHING)
    body = "\n\n".join([REPORT_BODY, *MARKDOWN_VECTORS, *HTML_VECTORS])
    return f"""---
title: {text}
date: 2020-12-31
author: {text}
summary: {text}
source:
  paper: {text}
  url: https://baobackan.example.vn/bai?a=1&b=<script>
province: Bắc Kạn
bloc: Khối thi đua MTTQ và các đoàn thể
conference:
  kinds: [tong-ket]
  date: 2020-12-30
  place: {text}
  year_reviewed: 2020
members:
  year: 2020
  list: [Hội Liên hiệp Phụ nữ tỉnh]
  note: {text}
awards:
  - type: co-thi-dua-tinh
    authority: UBND tỉnh
    recipients: [Hội Liên hiệp phụ nữ tỉnh]
    year: 2020
    status: de-nghi
    as_written: {text}
    decision: {text}
movements:
  - name: {text}
---
{body}
"""


@pytest.fixture(scope="module")
def port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, port: int) -> Path:
    """A production build (absolute URLs, feeds, strict) of the real content and the report,
    for the address it is served from in the browser test."""
    site_url = f"http://127.0.0.1:{port}"
    root = tmp_path_factory.mktemp("xss")
    site = make_site(root, articles=True)
    (site.content / ARTICLE).write_text(xss_report(), encoding="utf-8")
    percent = (REPO / "content" / "articles" / "bac-kan" / "2020" / REAL).read_text(encoding="utf-8")
    percent = re.sub(r"^title: .*$", f"title: {_quoted(PERCENT_TITLE)}", percent, count=1, flags=re.MULTILINE)
    percent = percent.replace("date: 2020-12-30", "date: 2020-12-29")
    (site.content / PERCENT_ARTICLE).write_text(percent, encoding="utf-8")
    return build(str(site.publish_settings), str(site.output),
                 {"SITEURL": site_url, "FEED_DOMAIN": site_url, "CACHE_PATH": str(root / "cache")})


def _squeezed(value: str) -> str:
    """A URL as a browser's URL parser reads its scheme (WHATWG): leading and trailing controls
    and spaces stripped, tabs and newlines removed anywhere, any case."""
    return re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21))))).lower()


def executable_parts(soup: BeautifulSoup, page: str) -> Iterator[str]:
    """Everything in ``soup`` that could run script, except the site's own scripts and forms."""
    for element in soup.find_all(True):
        name = element.name.lower()
        for attribute, value in element.attrs.items():
            shown = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.lower().startswith("on"):
                yield f"{page}: <{name} {attribute}>"
            if attribute.lower() in URL_ATTRIBUTES and _squeezed(shown).startswith(DANGEROUS_SCHEMES):
                yield f"{page}: <{name} {attribute}={shown!r}>"
            if attribute.lower() == "style" and re.search(r"expression|url\(|javascript", shown, re.IGNORECASE):
                yield f"{page}: <{name} style={shown!r}>"
        if name in NEVER:
            yield f"{page}: <{name}>"
        if name == "script" and not _own_script(element, page):
            yield f"{page}: <script {element.attrs}>"
        if name == "form" and element.get("role") != "search":
            yield f"{page}: <form {element.attrs}>"
        if name == "meta" and str(element.get("http-equiv", "")).lower() == "refresh" \
                and "javascript" in _squeezed(str(element.get("content", ""))):
            yield f"{page}: <meta refresh {element.get('content')!r}>"


def _own_script(element: BeautifulSoup, page: str) -> bool:
    if element.get("type") == "application/ld+json" and not element.get("src"):
        text = element.string or ""
        json.loads(text)  # whole: nothing closed the element early
        return "</script" not in text.lower()
    return page == "tim-kiem.html" and element.get("type") == "module" and not element.get("src")


def _html_files(output: Path) -> list[Path]:
    return sorted(path for path in output.rglob("*.html") if "pagefind" not in path.parts)


def test_no_page_carries_an_executable_vector(published: Path) -> None:
    found = []
    for path in _html_files(published):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        found.extend(executable_parts(soup, path.relative_to(published).as_posix()))
    assert found == []


def test_front_matter_is_shown_as_written(published: Path) -> None:
    page = BeautifulSoup((published / "tin/2020/2020-12-31-xss.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text() == EVERYTHING
    assert page.title.get_text() == f"{EVERYTHING} — Thi đua khối, cụm"
    assert page.find("meta", property="og:title")["content"] == f"{EVERYTHING} — Thi đua khối, cụm"
    assert page.find("meta", attrs={"name": "description"})["content"] == EVERYTHING
    assert EVERYTHING in page.select_one("p.meta").get_text()  # author and paper
    source = page.select_one("p.meta a[rel~=external]")
    assert source["href"] == "https://baobackan.example.vn/bai?a=1&b=<script>"
    assert source.get_text() == EVERYTHING
    home = BeautifulSoup((published / "index.html").read_text(encoding="utf-8"), "html.parser")
    summaries = [item.get_text() for item in home.select(".news-list .summary")]
    assert EVERYTHING in summaries
    bloc_year = BeautifulSoup((published / "khoi/bac-kan/mttq-va-cac-doan-the/2020.html").read_text(encoding="utf-8"),
                              "html.parser")
    shown = bloc_year.get_text()
    assert shown.count(EVERYTHING) >= 4  # place is on the article; note, as written, decision, movement here


def test_body_keeps_what_a_report_needs(published: Path) -> None:
    page = BeautifulSoup((published / "tin/2020/2020-12-31-xss.html").read_text(encoding="utf-8"), "html.parser")
    body = page.select_one("div.body")
    assert "Kết quả đạt <90% kế hoạch, >80% năm trước; nhấn mạnh" in body.get_text()
    assert [heading.get_text() for heading in body.find_all("h2")] == ["Kết quả"]
    assert [cell.get_text() for cell in body.select("table td")] == ["Hội Nông dân", "95"]
    assert body.select_one("table td")["style"] == "text-align:left"
    assert [item.get_text() for item in body.select("ul li")] == ["một", "hai"]
    assert body.blockquote and body.em and body.strong and body.code
    image = body.find("img", alt="Ảnh hội nghị")
    assert (image["src"], image["title"]) == ("anh/hoi-nghi.jpg", "Hội nghị")
    links = {link.get_text(): link.get("href") for link in body.find_all("a")}
    assert links["Báo Bắc Kạn"] == "https://baobackan.example.vn/bai"
    assert links["thư"] == "mailto:toasoan@example.vn"
    assert links["khối"] == "../../khoi/bac-kan/mttq-va-cac-doan-the.html"
    assert links["m1"] is None and links["m8"] is None  # the text stays, the link goes


def test_json_ld_is_whole_and_says_the_text(published: Path) -> None:
    page = (published / "tin/2020/2020-12-31-xss.html").read_text(encoding="utf-8")
    scripts = BeautifulSoup(page, "html.parser").find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["headline"] == EVERYTHING[:110]
    assert data["description"] == EVERYTHING
    assert data["isBasedOn"] == "https://baobackan.example.vn/bai?a=1&b=<script>"
    assert page.lower().count("<script") == page.lower().count("</script>") == 1


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "feeds/tinh/bac-kan.atom.xml",
                                  "feeds/khoi/bac-kan/mttq-va-cac-doan-the.atom.xml"])
def test_feeds_parse_and_carry_no_executable_vector(published: Path, feed: str) -> None:
    tree = ET.parse(published / feed)
    entries = {entry.find(f"{ATOM}title").text: entry for entry in tree.getroot().iter(f"{ATOM}entry")}
    entry = entries[EVERYTHING]  # the title as written: nothing stripped
    found = []
    for part in ("content", "summary"):
        element = entry.find(f"{ATOM}{part}")
        assert element is not None and element.get("type") == "html"
        soup = BeautifulSoup(element.text, "html.parser")
        found.extend(executable_parts(soup, f"{feed} {part}"))
        if part == "summary":
            assert soup.get_text() == EVERYTHING
    assert found == []


def test_open_data_carries_the_text_as_data(published: Path) -> None:
    data = json.loads((published / "data/nam/2020.json").read_text(encoding="utf-8"))
    assert EVERYTHING in set(_strings(data))
    table = (published / "data/nam/2020/khen-thuong.csv").read_text(encoding="utf-8")
    awards = list(csv.DictReader(io.StringIO(table)))
    assert any(EVERYTHING in row.values() for row in awards)


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


@pytest.mark.browser
def test_no_dialog_opens_in_a_browser(published: Path, port: int) -> None:
    """Every page that carries the vectors as text, and the search page's results for them
    (Pagefind's excerpts are written as HTML), in Chromium: no script of theirs runs."""
    base = serve(published, port)
    pages = [path.relative_to(published).as_posix() for path in _html_files(published)
             if "alert(" in path.read_text(encoding="utf-8")]
    assert "tin/2020/2020-12-31-xss.html" in pages
    opened: list[str] = []
    with chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda dialog: (opened.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for relative in pages:
            page.goto(f"{base}/{relative}", wait_until="load")
            page.wait_for_timeout(50)
        for query in ("alert", "onerror", "script"):
            page.goto(f"{base}/tim-kiem.html?q={query}", wait_until="load")
            page.locator("#ket-qua li").first.wait_for(timeout=10_000)
            page.wait_for_timeout(200)
        shown = page.locator("#ket-qua").inner_text()
        context.close()
    assert opened == []
    assert "<script>" in shown  # the vectors are found, as text


def test_an_unchecked_source_url_is_never_a_link(tmp_path: Path) -> None:
    """The preview shows an article whose ``source.url`` failed its check (TD102): as text."""
    site = make_site(tmp_path, articles=True)
    text = xss_report().replace("url: https://baobackan.example.vn/bai?a=1&b=<script>", "url: JavaScript:alert(1)")
    (site.content / ARTICLE).write_text(text, encoding="utf-8")
    output = build(str(site.preview_settings), str(site.output), {"CACHE_PATH": str(tmp_path / "cache")})
    page = BeautifulSoup((output / "tin/2020/2020-12-31-xss.html").read_text(encoding="utf-8"), "html.parser")
    assert "TD102" in {code.get_text() for code in page.select("section.problems code")}
    assert page.select("p.meta a") == []
    assert list(executable_parts(page, "preview")) == []


def test_trusted_authors_keep_their_html(tmp_path: Path) -> None:
    site = make_site(tmp_path, articles=True)
    (site.content / ARTICLE).write_text(xss_report(), encoding="utf-8")
    output = build(str(site.preview_settings), str(site.output),
                   {"CACHE_PATH": str(tmp_path / "cache"), "BLOCS_TRUSTED_AUTHORS": True})
    page = BeautifulSoup((output / "tin/2020/2020-12-31-xss.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("div.body iframe") is not None
    assert page.h1.get_text() == EVERYTHING  # front matter stays text


def test_the_theme_marks_safe_only_what_the_reader_made() -> None:
    uses = []
    for folder in (REPO / "theme" / "templates", REPO / "plugins" / "emulation_blocs" / "pages" / "templates"):
        for path in sorted(folder.glob("*.html")):
            text = path.read_text(encoding="utf-8")
            uses.extend((path.name, found) for found in re.findall(r"\{\{[^}]*\|\s*safe[^}]*\}\}", text))
    assert uses == [("article.html", "{{ article.content|safe }}"), ("index.html", "{{ article.summary|safe }}"),
                    ("page.html", "{{ page.content|safe }}")]


def test_a_title_with_angle_brackets_keeps_its_text(published: Path) -> None:
    """Plain text is escaped, never stripped as if it were HTML."""
    page = BeautifulSoup((published / "tin/2020/2020-12-29-ty-le.html").read_text(encoding="utf-8"), "html.parser")
    assert page.title.get_text() == f"{PERCENT_TITLE} — Thi đua khối, cụm"
    assert page.find("meta", property="og:title")["content"] == f"{PERCENT_TITLE} — Thi đua khối, cụm"
    assert json.loads(page.find("script", type="application/ld+json").string)["headline"] == PERCENT_TITLE[:110]
    for feed in ("feeds/all.atom.xml", "feeds/khoi/bac-kan/mttq-va-cac-doan-the.atom.xml"):
        entries = ET.parse(published / feed).getroot().iter(f"{ATOM}entry")
        titles = [entry.find(f"{ATOM}title").text for entry in entries]
        assert PERCENT_TITLE in titles, feed
