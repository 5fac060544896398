"""The fingerprint of every page: what it shows, traced back to the source files.

Every page also depends on the site fingerprint (settings, templates, code, registry). Beyond
that:

* an article's page shows its own file, its problems, and, to stay right if a theme shows more
  of its bloc on it, the reports of its bloc; when its text links to other content, the URLs
  of all content;
* a bloc's page and its year pages show the reports of that bloc;
* an organisation's page shows the blocs it appears in; a province's page, its blocs;
* the lists of provinces, blocs and organisations show all blocs;
* a year's page and its provinces' pages show the blocs of that year and link to the next and
  previous years; the list of years and the open data page show all blocs and years.

So editing one report renders again its own page, the pages of its bloc and of that bloc's
province and members, the pages of the year it reviews, and the lists; nothing else.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from pelican.utils import sanitised_join

from ..domain.aggregate import Archive
from ..domain.model import Bloc, OrganisationRecord
from ..problems import Problem
from .fingerprint import digest, site_fingerprint
from .pagecache import PageCache
from .writer import OBJECT_KEYS, PAGE_CACHE, PAGE_KEYS, SITE_KEY

SourceDigest = Callable[[str], str]
DATA_KEYS = "BLOCS_DATA_KEYS"  # the key of each bloc's part of data/blocs.json, in order
SHOWN = "BLOCS_BLOC_YEAR_DIGESTS"  # what each bloc-year of the years shows (bloc_year_digests)


def attach_page_cache(context: MutableMapping, settings: Mapping, archive: Archive, lists: Iterable[str]) -> None:
    """Load the page cache and work out this build's page keys, for the writer to use."""
    if not settings.get("BLOCS_RENDER_CACHE") or not (settings.get("LOAD_CONTENT_CACHE")
                                                       or settings.get("CACHE_CONTENT")):
        return
    site = site_fingerprint(settings, Path(settings["PATH"]) / str(settings["BLOCS_REGISTRY_PATH"]))
    cache = PageCache.load(settings, site)
    blocs = bloc_digests(archive, cache.source_digest)
    contents = [content for content in context.get("generated_content", {}).values()
                if getattr(content, "source_path", None)]
    by_content = content_keys(contents, site, cache.source_digest, blocs, lambda: _url_map(context))
    keys = plugin_keys(archive, site, blocs, lists)
    context[PAGE_CACHE], context[PAGE_KEYS], context[SITE_KEY] = cache, keys, site
    context[OBJECT_KEYS] = {id(content): key for content, key in zip(contents, by_content, strict=True)}
    context[DATA_KEYS] = [digest(site, blocs[record.bloc]) for record in archive.blocs]


def save_page_cache(context: Mapping, settings: Mapping) -> None:
    cache = context.get(PAGE_CACHE)
    if cache is not None:
        cache.save(settings)


def track_output(context: Mapping, save_as: str) -> None:
    """Note a file that is written on every build (it has no key): it is never skipped, but
    once no build writes it, :func:`remove_stale_pages` deletes it."""
    cache = context.get(PAGE_CACHE)
    if cache is not None:
        cache.current.setdefault(save_as, ("", None))


def finish_page_cache(context: Mapping, settings: Mapping, output_path: str, written: set[str]) -> None:
    """After the last generator: delete what is stale, then save the cache."""
    remove_stale_pages(context, output_path, written)
    save_page_cache(context, settings)


def remove_stale_pages(context: Mapping, output_path: str, written: set[str]) -> None:
    """Delete the pages the last build wrote and this one did not (a report deleted or moved,
    a list grown shorter), as a build into an empty folder would not have them."""
    cache = context.get(PAGE_CACHE)
    if cache is None:
        return
    for save_as in sorted(cache.written_before - cache.current.keys()):
        path = sanitised_join(output_path, save_as)
        if path not in written:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)


def _url_map(context: Mapping) -> str:
    urls = [(path, getattr(content, "url", "")) for path, content in context.get("generated_content", {}).items()]
    urls += [(path, getattr(content, "url", "")) for path, content in context.get("static_content", {}).items()]
    return digest(sorted(urls))


def bloc_digests(archive: Archive, source_digest: SourceDigest) -> dict[Bloc, str]:
    return {record.bloc: digest(record.bloc.province.id, record.bloc.id, _shown_reports(record.reports, source_digest))
            for record in archive.blocs}


def _shown_reports(reports: Iterable, source_digest: SourceDigest) -> list[tuple[str, str, str]]:
    """Each report's file, the hash of its bytes, and its URL: a new file can take a report's
    URL and send it aside (collisions.move_aside) with its own file unchanged."""
    return [(report.path, report.url, source_digest(report.article.source_path)) for report in reports]


