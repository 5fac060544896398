"""Finding and changing the links of an HTML page without re-serialising it.

The standard library's tokenizer (:class:`html.parser.HTMLParser`) finds the tags; each link
is then changed in place in the original text, so that the rest of the page keeps its bytes.
Links are ``href``, ``src`` and ``action`` (a form's) attributes and the URL of a
``<meta http-equiv="refresh">``.
"""

from __future__ import annotations

import bisect
import dataclasses
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

_ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
_REFRESH_URL = re.compile(r"""(^\s*\d+\s*;\s*url\s*=\s*)(\S.*?)\s*$""", re.IGNORECASE)
LINK_ATTRIBUTES = {"href", "src", "action"}


@dataclass(frozen=True)
class Link:
    tag: str
    attribute: str  # "href", "src", or "content" for a refresh
    url: str  # unescaped
    start: int  # span of the escaped URL in the page's text
    end: int
    tag_start: int  # span of the whole start tag
    tag_end: int
    close_start: int = -1  # span of the matching end tag of an <a>, when there is one
    close_end: int = -1


@dataclass
class _Tag:
    name: str
    start: int
    end: int
    raw: str
    attrs: dict[str, str | None]


class _Scanner(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.tags: list[_Tag] = []
        self.closes: list[tuple[str, int, int]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        start = self._offset()
        self.tags.append(_Tag(tag, start, start + len(raw), raw, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        self.closes.append((tag, start, self.text.index(">", start) + 1))


def _scan(text: str) -> _Scanner:
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    return scanner


def _is_refresh(tag: _Tag) -> bool:
    return tag.name == "meta" and (tag.attrs.get("http-equiv") or "").lower() == "refresh"


def _links_of(tag: _Tag) -> list[Link]:
    found = []
    for match in _ATTRIBUTE.finditer(tag.raw):
        name, quoted = match.group(1).lower(), match.group(2)
        quote = 1 if quoted[:1] in "\"'" else 0
        value_start = tag.start + match.start(2) + quote
        value = quoted[quote : len(quoted) - quote]
        if name in LINK_ATTRIBUTES:
            found.append(Link(tag.name, name, html.unescape(value), value_start, value_start + len(value),
                              tag.start, tag.end))
        elif name == "content" and _is_refresh(tag):
            refresh = _REFRESH_URL.match(value)
            if refresh:
                url_start = value_start + refresh.start(2)
                found.append(Link(tag.name, name, html.unescape(refresh.group(2)), url_start,
                                  url_start + len(refresh.group(2)), tag.start, tag.end))
    return found


def find_links(text: str) -> list[Link]:
    """Every link of the page, in order; an ``<a>``'s links know where its end tag is."""
    scanner = _scan(text)
    closes = [(start, end) for name, start, end in scanner.closes if name == "a"]
    close_starts = [start for start, _end in closes]
    links: list[Link] = []
    for tag in scanner.tags:
        close = (-1, -1)
        if tag.name == "a":  # an <a> cannot contain another: its end tag is the next </a>
            following = bisect.bisect_left(close_starts, tag.end)
            close = closes[following] if following < len(closes) else close
        start, end = close
        links.extend(dataclasses.replace(link, close_start=start, close_end=end) for link in _links_of(tag))
    return links


def anchors(text: str) -> set[str]:
    """The fragment names a page answers: every ``id``, and the ``name`` of its ``<a>``s."""
    found = set()
    for tag in _scan(text).tags:
        if tag.attrs.get("id"):
            found.add(str(tag.attrs["id"]))
        if tag.name == "a" and tag.attrs.get("name"):
            found.add(str(tag.attrs["name"]))
    return found


Change = Callable[[Link], "str | None"]


def rewrite(text: str, change: Change, unwrap: Callable[[Link], bool] = lambda link: False,
            unwrapped_class: str = "") -> str:
    """The page with each link's URL replaced by ``change(link)`` (None keeps it), and each
    ``<a>`` for which ``unwrap(link)`` is true turned into a ``<span>`` with its text."""
    edits: list[tuple[int, int, str]] = []
    for link in find_links(text):
        if link.tag == "a" and link.attribute == "href" and link.close_start >= 0 and unwrap(link):
            attributes = f' class="{html.escape(unwrapped_class)}"' if unwrapped_class else ""
            edits.append((link.tag_start, link.tag_end, f"<span{attributes}>"))
            edits.append((link.close_start, link.close_end, "</span>"))
            continue
        new = change(link)
        if new is not None and new != link.url:
            edits.append((link.start, link.end, html.escape(new, quote=True)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text
