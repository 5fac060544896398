"""What search engines and link previews read: schema.org JSON-LD and Open Graph tags.

Each function returns plain data built from the model; the templates only write it out.
URLs in these formats must be absolute, so they are left out when SITEURL is relative
(the preview build), rather than written wrong.
"""

from __future__ import annotations

from typing import Any

import orjson
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..domain.model import OrganisationRecord, Report

SCHEMA_ORG = "https://schema.org"


def absolute(context: Context | dict, url: str) -> str | None:
    """The absolute address of a site URL, or None when the site has no absolute SITEURL."""
    site_url = str(context.get("SITEURL", ""))
    if not site_url.startswith(("http://", "https://")):
        return None
    return site_url.rstrip("/") + "/" + ("" if url == "index.html" else url)


def page_url(context: Context | dict) -> str | None:
    """The absolute address of the page being written (its file: URLs and files match here)."""
    return absolute(context, str(context.get("output_file") or ""))


def _text(html: str | None) -> str:
    """The text of an HTML fragment (a summary, or a block rendered by the template)."""
    return Markup(html or "").striptags()


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _publisher(context: Context | dict) -> dict[str, Any]:
    return _without_empty({"@type": "Organization", "name": context.get("SITENAME"),
                           "url": absolute(context, "index.html")})


def news_article(context: Context | dict, article: Any) -> dict[str, Any]:
    """schema.org NewsArticle for an article page."""
    report: Report | None = getattr(article, "report", None)
    source = (getattr(article, "report_data", None) or {}).get("source") or {}
    modified = getattr(article, "modified", None) or article.date
    about = []
    if report is not None:
        about.append(_without_empty({"@type": "Organization", "name": report.bloc.name,
                                     "url": absolute(context, report.bloc.url)}))
    author = getattr(article, "author", None)
    return _without_empty({
        "@context": SCHEMA_ORG,
        "@type": "NewsArticle",
        "headline": str(article.title)[:110],  # plain text from front matter, not HTML
        "description": _text(getattr(article, "summary", "")),
        "datePublished": article.date.isoformat(),
        "dateModified": modified.isoformat(),
        "inLanguage": context.get("DEFAULT_LANG", "vi"),
        "url": absolute(context, article.url),
        "mainEntityOfPage": absolute(context, article.url),
        "author": [{"@type": "Person", "name": author.name}] if author else [],
        "publisher": _publisher(context),
        "isBasedOn": source.get("url"),
        "sourceOrganization": _without_empty({"@type": "NewsMediaOrganization", "name": source.get("paper")}),
        "about": about,
        "contentLocation": ({"@type": "AdministrativeArea", "name": f"tỉnh {report.province.name}"}
                            if report is not None else None),
    })


def organisation(context: Context | dict, record: OrganisationRecord) -> dict[str, Any]:
    """schema.org Organization for an organisation page: its names, province, blocs and the
    awards conferred on it (proposals are not awards yet)."""
    entry = record.organisation
    blocs = {bloc_year.bloc: None for bloc_year in record.bloc_years}
    conferred = [f"{award.award.type.name} (thành tích năm {bloc_year.year})"
                 for bloc_year, award in record.awards if award.award.status == "da-tang"]
    return _without_empty({
        "@context": SCHEMA_ORG,
        "@type": "Organization",
        "name": entry.name,
        "alternateName": list(entry.aliases),
        "url": absolute(context, entry.url),
        "areaServed": {"@type": "AdministrativeArea", "name": f"tỉnh {entry.province.name}"},
        "memberOf": [_without_empty({"@type": "Organization", "name": bloc.name, "url": absolute(context, bloc.url)})
                     for bloc in blocs],
        "award": conferred,
    })


def json_ld(data: dict[str, Any]) -> Markup:
    """A ``<script type="application/ld+json">`` element. ``<``, ``>`` and ``&`` are written
    as JSON escapes, so no text from front matter can close the element."""
    text = orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode("utf-8")  # compact: every page carries it
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def open_graph(context: Context | dict, title: str, description: str, kind: str = "website") -> list[tuple[str, str]]:
    """Open Graph ``(property, content)`` pairs for the page being written."""
    tags = [("og:type", kind), ("og:site_name", str(context.get("SITENAME", ""))),
            ("og:locale", "vi_VN"), ("og:title", _text(title)), ("og:description", _text(description))]
    url = page_url(context)
    if url:
        tags.append(("og:url", url))
    return [(name, value) for name, value in tags if value]


FILTERS = {
    "news_article_ld": pass_context(news_article),
    "organisation_ld": pass_context(organisation),
    "json_ld": json_ld,
}
GLOBALS = {
    "open_graph": pass_context(open_graph),
    "page_url": pass_context(page_url),
}
