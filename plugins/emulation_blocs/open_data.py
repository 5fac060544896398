"""The open data files beside the pages: per year and per bloc, JSON (the schema of
``data/blocs.json``, narrowed by a ``scope``) and CSV tables; and the catalogue
``data/index.json``, which lists every data file with its size and SHA-256, and every year
with its pages and data (what the archive bundle of that year holds)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from .aggregate import Archive
from .export import SCHEMA_VERSION, bloc_entry, blocs_document, dumps
from .export_csv import TABLES, table_rows, to_csv
from .model import Bloc, BlocRecord
from .settings import url_and_file
from .years import Year

MEDIA_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8; header=present"}


@dataclass(frozen=True)
class DataFile:
    url: str
    save_as: str
    format: str  # "json" or "csv"
    title: str  # Vietnamese, for the pages
    scope: Mapping[str, object]
    content: bytes = field(repr=False)
    table: str = ""

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    def describe(self) -> dict:
        entry: dict[str, object] = {
            "url": self.url,
            "format": self.format,
            "media_type": self.media_type,
            "title": self.title,
            "scope": dict(self.scope),
            "bytes": len(self.content),
            "sha256": self.sha256,
        }
        if self.table:
            entry["table"] = self.table
        if self.format == "json":
            entry["schema_version"] = SCHEMA_VERSION
        return entry


@dataclass
class OpenData:
    site: DataFile | None
    by_year: dict[int, list[DataFile]] = field(default_factory=dict)
    by_bloc: dict[Bloc, list[DataFile]] = field(default_factory=dict)
    index: DataFile | None = None

    @property
    def files(self) -> list[DataFile]:
        found = [self.site] if self.site else []
        for files in (*self.by_year.values(), *self.by_bloc.values()):
            found.extend(files)
        return found

    def for_year(self, year: int) -> list[DataFile]:
        return self.by_year.get(year, [])

    def for_bloc(self, bloc: Bloc) -> list[DataFile]:
        return self.by_bloc.get(bloc, [])


def _document(site_url: str, scope: Mapping[str, object], blocs: list[dict]) -> bytes:
    document = {"schema_version": SCHEMA_VERSION, "site_url": site_url, "scope": dict(scope), "blocs": blocs}
    return dumps(document).encode("utf-8")


def _files(settings: Mapping[str, object], kind: str, label: str, scope: Mapping[str, object],
           json_content: bytes, bloc_years: list, **fields: object) -> list[DataFile]:
    """The JSON file and the CSV tables of one year or one bloc (those whose URL is on)."""
    found = []
    url, save_as = url_and_file(settings, f"{kind}_JSON", **fields)
    if save_as:
        found.append(DataFile(url, save_as, "json", f"{label} (JSON)", scope, json_content))
    for table in TABLES:
        url, save_as = url_and_file(settings, f"{kind}_CSV", table=table.name, **fields)
        if save_as:
            content = to_csv(table.columns, table_rows(table, bloc_years))
            found.append(DataFile(url, save_as, "csv", f"{label}: {table.title} (CSV)", scope, content,
                                  table.name))
    return found


def _year_files(settings: Mapping[str, object], year: Year, records: Mapping[Bloc, BlocRecord],
                site_url: str) -> list[DataFile]:
    scope = {"kind": "year", "year": year.year}
    blocs = [bloc_entry(records[bloc_year.bloc], [bloc_year]) for bloc_year in year.bloc_years]
    return _files(settings, "YEAR", f"Năm {year.year}", scope, _document(site_url, scope, blocs),
                  year.bloc_years, year=year.year)


def _bloc_files(settings: Mapping[str, object], record: BlocRecord, site_url: str) -> list[DataFile]:
    bloc = record.bloc
    scope = {"kind": "bloc", "bloc": f"{bloc.province.id}/{bloc.id}"}
    content = _document(site_url, scope, [bloc_entry(record)])
    return _files(settings, "BLOC", f"{bloc.name} ({bloc.province.name})", scope, content,
                  list(record.years.values()), province=bloc.province.slug, slug=bloc.slug)


def open_data(archive: Archive, years: list[Year], settings: Mapping[str, object]) -> OpenData:
    site_url = str(settings.get("SITEURL", ""))
    url, save_as = url_and_file(settings, "BLOCS_DATA")
    site = None
    if save_as:  # the same bytes as export.py writes, so that the catalogue's checksum is right
        content = dumps(blocs_document(archive, site_url)).encode("utf-8")
        site = DataFile(url, save_as, "json", "Toàn bộ dữ liệu (JSON)", {"kind": "all"}, content)
    records = {record.bloc: record for record in archive.blocs}
    data = OpenData(site)
    data.by_year = {year.year: _year_files(settings, year, records, site_url) for year in years}
    data.by_bloc = {
        record.bloc: _bloc_files(settings, record, site_url) for record in archive.blocs if record.years
    }
    url, save_as = url_and_file(settings, "DATA_INDEX")
    if save_as:
        content = dumps(catalogue(data, years, site_url)).encode("utf-8")
        data.index = DataFile(url, save_as, "json", "Danh mục dữ liệu (JSON)", {"kind": "catalogue"}, content)
    return data


def year_pages(year: Year) -> list[str]:
    """The URLs of the pages of one year: its results, its provinces, its bloc-years and the
    reports they come from."""
    urls = [year.url, *(entry.url for entry in year.provinces)]
    urls += [bloc_year.url for bloc_year in year.bloc_years]
    urls += [report.url for report in year.reports]
    return [url for url in dict.fromkeys(urls) if url]


def catalogue(data: OpenData, years: list[Year], site_url: str) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "site_url": site_url,
        "files": sorted((file.describe() for file in data.files), key=lambda entry: entry["url"]),
        "years": [
            {
                "year": year.year,
                "url": year.url,
                "updated": year.updated.isoformat() if year.updated else None,
                "provinces": [{"id": entry.province.id, "name": entry.province.name, "url": entry.url}
                              for entry in year.provinces],
                "data": [file.url for file in data.for_year(year.year)],
                "pages": year_pages(year),
            }
            for year in years
        ],
    }
