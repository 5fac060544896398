"""What makes the results outlive the site, written after the bloc pages' generator has built
the archive: the pages per year and per year and province, the open data per year and per
bloc with its catalogue, the redirect pages of old URLs with ``_redirects``, and, in an
archive build, the pages about the offline copy."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from .aggregate import Archive
from .generator import render_page
from .model import Bloc, Province
from .open_data import DataFile, OpenData, open_data
from .pagekeys import finish_page_cache, track_output
from .redirects import Redirect, find_redirects, redirects_file
from .settings import apply_defaults, url_and_file
from .writer import write_if_changed
from .years import Year, YearProvince, years_of

logger = logging.getLogger(__name__)


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


class PublicationGenerator(Generator):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        apply_defaults(self.settings)
        self.years: list[Year] = []
        self.redirects: list[Redirect] = []

    def generate_context(self) -> None:
        archive: Archive = self.context["blocs_archive"]
        self.years = years_of(archive)
        self._assign_urls()
        self.data = open_data(archive, self.years, self.settings)
        self.redirects = find_redirects(self.settings, archive, self.years, self.data)
        self._check_redirects(archive)
        self.context["publication"] = Publication(self.years, self.data)

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

    def generate_output(self, writer: object) -> None:
        self._write(writer, self.context["YEARS_SAVE_AS"], self.context["YEARS_URL"], "years")
        self._write(writer, self.context["OPEN_DATA_SAVE_AS"], self.context["OPEN_DATA_URL"], "open_data",
                    data=self.data)
        for year in self.years:
            self._write(writer, year.save_as, year.url, "year", year=year)
            for entry in year.provinces:
                self._write(writer, entry.save_as, entry.url, "year_province", year=year, entry=entry)
        for file in [*self.data.files, *([self.data.index] if self.data.index else [])]:
            self._write_bytes(file.save_as, file.content)
        for redirect in self.redirects:
            self._write(writer, redirect.save_as, redirect.source, "redirect", redirect=redirect, noindex=True)
        if self.settings["BLOCS_REDIRECTS_SAVE_AS"]:
            redirects = redirects_file(self.redirects).encode("utf-8")
            self._write_bytes(str(self.settings["BLOCS_REDIRECTS_SAVE_AS"]), redirects)
        if self.settings["BLOCS_ARCHIVE"]:
            self._write_archive_pages(writer)
        # This generator writes last: what the previous build wrote and this one did not
        # can go now, and the page cache is complete.
        finish_page_cache(self.context, self.settings, self.output_path, writer._written_files)  # type: ignore[attr-defined]

    def _write_archive_pages(self, writer: object) -> None:
        pages = [(year, *url_and_file(self.settings, "ARCHIVE_YEAR", year=year.year)) for year in self.years]
        self._write(writer, self.context["ARCHIVE_NOTE_SAVE_AS"], self.context["ARCHIVE_NOTE_URL"],
                    "archive_note", year_pages=[(year, url) for year, url, _save_as in pages])
        for year, url, save_as in pages:
            self._write(writer, save_as, url, "archive_year", year=year,
                        bundle=str(self.settings["BLOCS_ARCHIVE_BUNDLE_NAME"]).format(year=year.year))

    def _write(self, writer: object, save_as: str, url: str, template: str, **values: object) -> None:
        if save_as:
            render_page(self, writer, save_as, url, template, values)
            track_output(self.context, save_as)

    def _write_bytes(self, save_as: str, content: bytes) -> None:
        if not save_as:
            return
        path = str(Path(self.output_path) / save_as)
        if write_if_changed(path, content):
            logger.info("Writing %s", path)
        track_output(self.context, save_as)


def _entries(archive: Archive, years: list[Year]) -> list:
    entries: list = [record.province for record in archive.provinces]
    entries += [record.organisation for record in archive.organisations]
    for record in archive.blocs:
        entries += [record.bloc, *record.years.values()]
    for year in years:
        entries += [year, *year.provinces]
    return entries

