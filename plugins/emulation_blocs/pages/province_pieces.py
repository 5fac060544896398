"""The pieces of ``results_macros.html`` — a province's change of 1 July 2025, a province's name
with its successor, the links to a page's data files — and the feed links of
``blocs_macros.html``, as Jinja globals written in Python (see :mod:`.pieces`).

Importing a macro module costs every page that imports it a comparison of the page's context
with the module's globals, even when the macro then writes nothing (most provinces did not
change): with these, the plugin's templates import no macro module. The macros stay, as
wrappers, for a theme that imports them. Escaped as Jinja's autoescape escaped: every name,
text and URL; not the words written here.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from ..domain.model import Entry, Province
from ..registry.registry import transition_date
from .escaping import escaped
from .formatting import iso_date, vi_date


def _day(value: object) -> str:
    return f'<time datetime="{escaped(iso_date(value))}">{escaped(vi_date(value))}</time>'  # type: ignore[arg-type]


def province_change(province: Province, siteurl: str) -> Markup:
    """A former province: until when, and which province took it over; a successor: which
    provinces it took over, and when. Nothing for a province that did not change."""
    base = escaped(siteurl)
    parts = []
    if province.successor:
        merged = f" ({escaped(province.merged_by)})" if province.merged_by else ""
        successor = province.successor
        parts.append(
            f'<p class="notice province-change">{escaped(province.heading)} tồn tại đến hết ngày '
            f"{_day(province.until)}. Từ ngày {_day(transition_date(province))}{merged}, địa bàn thuộc "
            f'<a href="{base}/{escaped(successor.url)}">{escaped(successor.title)}</a>. Các trang và bài viết '
            f"giữ nguyên tên {escaped(province.title)} như khi đăng.</p>\n")
    if province.predecessors:
        formers = "; ".join(
            f'<a href="{base}/{escaped(former.url)}">{escaped(former.title)}</a> (từ ngày '
            f"{_day(transition_date(former))}{f', {escaped(former.merged_by)}' if former.merged_by else ''})"
            for former in province.predecessors)
        parts.append(f'<p class="notice province-change">{escaped(province.heading)} nay gồm cả địa bàn của: '
                     f"{formers}.</p>\n")
    return Markup("".join(parts))


def province_name(province: Province, siteurl: str, url: str | None = None) -> Markup:
    """A province's name linked (to ``url``, else its page), with its successor if it has one."""
    base = escaped(siteurl)
    text = f'<a href="{base}/{escaped(url or province.url)}">{escaped(province.name)}</a>'
    if province.successor:
        text += (f' <small class="province-change">(đến {escaped(vi_date(province.until))}; từ '
                 f"{escaped(vi_date(transition_date(province)))} thuộc "
                 f'<a href="{base}/{escaped(province.successor.url)}">{escaped(province.successor.title)}</a>)</small>')
    return Markup(text)


def data_links(files: Sequence, siteurl: str) -> Markup:
    """Links to a page's data files, with their media types; nothing without files."""
    if not files:
        return Markup("")
    base = escaped(siteurl)
    links = " · ".join(
        f'<a href="{base}/{escaped(file.url)}" type="{escaped(file.media_type)}">{escaped(file.title)}</a>'
        for file in files)
    return Markup(f'<p class="data-links">Dữ liệu mở: {links}</p>')


def feed_link(entry: Entry, name: str, feed_domain: str) -> Markup:
    """A paragraph linking to the entry's Atom feed, where it has one."""
    if not entry.feed_url:
        return Markup("")
    return Markup(f'<p class="feed"><a href="{escaped(feed_domain)}/{escaped(entry.feed_url)}" '
                  f'type="application/atom+xml">Theo dõi tin mới của {escaped(name)} (Atom)</a></p>')


def feed_alternate(entry: Entry, name: str, feed_domain: str) -> Markup:
    """The ``<link rel="alternate">`` to the entry's Atom feed, where it has one."""
    if not entry.feed_url:
        return Markup("")
    return Markup(f'<link rel="alternate" type="application/atom+xml" title="{escaped(name)}" '
                  f'href="{escaped(feed_domain)}/{escaped(entry.feed_url)}">')


GLOBALS = {
    "province_change_html": province_change,
    "province_name_html": province_name,
    "data_links_html": data_links,
    "feed_link_html": feed_link,
    "feed_alternate_html": feed_alternate,
}
