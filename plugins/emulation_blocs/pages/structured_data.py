"""What search engines and link previews read: schema.org JSON-LD and Open Graph tags.

Each function returns plain data built from the model; the templates only write it out.
URLs in these formats must be absolute, so they are left out when SITEURL is relative
(the preview build), rather than written wrong. Each page's data reads SITEURL once
(:func:`_site_base`) for all its URLs.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import orjson
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..domain.model import Bloc, BlocRecord, BlocYear, Entry, OrganisationRecord, Province, ProvinceRecord, Report
from ..domain.years import Year, YearProvince
from ..source.sanitise import web_url

if TYPE_CHECKING:
    from ..opendata.files import DataFile

SCHEMA_ORG = "https://schema.org"


def absolute(context: Context | dict, url: str) -> str | None:
    """The absolute address of a site URL, or None when the site has no absolute SITEURL."""
    return _at(_site_base(context), url)


def _site_base(context: Context | dict) -> str | None:
    """SITEURL ending with one slash, or None when it is not absolute."""
    site_url = str(context.get("SITEURL", ""))
    if not site_url.startswith(("http://", "https://")):
        return None
    return site_url.rstrip("/") + "/"


def _at(base: str | None, url: str) -> str | None:
    """:func:`absolute`, with the SITEURL :func:`_site_base` gives."""
    if base is None:
        return None
    return base + ("" if url == "index.html" else url)


def page_url(context: Context | dict) -> str | None:
    """The absolute address of the page being written (its file: URLs and files match here)."""
    return absolute(context, str(context.get("output_file") or ""))


def _text(html: str | None) -> str:
    """The text of an HTML fragment (a summary, or a block rendered by the template)."""
    text = str(html or "")
    if "<" not in text and "&" not in text:  # no tag, comment or entity: its words, one space apart
        return " ".join(text.split())
    return Markup(text).striptags()


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without the values None, "", [] and {} (a true value is never one of them)."""
    return {key: value for key, value in data.items()
            if value or not (value is None or value == "" or value == [] or value == {})}


def _publisher(context: Context | dict, base: str | None) -> dict[str, Any]:
    return _without_empty({"@type": "Organization", "name": context.get("SITENAME"), "url": _at(base, "index.html")})


def news_article(context: Context | dict, article: Any) -> dict[str, Any]:
    """schema.org NewsArticle for an article page."""
    base = _site_base(context)
    report: Report | None = getattr(article, "report", None)
    source = (getattr(article, "report_data", None) or {}).get("source") or {}
    modified = getattr(article, "modified", None) or article.date
    about = []
    if report is not None:
        about.append(_without_empty({"@type": "Organization", "name": report.bloc.name,
                                     "url": _at(base, report.bloc.url)}))
    # The byline as the report gives it: none when it gives none (never the site's name).
    author = (getattr(article, "report_data", None) or {}).get("author")
    date_known = getattr(article, "date_known", True)
    return _without_empty({
        "@context": SCHEMA_ORG,
        "@type": "NewsArticle",
        "headline": str(article.title)[:110],  # plain text from front matter, not HTML
        "description": _text(getattr(article, "summary", "")),
        "datePublished": article.date.isoformat() if date_known else None,
        "dateModified": modified.isoformat() if date_known or getattr(article, "modified", None) else None,
        "inLanguage": context.get("DEFAULT_LANG", "vi"),
        "url": _at(base, article.url),
        "mainEntityOfPage": _at(base, article.url),
        "author": [{"@type": "Person", "name": author}] if author else [],
        "publisher": _publisher(context, base),
        "isBasedOn": web_url(source.get("url")),
        "sourceOrganization": _without_empty({"@type": "NewsMediaOrganization", "name": source.get("paper")}),
        "about": about,
        "contentLocation": ({"@type": "AdministrativeArea", "name": report.province.title}
                            if report is not None else None),
    })


def organisation(context: Context | dict, record: OrganisationRecord) -> dict[str, Any]:
    """schema.org Organization for an organisation page: its names, province, blocs and the
    awards conferred on it (proposals are not awards yet)."""
    base, entry = _site_base(context), record.organisation
    blocs = {bloc_year.bloc: None for bloc_year in record.bloc_years}
    conferred = [f"{award.award.type.name_in(entry.province)} (thành tích năm {bloc_year.year})"
                 for bloc_year, award in record.awards if award.award.status == "da-tang" and award.award.type]
    return _without_empty({
        "@context": SCHEMA_ORG,
        "@type": "Organization",
        "name": entry.name,
        "alternateName": list(entry.aliases),
        "url": _at(base, entry.url),
        "areaServed": {"@type": "AdministrativeArea", "name": entry.province.title},
        "memberOf": [_without_empty({"@type": "Organization", "name": bloc.name, "url": _at(base, bloc.url)})
                     for bloc in blocs],
        "award": conferred,
    })


def _area(province: Province) -> dict[str, Any]:
    return {"@type": "AdministrativeArea", "name": province.title}


def _reference(base: str | None, entry: Bloc | Entry, kind: str = "Organization") -> dict[str, Any]:
    """A thing of the site (a bloc, an organisation, a year) with its name, if it has one, and page."""
    return _without_empty({"@type": kind, "name": getattr(entry, "name", None), "url": _at(base, entry.url)})


def _iso_date(value: object) -> str | None:
    """A date the report gives, or None where it gives none: nothing is invented."""
    return value.isoformat() if isinstance(value, datetime.date) else None


