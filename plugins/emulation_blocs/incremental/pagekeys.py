"""The key of every page: what it shows, traced back to the source files.

Every key covers the site key (:func:`.fingerprint.site_fingerprint`: settings, templates,
code, registry). Beyond that, each of the plugin's pages declares its sources where it is
defined (``PageJob.sources`` in :mod:`..pages.bloc_pages` and :mod:`..pages.year_pages`): the
blocs it shows, the bloc-years, :data:`ALL_BLOCS`, and any plain value it shows besides (the
list of years of the navigation). :func:`value_digest` gives each source its digest — a bloc
the files and URLs of its reports, a bloc-year those of its own reports and its year, a plain
value itself — and :func:`declare_page` turns a declaration into the key the writer checks.
The parts of pages (:mod:`.fragments`) are keyed by the same digests of the values they read.
A page that declares nothing depends on everything: it has no key and is rendered at every
build (the search page, the redirects, the archive's pages).

Pelican's own pages are keyed here, from what they are: an article's page shows its own file,
its problems, and, to stay right if a theme shows more of its bloc on it, the reports of its
bloc; when its text links to other content, the URLs of all content.

The files the last build wrote and this one did not are deleted (:func:`remove_stale_pages`):
all a build that writes into its output in place (``pelican`` run directly) has; a preview,
which starts from the whole previous output, also deletes every file it did not produce
(:mod:`.produced`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from pathlib import Path
from types import BuiltinFunctionType, FunctionType
from typing import Any

from jinja2 import Undefined
from jinja2.runtime import Context, Macro
from pelican.utils import sanitised_join

from ..domain.aggregate import Archive
from ..domain.model import Bloc, OrganisationRecord, Report
from ..pelican_compat.contents import links_elsewhere
from ..pelican_compat.macros import sees_the_page
from ..problems import Problem
from ..settings import keys_pages
from .fingerprint import digest, site_fingerprint, stable_list, stable_repr
from .pagecache import PageCache
from .writer import OBJECT_KEYS, PAGE_CACHE, PAGE_KEYS, SITE_KEY

SourceDigest = Callable[[str], str]
DATA_KEYS = "BLOCS_DATA_KEYS"  # what each bloc's data files are made from, in the archive's order
SHOWN = "BLOCS_BLOC_YEAR_DIGESTS"  # what each bloc-year of the years shows (bloc_year_digests)
BLOC_DIGESTS = "BLOCS_BLOC_DIGESTS"  # what each bloc shows: the files of its reports
SHOWN_REPORTS = "BLOCS_SHOWN_REPORTS"  # the ShownReports of the build


def attach_page_cache(context: MutableMapping, settings: Mapping, archive: Archive) -> None:
    """Load the page cache and work out this build's page keys, for the writer to use."""
    if not keys_pages(settings):
        return
    site = site_fingerprint(settings, Path(settings["PATH"]) / str(settings["BLOCS_REGISTRY_PATH"]))
    cache = PageCache.load(settings, site)
    shown = ShownReports(cache.source_digest)
    blocs = bloc_digests(archive, shown)
    contents = [content for content in context.get("generated_content", {}).values()
                if getattr(content, "source_path", None)]
    by_content = content_keys(contents, site, cache.source_digest, blocs, lambda: _url_map(context))
    context[PAGE_CACHE], context[PAGE_KEYS], context[SITE_KEY] = cache, {}, site
    context[BLOC_DIGESTS], context[SHOWN_REPORTS] = blocs, shown
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
    """After the last generator: delete what is stale, then save the cache, which lists every
    file this build wrote (through Pelican's writer, the static files, or :func:`track_output`)
    so that the next build can delete those it does not write."""
    remove_stale_pages(context, output_path, written)
    inside = output_path.rstrip(os.sep) + os.sep
    for path in written:  # nearly all are normal paths in the output folder as it is written here
        normal = path.startswith(inside) and os.path.normpath(path) == path
        track_output(context, path[len(inside):] if normal else os.path.relpath(path, output_path))
    for content in context.get("static_content", {}).values():
        track_output(context, content.save_as)
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


def bloc_digests(archive: Archive, shown: ShownReports) -> dict[Bloc, str]:
    return {record.bloc: digest(record.bloc.province.id, record.bloc.id, shown(record.reports))
            for record in archive.blocs}


