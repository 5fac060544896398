"""Old URLs that still answer: a province, bloc or organisation whose id changed (a rename of
an entry whose id comes from its name, an id edited, a province folded into its successor)
keeps its former ids in the registry; each URL built from a former id gets a redirect page
(meta refresh, canonical link, a visible link) and a line in ``_redirects`` for hosts that
read one (Netlify, Cloudflare Pages).

Which URLs answer is also checked after a build by :func:`unanswered`, against the list of
URLs published so far."""

from __future__ import annotations

import itertools
import posixpath
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..domain.aggregate import Archive
from ..domain.model import Bloc, Organisation, Province
from ..domain.years import Year
from ..offline.htmllinks import find_links
from ..offline.linkcheck import Served
from ..opendata.files import OpenData
from ..registry.former_ids import all_ids
from ..settings import url_and_file

HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class Redirect:
    source: str  # the old URL
    save_as: str  # the redirect page's file; "" for a data file (only in _redirects)
    target: str  # the current URL
    title: str  # what the target is now
    former_names: tuple[str, ...] = ()


def _pairs(province: Province, entry: Bloc | Organisation) -> Iterator[tuple[str, str]]:
    """Every (province id, entry id) the entry was known by, except the current one."""
    for pair in itertools.product(all_ids(province), all_ids(entry)):
        if pair != (province.id, entry.id):
            yield pair


def _redirect(settings: Mapping[str, object], kind: str, target: str, title: str,
              former_names: tuple[str, ...] = (), **fields: object) -> Redirect | None:
    url, save_as = url_and_file(settings, kind, **fields)
    if not save_as or not target or url == target:
        return None
    page = save_as if save_as.endswith(HTML_SUFFIXES) else ""
    return Redirect(url, page, target, title, former_names)


Settings = Mapping[str, object]
Found = Iterator[Redirect | None]


def _bloc_redirects(settings: Settings, archive: Archive, data: OpenData) -> Found:
    for record in archive.blocs:
        bloc = record.bloc
        for province_id, bloc_id in _pairs(bloc.province, bloc):
            fields: dict[str, object] = {"province": province_id, "slug": bloc_id}
            yield _redirect(settings, "BLOC", bloc.url, bloc.name, bloc.former_names, **fields)
            for bloc_year in record.years.values():
                yield _redirect(settings, "BLOC_YEAR", bloc_year.url, f"{bloc.name} — năm {bloc_year.year}",
                                bloc.former_names, year=bloc_year.year, **fields)
            for file in data.for_bloc(bloc):
                kind = "BLOC_CSV" if file.table else "BLOC_JSON"
                yield _redirect(settings, kind, file.url, file.title, (), table=file.table, **fields)


def _organisation_redirects(settings: Settings, archive: Archive) -> Found:
    for record in archive.organisations:
        organisation = record.organisation
        for province_id, organisation_id in _pairs(organisation.province, organisation):
            yield _redirect(settings, "ORGANISATION", organisation.url, organisation.name,
                            organisation.former_names, province=province_id, slug=organisation_id)


def _province_redirects(settings: Settings, archive: Archive, years: list[Year]) -> Found:
    for record in archive.provinces:
        province = record.province
        for old in province.former_ids:
            yield _redirect(settings, "PROVINCE", province.url, province.heading, slug=old)
            for year in years:
                for entry in year.provinces:
                    if entry.province is province:
                        title = f"{province.heading} — năm {year.year}"
                        yield _redirect(settings, "YEAR_PROVINCE", entry.url, title, year=year.year,
                                        province=old)


def find_redirects(settings: Mapping[str, object], archive: Archive, years: list[Year],
                   data: OpenData) -> list[Redirect]:
    found = itertools.chain(
        _province_redirects(settings, archive, years),
        _bloc_redirects(settings, archive, data),
        _organisation_redirects(settings, archive),
    )
    unique = {redirect.source: redirect for redirect in found if redirect is not None}
    return sorted(unique.values(), key=lambda redirect: redirect.source)


def redirects_file(redirects: Iterable[Redirect]) -> str:
    """``_redirects`` in the format Netlify and Cloudflare Pages read: old path, new path, 301."""
    return "".join(f"/{redirect.source} /{redirect.target} 301\n" for redirect in redirects)


# After a build: do the URLs published so far still answer?


def read_redirects_file(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (line.split() for line in path.read_text(encoding="utf-8").splitlines())
    return {parts[0].lstrip("/"): parts[1].lstrip("/") for parts in pairs if len(parts) >= 2}


def _file_of(output: Path, url: str) -> Path:
    return output / (url + "index.html" if url.endswith("/") or not url else url)


def _target_path(url: str, target: str, site: Served) -> str:
    """The site path a redirect's target leads to (relative, from the root or absolute)."""
    own = site.own_path(target)
    if own is not None or target.startswith("/"):
        return posixpath.normpath((own or target).lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(url), target))


def _answers(output: Path, url: str, site: Served) -> bool:
    """A file answers, unless it is a redirect page whose target is missing."""
    path = _file_of(output, url)
    if not path.is_file():
        return False
    if path.suffix not in HTML_SUFFIXES:
        return True
    links = find_links(path.read_text(encoding="utf-8"))
    refreshes = [link.url for link in links if link.attribute == "content"]
    return all(_file_of(output, _target_path(url, target, site)).is_file() for target in refreshes)


def unanswered(output: Path, urls: Iterable[str], redirects_save_as: str = "_redirects",
               site_url: str = "") -> list[str]:
    """The URLs that neither a page of ``output`` nor a line of the redirects file answers (a
    redirect whose target is missing does not answer either). ``site_url``: the site's own
    address, for a build with absolute URLs."""
    site = Served(site_url)
    moved = read_redirects_file(output / redirects_save_as) if redirects_save_as else {}
    return [url for url in urls
            if not _answers(output, url, site) and not (url in moved and _answers(output, moved[url], site))]


def published_urls(output: Path, search_index: str = "") -> list[str]:
    """Every file of a built site, as a URL relative to the site's root; the files of the
    search index (folder ``search_index``) are left out: Pagefind names them after their
    content, and nobody links to them."""
    files = (path.relative_to(output) for path in output.rglob("*") if path.is_file())
    return sorted(path.as_posix() for path in files if not search_index or path.parts[0] != search_index)