def _downloads(base: str | None, files: Iterable[DataFile]) -> list[dict[str, Any]]:
    return [_without_empty({"@type": "DataDownload", "name": file.title, "encodingFormat": file.media_type,
                            "contentUrl": _at(base, file.url)}) for file in files]


def _item_list(context: Context | dict, base: str | None, name: str, items: list[dict[str, Any]],
               **more: Any) -> dict[str, Any]:
    return _without_empty({
        "@context": SCHEMA_ORG,
        "@type": "ItemList",
        "name": name,
        "url": _at(base, str(context.get("output_file") or "")),
        "numberOfItems": len(items),
        "itemListElement": [{"@type": "ListItem", "position": number, "item": item}
                            for number, item in enumerate(items, start=1)],
        **more,
    })


def _conference(base: str | None, report: Report, organizer: dict[str, Any]) -> dict[str, Any]:
    """schema.org Event for the conference a report tells of, with the report as its subject;
    ``organizer`` the reference to the report's bloc. Every page of a bloc-year lists its
    conferences: the dicts are made with their values, without :func:`_without_empty`."""
    held = report.conference
    location = {"@type": "Place", "address": _area(report.province)}
    if held.place:
        location["name"] = held.place
    article = {"@type": "NewsArticle"}
    for key, value in (("headline", str(report.title)[:110]), ("datePublished", _iso_date(report.published)),
                       ("url", _at(base, report.url))):
        if value:
            article[key] = value
    event = {
        "@type": "Event",
        "name": f"{', '.join(held.kind_labels)} — {report.bloc.name}",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": location,
        "organizer": organizer,
        "subjectOf": article,
    }
    start = held.date.iso
    if start:  # a day or a month, as the report gives it
        event["startDate"] = start
    return event


def bloc(context: Context | dict, record: BlocRecord) -> dict[str, Any]:
    """schema.org Organization for a bloc's page: its names, province, the members named in
    any year, and its open data."""
    base, entry = _site_base(context), record.bloc
    members = {organisation: None for bloc_year in record.years.values() for organisation in bloc_year.members}
    publication = context.get("publication")
    files = publication.bloc_files(entry) if publication is not None else []
    return _without_empty({
        "@context": SCHEMA_ORG,
        "@type": "Organization",
        "name": entry.name,
        "alternateName": [*entry.aliases, *entry.former_names],
        "url": _at(base, entry.url),
        "areaServed": _area(entry.province),
        "member": [_reference(base, organisation) for organisation in members],
        "subjectOf": _without_empty({"@type": "Dataset", "name": f"Dữ liệu của {entry.name}",
                                     "distribution": _downloads(base, files)}) if files else None,
    })


def bloc_year(context: Context | dict, entry: BlocYear) -> dict[str, Any]:
    """schema.org ItemList of the conferences of a bloc's year, each an Event."""
    base = _site_base(context)
    bloc = _reference(base, entry.bloc)
    events = [_conference(base, report, bloc if report.bloc is entry.bloc else _reference(base, report.bloc))
              for report in entry.reports]
    return _item_list(context, base, f"{entry.bloc.name} năm {entry.year}: các hội nghị", events, about=bloc)


def province(context: Context | dict, record: ProvinceRecord) -> dict[str, Any]:
    """schema.org ItemList of a province's blocs."""
    base = _site_base(context)
    blocs = [_without_empty({**_reference(base, bloc_record.bloc), "areaServed": _area(record.province)})
             for bloc_record in record.blocs]
    return _item_list(context, base, f"Các khối, cụm thi đua {record.province.title}", blocs,
                      about=_area(record.province))


def year(context: Context | dict, entry: Year | YearProvince) -> dict[str, Any]:
    """schema.org Dataset for the results of a year, of the country (with its downloads, the
    year's open data) or of one province (part of the country's)."""
    base = _site_base(context)
    one = isinstance(entry, YearProvince)
    if isinstance(entry, YearProvince):
        provinces, where = [entry.province], entry.province.title
    else:
        provinces = [item.province for item in entry.provinces]
        where = f"{len(provinces)} tỉnh"
    publication = context.get("publication")
    files = publication.year_files(entry.year) if publication is not None and not one else []
    country: Year | None = context.get("year") if one else None  # a province's year is part of it
    return _without_empty({
        "@context": SCHEMA_ORG,
        "@type": "Dataset",
        "name": f"Kết quả thi đua năm {entry.year} của các khối, cụm thi đua ({where})",
        "description": (f"Khối trưởng, Khối phó, thành viên và khen thưởng của {len(entry.bloc_years)} khối, cụm "
                        f"thi đua ở {where} cho thành tích năm {entry.year}, theo {len(entry.reports)} bài báo."),
        "url": _at(base, str(context.get("output_file") or "")),
        "temporalCoverage": str(entry.year),
        "spatialCoverage": [_area(item) for item in provinces],
        "inLanguage": context.get("DEFAULT_LANG", "vi"),
        "isAccessibleForFree": True,
        "publisher": _publisher(context, base),
        "distribution": _downloads(base, files),
        "isPartOf": _reference(base, country, "Dataset") if country is not None else None,
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
    "bloc_ld": pass_context(bloc),
    "bloc_year_ld": pass_context(bloc_year),
    "province_ld": pass_context(province),
    "year_ld": pass_context(year),
    "json_ld": json_ld,
}
GLOBALS = {
    "open_graph": pass_context(open_graph),
    "page_url": pass_context(page_url),
}
