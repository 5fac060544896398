"""What makes the results outlive the site, written after the bloc pages' generator has built
the archive: the pages per year and per year and province, the open data per year and per
bloc with its catalogue, the redirect pages of old URLs with ``_redirects``, and, in an
archive build, the pages about the offline copy."""

from __future__ import annotations

import logging
from collections.abc import Callable

from pelican.generators import Generator

from ..domain.aggregate import Archive
from ..domain.model import Bloc, Province
from ..domain.years import Year, YearProvince, years_of
from ..incremental.fingerprint import digest
from ..incremental.pagecache import PageCache
from ..incremental.pagekeys import (
    ALL_BLOCS,
    DATA_KEYS,
    SHOWN,
    bloc_year_digests,
    finish_page_cache,
    track_output,
    year_data_keys,
)
from ..incremental.writer import PAGE_CACHE, SITE_KEY, WRITTEN_DATA, FileStream, write_if_changed
from ..opendata.document import dumps
from ..opendata.files import DataFile, OpenData, catalogue, open_data
from ..opendata.writing import Pieces, write_data
from ..pelican_compat.writer import SkippingWriter, written_files
from ..settings import apply_defaults, url_and_file
from .bloc_pages import render_page
from .redirects import Redirect, find_redirects, redirects_file

logger = logging.getLogger(__name__)
Job = Callable[[SkippingWriter], None]  # writes one page or data file with the writer it is given


class Publication:
    """What the templates look up: the year entries and the data files of a page's subject."""

    def __init__(self, years: list[Year], data: OpenData) -> None:
        self.years = years
        self.data = data
        self._years = {year.year: year for year in years}

    def year(self, number: int) -> Year | None:
        return self._years.get(number)

    def province_years(self, province: Province) -> list[YearProvince]:
        return [entry for year in self.years for entry in year.provinces if entry.province is province]

    def province_year(self, province: Province, number: int) -> YearProvince | None:
        return next((entry for entry in self.province_years(province) if entry.year == number), None)

    def year_files(self, number: int) -> list[DataFile]:
        return self.data.for_year(number)

    def bloc_files(self, bloc: Bloc) -> list[DataFile]:
        return self.data.for_bloc(bloc)


