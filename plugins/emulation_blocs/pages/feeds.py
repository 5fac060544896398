"""Atom feeds per bloc and per province, beside Pelican's feed of the whole site.

Pelican's writer builds the entries (tag: ids from each article's URL and date, dates in
the site's time zone, full content) with feedgenerator. Two things are set here that it
would get wrong for a feed of part of the site: the feed's own id and its alternate link,
which Pelican sets to the home page for every feed; here they are the bloc's or province's
page, so each feed has its own id. A bloc without reports gets no feed (an empty feed
would carry the build time as its date).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping

from pelican.utils import sanitised_join
from pelican.writers import Writer

from ..domain.aggregate import Archive
from ..domain.model import Entry, Report
from ..incremental.pagekeys import track_output
from ..incremental.writer import write_if_changed

logger = logging.getLogger(__name__)


def _feed_path(settings: Mapping[str, object], kind: str, **fields: object) -> str:
    pattern = settings.get(f"{kind}_FEED_ATOM")
    return str(pattern).format(**fields) if pattern else ""


def assign_feed_urls(archive: Archive, settings: Mapping[str, object]) -> None:
    """Set ``feed_url`` on every bloc and province that has reports and a feed pattern."""
    for record in archive.blocs:
        if record.reports:
            bloc = record.bloc
            bloc.feed_url = _feed_path(settings, "BLOC", province=bloc.province.slug, slug=bloc.slug)
    for province_record in archive.provinces:
        if province_record.reports:
            province = province_record.province
            province.feed_url = _feed_path(settings, "PROVINCE", slug=province.slug)


def _newest_first(reports: list[Report]) -> list:
    return [report.article for report in sorted(reports, key=lambda report: (report.date, report.path), reverse=True)]


def write_feeds(writer: Writer, archive: Archive, context: dict, output_path: str) -> None:
    for record in archive.blocs:
        bloc = record.bloc
        _write(writer, context, output_path, bloc, f"{bloc.name} ({bloc.province.name})", record.reports)
    for province_record in archive.provinces:
        province = province_record.province
        _write(writer, context, output_path, province, province.heading, province_record.reports)


def _write(writer: Writer, context: dict, output_path: str, entry: Entry, title: str, reports: list[Report]) -> None:
    if not entry.feed_url or not reports:
        return
    # path=None: Pelican builds the feed and returns it without writing it.
    feed = writer.write_feed(_newest_first(reports), context, None, entry.feed_url,
                             feed_title=title)
    page = _join(str(context.get("SITEURL", "")), entry.url)
    feed.feed["link"] = page
    feed.feed["id"] = page
    path = sanitised_join(output_path, entry.feed_url)
    stream = io.StringIO()
    feed.write(stream, "utf-8")
    if write_if_changed(path, stream.getvalue().encode("utf-8")):
        logger.info("Writing %s", path)
    track_output(context, entry.feed_url)


def _join(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url