class ShownReports:
    """What reports show in a key: each report's file, its URL and the hash of its bytes (a
    new file can take a report's URL and send it aside, collisions.move_aside, with its own
    file unchanged). A report is in the keys of its bloc and of every bloc-year it speaks of,
    so each report's part is made once per build."""

    def __init__(self, source_digest: SourceDigest) -> None:
        self.source_digest = source_digest
        self._parts: dict[Report, str] = {}

    def __call__(self, reports: Iterable[Report]) -> bytes:
        """The list of what ``reports`` show, as :func:`.fingerprint.digest` takes it."""
        parts = self._parts
        found = []
        for report in reports:
            part = parts.get(report)
            if part is None:
                part = parts[report] = stable_repr(
                    (report.path, report.url, self.source_digest(report.article.source_path)))
            found.append(part)
        return stable_list(found)


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
        if links_elsewhere(content):
            parts.append(url_map())
        keys.append(digest(*parts))
    return keys


class AllBlocs:
    """Declared by a page that shows every bloc (the lists, the list of years)."""

    def __repr__(self) -> str:
        return "ALL_BLOCS"


ALL_BLOCS = AllBlocs()


def declare_page(context: MutableMapping, save_as: str, sources: Iterable[object] | None) -> None:
    """Give the page ``save_as`` the key of its declared ``sources`` (:class:`Bloc`, a
    bloc-year, :data:`ALL_BLOCS`, or a plain value); None declares nothing: no key."""
    keys = context.get(PAGE_KEYS)
    if keys is None or sources is None or not save_as:
        return
    digests = [value_digest(context, source) for source in sources]
    if any(found is UNDIGESTIBLE for found in digests):
        raise TypeError(f"{save_as}: a page declares a source that has no digest")  # a mistake in the code
    keys[save_as] = digest(context.get(SITE_KEY, ""), save_as, digests)


class Undigestible:
    """What :func:`value_digest` gives for a value it cannot vouch for."""

    def __repr__(self) -> str:
        return "UNDIGESTIBLE"


UNDIGESTIBLE = Undigestible()
_PLAIN = (str, int, float, type(None))


def value_digest(context: Mapping | Context, value: object) -> object:
    """What stands for ``value`` in a key (a page's declared sources, the names a part of a
    page reads, :mod:`.fragments`): :data:`ALL_BLOCS` the digests of every bloc, a
    :class:`Bloc` the digest of its reports, a bloc-year of the years the digest of its reports
    and its year (:func:`bloc_year_digests`), a plain value or a list of them itself, a macro or
    function of the site its name (code and templates are in the site key);
    :data:`UNDIGESTIBLE` for anything else."""
    blocs: Mapping[Bloc, str] = context.get(BLOC_DIGESTS) or {}
    if value is ALL_BLOCS:
        return sorted(blocs.values())
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, list | tuple):
        parts = [value_digest(context, item) for item in value]
        return UNDIGESTIBLE if any(part is UNDIGESTIBLE for part in parts) else parts
    if isinstance(value, Bloc):
        return blocs.get(value, UNDIGESTIBLE)
    shown: Mapping[int, str] = context.get(SHOWN) or {}
    if id(value) in shown:
        return shown[id(value)]
    return code_digest(context, value)


def code_digest(context: Mapping | Context, value: object) -> object:
    """A macro or a function by its name, when all it can read is its arguments and what the
    site key covers; :data:`UNDIGESTIBLE` otherwise (a macro that sees the page's context, a
    function that takes it, a bound method, an object)."""
    if isinstance(value, Undefined):
        return "undefined"  # the name is in the key beside it
    if isinstance(value, Macro):
        return ("macro", value.name) if not sees_the_page(context, value) else UNDIGESTIBLE
    if isinstance(value, FunctionType | BuiltinFunctionType | type) and \
            getattr(getattr(value, "jinja_pass_arg", None), "name", None) != "context":
        return ("function", getattr(value, "__module__", ""), value.__qualname__)
    return UNDIGESTIBLE


def blocs_of(record: OrganisationRecord) -> list[Bloc]:
    """The blocs an organisation's page shows: every bloc it was a member, leader, awarded or
    moved in."""
    found = {bloc_year.bloc for bloc_year in record.bloc_years}
    found.update(bloc_year.bloc for bloc_year, _role, _fact in record.roles)
    found.update(bloc_year.bloc for bloc_year, _award in record.awards)
    found.update(bloc_year.bloc for bloc_year, _fact in record.movements)
    return sorted(found, key=lambda bloc: (bloc.province.id, bloc.id))


def bloc_year_digests(context: Mapping, years: list) -> dict[int, str] | None:
    """What each bloc-year of ``years`` shows, by ``id`` (None without the page cache): its
    year, and its reports (every report that gives it a fact; one report can speak of two
    years of its bloc). Worked out once, for the keys of the
    year pages and of the year data."""
    cache = context.get(PAGE_CACHE)
    if cache is None or DATA_KEYS not in context:
        return None
    shown = context.get(SHOWN_REPORTS) or ShownReports(cache.source_digest)
    return {id(bloc_year): digest(bloc_year.bloc.province.id, bloc_year.bloc.id, bloc_year.year,
                                  shown(bloc_year.reports))
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