class YearPagesGenerator(Generator):
    """The pages per year and per year and province, the open data files with their catalogue,
    and the redirect pages of old URLs; runs after :class:`.bloc_pages.BlocPagesGenerator`."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        apply_defaults(self.settings)
        self.years: list[Year] = []
        self.redirects: list[Redirect] = []

    def generate_context(self) -> None:
        archive: Archive = self.context["blocs_archive"]
        self.years = years_of(archive)
        self._assign_urls()
        shown = bloc_year_digests(self.context, self.years)
        if shown is not None:
            self.context[SHOWN] = shown  # for the parts of the year pages (fragments.py)
        self.data = open_data(archive, self.years, self.settings, self._data_keys(archive),
                              year_data_keys(self.context, self.years, shown))
        self.redirects = find_redirects(self.settings, archive, self.years, self.data)
        self._check_redirects(archive)
        self.context["publication"] = Publication(self.years, self.data)

    # The open data (see :mod:`.open_data`)

    def _data_keys(self, archive: Archive) -> dict[Bloc, str] | None:
        keys = self.context.get(DATA_KEYS)
        return dict(zip((record.bloc for record in archive.blocs), keys, strict=True)) if keys else None

    def _pieces(self) -> Pieces:
        """Each bloc-year's piece of the data, kept in the page cache under the digest of what
        it shows, with the site key (the registry, the settings, the code)."""
        cache: PageCache | None = self.context.get(PAGE_CACHE)
        shown = self.context.get(SHOWN)
        if cache is None or shown is None:
            return Pieces()
        site = self.context.get(SITE_KEY, "")
        keys = {ident: digest(site, value) for ident, value in shown.items()}
        return Pieces(keys, cache.known_pieces, cache.pieces)

    def _write_data(self, writer: SkippingWriter) -> None:
        """Write the data files, noting their sizes and checksums; in a preview, a file made
        from the same key last time, and not changed since, is left as it is."""
        cache: PageCache | None = self.context.get(PAGE_CACHE)
        described = self.context.setdefault(WRITTEN_DATA, {})

        def open_file(file: DataFile) -> FileStream | None:
            path = writer.data_path(file.save_as)
            kept = cache.current_file(self.output_path, file.save_as, file.key) if cache and file.key else None
            if kept is not None:
                described[file.save_as] = kept
                return None
            return FileStream(path, writer.fresh)

        made = write_data(self.data, self.context["blocs_archive"], open_file,
                          str(self.settings.get("SITEURL", "")), self._pieces())
        described.update(made)
        for file in self.data.files:
            if cache is not None and file.key and file.save_as in made:
                cache.record_file(self.output_path, file.save_as, file.key, made[file.save_as])
            track_output(self.context, file.save_as)

    def _assign_urls(self) -> None:
        for year in self.years:
            year.url, year.save_as = url_and_file(self.settings, "YEAR", year=year.year)
            for entry in year.provinces:
                entry.url, entry.save_as = url_and_file(self.settings, "YEAR_PROVINCE", year=year.year,
                                                        province=entry.province.slug)
        for kind in ("YEARS", "OPEN_DATA", "DATA_INDEX", "ARCHIVE_NOTE"):
            self.context[f"{kind}_URL"], self.context[f"{kind}_SAVE_AS"] = url_and_file(self.settings, kind)

    def _check_redirects(self, archive: Archive) -> None:
        """A redirect must never hide a page (the registry checks catch the usual causes)."""
        pages = {entry.save_as for entry in _entries(archive, self.years)}
        for redirect in self.redirects:
            if redirect.save_as in pages:
                logger.error("Địa chỉ cũ %s trùng một trang đang có; không ghi trang chuyển hướng.",
                             redirect.source)
        self.redirects = [redirect for redirect in self.redirects if redirect.save_as not in pages]

    # Output

    def generate_output(self, writer: SkippingWriter) -> None:
        for save_as, job in self._list_jobs():
            if save_as:
                job(writer)
                track_output(self.context, save_as)
        self._write_data(writer)
        # This generator writes last: the catalogue and the archive's pages can give every data
        # file's size and checksum, what the previous build wrote and this one did not can go,
        # and the page cache is complete.
        self.data = self.data.written(self.context.get(WRITTEN_DATA, {}))
        self.context["publication"].data = self.data
        if self.data.index is not None:
            writer.write_data(self.context, self.data.index.save_as,
                              lambda path: write_if_changed(path, self._catalogue()))
            track_output(self.context, self.data.index.save_as)
        if self.settings["BLOCS_ARCHIVE"]:
            for save_as, job in self._archive_pages():
                job(writer)
                track_output(self.context, save_as)
        finish_page_cache(self.context, self.settings, self.output_path, written_files(writer))

    def _catalogue(self) -> bytes:
        return dumps(catalogue(self.data, self.years, str(self.settings.get("SITEURL", "")))).encode("utf-8")

    def _list_jobs(self) -> list[tuple[str, Job]]:
        numbers = [year.year for year in self.years]  # every year page links to the others
        jobs = [self._page(self.context["YEARS_SAVE_AS"], self.context["YEARS_URL"], "years",
                           sources=[numbers, ALL_BLOCS]),
                self._page(self.context["OPEN_DATA_SAVE_AS"], self.context["OPEN_DATA_URL"], "open_data",
                           sources=[numbers, ALL_BLOCS], data=self.data)]
        for year in self.years:
            jobs.append(self._page(year.save_as, year.url, "year", sources=[numbers, *year.bloc_years], year=year))
            jobs += [self._page(entry.save_as, entry.url, "year_province", sources=[numbers, *entry.bloc_years],
                                year=year, entry=entry)
                     for entry in year.provinces]
        jobs += [self._page(redirect.save_as, redirect.source, "redirect", redirect=redirect, noindex=True)
                 for redirect in self.redirects]
        if self.settings["BLOCS_REDIRECTS_SAVE_AS"]:
            redirects = redirects_file(self.redirects).encode("utf-8")
            jobs.append(self._bytes(str(self.settings["BLOCS_REDIRECTS_SAVE_AS"]), redirects))
        return jobs

    def _archive_pages(self) -> list[tuple[str, Job]]:
        pages = [(year, *url_and_file(self.settings, "ARCHIVE_YEAR", year=year.year)) for year in self.years]
        jobs = [self._page(self.context["ARCHIVE_NOTE_SAVE_AS"], self.context["ARCHIVE_NOTE_URL"], "archive_note",
                           year_pages=[(year, url) for year, url, _save_as in pages])]
        jobs += [self._page(save_as, url, "archive_year", year=year,
                            bundle=str(self.settings["BLOCS_ARCHIVE_BUNDLE_NAME"]).format(year=year.year))
                 for year, url, save_as in pages]
        return jobs

    def _page(self, save_as: str, url: str, template: str, sources: list | None = None,
              **values: object) -> tuple[str, Job]:
        """A page job; ``sources``: what the page shows (None: everything, rendered at every build)."""
        return save_as, lambda writer: render_page(self, writer, save_as, url, template, values, sources)

    def _bytes(self, save_as: str, content: bytes) -> tuple[str, Job]:
        return save_as, lambda writer: writer.write_data(self.context, save_as,
                                                         lambda path: write_if_changed(path, content))


def _entries(archive: Archive, years: list[Year]) -> list:
    entries: list = [record.province for record in archive.provinces]
    entries += [record.organisation for record in archive.organisations]
    for record in archive.blocs:
        entries += [record.bloc, *record.years.values()]
    for year in years:
        entries += [year, *year.provinces]
    return entries

