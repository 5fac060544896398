"""What a report may put into a page: its Markdown body as sanitised HTML, its front matter as text.

The body's HTML goes through nh3 (the Python binding of the Rust crate ammonia, an HTML5
parser-based sanitiser): only the elements and attributes a news report needs are kept, and
links and images only with http, https, mailto or relative URLs. Parsing the HTML as a browser
would, ammonia sees through mixed case, entities, tabs inside URLs and broken markup, which no
hand-written filter keeps up with. ``BLOCS_TRUSTED_AUTHORS`` turns this off for a site whose
writers may publish any HTML.

Front matter is never HTML: a summary becomes one paragraph of escaped text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import nh3

TRUSTED_SETTING = "BLOCS_TRUSTED_AUTHORS"

_HEADINGS = {f"h{level}" for level in range(1, 7)}
ALLOWED_TAGS = frozenset({
    *_HEADINGS, "p", "br", "hr", "blockquote", "pre", "code", "kbd", "samp",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "a", "img", "figure", "figcaption",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "q", "cite",
    "div", "span",
})
# Python-Markdown writes heading ids (toc), footnotes (ids, classes) and table alignment
# (a style with text-align only, see below); code blocks get classes from codehilite.
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    **{heading: {"id"} for heading in _HEADINGS},
    "a": {"href", "title", "id", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "style", "align"},
    "td": {"colspan", "rowspan", "style", "align"},
    "ol": {"start"},
    "li": {"id"},
    "sup": {"id"},
    "abbr": {"title"},
    "div": {"class"},
    "span": {"class"},
    "code": {"class"},
    "pre": {"class"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
STYLE_PROPERTIES = frozenset({"text-align"})
# A web address as a browser reads it: the scheme first, in any case, nothing before it.
_WEB_URL = re.compile(r"https?://[^\x00-\x20]", re.IGNORECASE)


def trusted(settings: Mapping[str, object]) -> bool:
    return bool(settings.get(TRUSTED_SETTING, False))


# Made once: setting up ammonia's builder cost as much as cleaning a report.
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=set(URL_SCHEMES),
    # Links are kept as written: ammonia would add rel="noopener noreferrer" to each.
    link_rel=None,
    filter_style_properties=set(STYLE_PROPERTIES),
)


def sanitise(fragment: str) -> str:
    """The HTML of a Markdown body with everything outside the allow-list removed."""
    return _CLEANER.clean(fragment)


def text_paragraph(text: str) -> str:
    """Plain text from front matter as one HTML paragraph (Pelican takes a summary as HTML)."""
    return f"<p>{html.escape(text.strip(), quote=False)}</p>"


def web_url(value: object) -> str | None:
    """A front-matter URL fit for a link (http or https), or None: a preview still shows an
    article whose ``source.url`` failed its check, and must not turn it into a link."""
    return value if isinstance(value, str) and _WEB_URL.match(value) else None