def content_keys(contents: list[Any], site: str, source_digest: SourceDigest, blocs: Mapping[Bloc, str],
                 url_map: Callable[[], str]) -> list[str]:
    """The key of each article or page Pelican writes (its page, and its entry in lists)."""
    keys = []
    for content in contents:
        problems: list[Problem] = getattr(content, "problems", [])
        report = getattr(content, "report", None)
        parts: list[object] = [site, content.source_path, source_digest(content.source_path),
                               [found.format() for found in problems],
                               blocs.get(report.bloc, "") if report is not None else ""]
        if _links_elsewhere(content):
            parts.append(url_map())
        keys.append(digest(*parts))
    return keys


def _links_elsewhere(content: Any) -> bool:
    """Whether the text links to other content ({filename}…), whose URLs it then shows."""
    pattern = content._get_intrasite_link_regex()
    texts = [getattr(content, "_content", "") or "", content.metadata.get("summary", "") or ""]
    return any(pattern.search(text) for text in texts)


def plugin_keys(archive: Archive, site: str, blocs: Mapping[Bloc, str], lists: Iterable[str]) -> dict[str, str]:
    """Keys of the plugin's own pages, by file name (pages turned off have no file); ``lists``
    are the files of the lists of provinces, blocs and organisations."""
    keys: dict[str, str] = {}
    for record in archive.blocs:
        own = blocs[record.bloc]
        _add(keys, record.bloc.save_as, site, own)
        for bloc_year in record.years.values():
            _add(keys, bloc_year.save_as, site, own)
    for organisation in archive.organisations:
        _add(keys, organisation.organisation.save_as, site, sorted({blocs[bloc] for bloc in _blocs_of(organisation)}))
    for province in archive.provinces:
        _add(keys, province.province.save_as, site, [blocs[record.bloc] for record in province.blocs])
    everything = sorted(blocs.values())
    for save_as in lists:
        _add(keys, save_as, site, everything)
    return keys


def _add(keys: dict[str, str], save_as: str, site: str, sources: object) -> None:
    if save_as:
        keys[save_as] = digest(site, save_as, sources)


def _blocs_of(record: OrganisationRecord) -> set[Bloc]:
    found = {bloc_year.bloc for bloc_year in record.bloc_years}
    found.update(bloc_year.bloc for bloc_year, _role, _fact in record.roles)
    found.update(bloc_year.bloc for bloc_year, _award in record.awards)
    found.update(bloc_year.bloc for bloc_year, _fact in record.movements)
    return found


def bloc_year_digests(context: Mapping, years: list) -> dict[int, str] | None:
    """What each bloc-year of ``years`` shows, by ``id`` (None without the page cache): every
    report that gives it a fact is one of its reports. Worked out once, for the keys of the
    year pages and of the year data."""
    cache = context.get(PAGE_CACHE)
    if cache is None or DATA_KEYS not in context:
        return None
    return {id(bloc_year): digest(bloc_year.bloc.province.id, bloc_year.bloc.id,
                                  _shown_reports(bloc_year.reports, cache.source_digest))
            for year in years for bloc_year in year.bloc_years}


def year_data_keys(context: Mapping, years: list, shown: Mapping[int, str] | None) -> dict[int, str] | None:
    """What each year's data files are made from: the year's bloc-years (``shown``, from
    :func:`bloc_year_digests`; and, through the site key, the registry and settings) — not every
    report of their blocs, so that an edit to one report leaves the data of the other years of
    its bloc alone."""
    if shown is None:
        return None
    site = context.get(SITE_KEY, "")
    return {year.year: digest(site, [shown[id(bloc_year)] for bloc_year in year.bloc_years]) for year in years}


def year_keys(context: MutableMapping, years: list, lists: Iterable[str], shown: Mapping[int, str] | None) -> None:
    """Add the keys of the pages per year (see above) to the writer's; ``lists`` are the files
    of the list of years and of the open data page. A year's pages show only what that year's
    bloc-years hold (``shown``, from :func:`bloc_year_digests`), and each of those holds only
    what its reports say."""
    keys = context.get(PAGE_KEYS)
    if keys is None or shown is None:
        return
    site = context.get(SITE_KEY, "")
    numbers = [year.year for year in years]
    for year in years:
        _add(keys, year.save_as, site, [numbers, [shown[id(bloc_year)] for bloc_year in year.bloc_years]])
        for entry in year.provinces:
            _add(keys, entry.save_as, site, [numbers, [shown[id(bloc_year)] for bloc_year in entry.bloc_years]])
    everything = sorted(context[DATA_KEYS])
    for save_as in lists:
        _add(keys, save_as, site, [numbers, everything])
