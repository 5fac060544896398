"""The open data files beside the pages: per year and per bloc, JSON (the schema of
``data/blocs.json``, narrowed by a ``scope``) and CSV tables; and the catalogue
``data/index.json``, which lists every data file with its size and SHA-256, and every year
with its pages and data (what the archive bundle of that year holds).

A national archive has hundreds of megabytes of data: :func:`open_data` only plans the files,
each with the key of what it is made from; the year pages' generator (:mod:`..pages.year_pages`)
has them written in one pass (:mod:`.writing`) and keeps only their sizes and checksums (in a
preview, a file whose key has not changed is not made at all); the catalogue is made last,
from those.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..domain.aggregate import Archive
from ..domain.model import Bloc, BlocRecord
from ..domain.years import Year
from ..incremental.fingerprint import digest
from ..settings import url_and_file
from .csv_tables import TABLES
from .document import SCHEMA_VERSION

MEDIA_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8; header=present"}


@dataclass(frozen=True)
class DataFile:
    url: str
    save_as: str
    format: str  # "json" or "csv"
    title: str  # Vietnamese, for the pages
    scope: Mapping[str, object]
    table: str = ""
    key: str = field(default="", compare=False)  # of what it is made from; "" when unknown
    size: int = 0  # bytes, once written (see OpenData.written)
    sha256: str = ""

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    def describe(self) -> dict:
        entry: dict[str, object] = {
            "url": self.url,
            "format": self.format,
            "media_type": self.media_type,
            "title": self.title,
            "scope": dict(self.scope),
            "bytes": self.size,
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

    def written(self, described: Mapping[str, tuple[int, str]]) -> OpenData:
        """The same files with their sizes and checksums, by file name, once written."""
        def known(file: DataFile) -> DataFile:
            size, sha256 = described[file.save_as]
            return replace(file, size=size, sha256=sha256)

        return OpenData(known(self.site) if self.site else None,
                        {year: list(map(known, files)) for year, files in self.by_year.items()},
                        {bloc: list(map(known, files)) for bloc, files in self.by_bloc.items()},
                        self.index)


def _files(settings: Mapping[str, object], kind: str, label: str, scope: Mapping[str, object], key: str,
           **fields: object) -> list[DataFile]:
    """The JSON file and the CSV tables of one year or one bloc (those whose URL is on)."""
    found = []
    url, save_as = url_and_file(settings, f"{kind}_JSON", **fields)
    if save_as:
        found.append(DataFile(url, save_as, "json", f"{label} (JSON)", scope, key=key))
    for table in TABLES:
        url, save_as = url_and_file(settings, f"{kind}_CSV", table=table.name, **fields)
        if save_as:
            found.append(DataFile(url, save_as, "csv", f"{label}: {table.title} (CSV)", scope, table.name, key))
    return found


def _year_files(settings: Mapping[str, object], year: Year, key: str) -> list[DataFile]:
    return _files(settings, "YEAR", f"Năm {year.year}", {"kind": "year", "year": year.year}, key, year=year.year)


def _bloc_files(settings: Mapping[str, object], record: BlocRecord, key: str) -> list[DataFile]:
    bloc = record.bloc
    scope = {"kind": "bloc", "bloc": f"{bloc.province.id}/{bloc.id}"}
    return _files(settings, "BLOC", f"{bloc.name} ({bloc.province.name})", scope, key,
                  province=bloc.province.slug, slug=bloc.slug)


def open_data(archive: Archive, years: list[Year], settings: Mapping[str, object],
              keys: Mapping[Bloc, str] | None = None, year_keys: Mapping[int, str] | None = None) -> OpenData:
    """Plan every data file (:mod:`.writing` makes them); ``keys`` (one per bloc: what its data
    is made from) and ``year_keys`` (one per year) give each file its key."""
    keys, year_keys = keys or {}, year_keys or {}
    url, save_as = url_and_file(settings, "BLOCS_DATA")
    site = None
    if save_as:
        site = DataFile(url, save_as, "json", "Toàn bộ dữ liệu (JSON)", {"kind": "all"},
                        key=_key(keys, [record.bloc for record in archive.blocs]))
    data = OpenData(site)
    data.by_year = {year.year: _year_files(settings, year, _year_key(year_keys, year.year)) for year in years}
    data.by_bloc = {record.bloc: _bloc_files(settings, record, _key(keys, [record.bloc]))
                    for record in archive.blocs if record.years}
    url, save_as = url_and_file(settings, "DATA_INDEX")
    if save_as:
        data.index = DataFile(url, save_as, "json", "Danh mục dữ liệu (JSON)", {"kind": "catalogue"})
    return data


def _year_key(keys: Mapping[int, str], year: int) -> str:
    return digest(SCHEMA_VERSION, keys[year]) if year in keys else ""


def _key(keys: Mapping[Bloc, str], blocs: list[Bloc]) -> str:
    """What the files of these blocs are made from; "" when a bloc's key is unknown."""
    if not blocs or any(bloc not in keys for bloc in blocs):
        return ""
    return digest(SCHEMA_VERSION, [keys[bloc] for bloc in blocs])


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
