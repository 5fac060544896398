"""The data files a build makes, written in one pass over the blocs.

One year of a bloc is in three JSON files (its bloc's, its year's and ``data/blocs.json``) and
in two tables of each kind (its bloc's and its year's). Its text is made once, when its bloc's
turn comes, and goes to every file being made that holds it. The files of the years and
``data/blocs.json`` stay open through the pass, a bloc's own files while it is written: a year
lists its blocs in the archive's order (province by province, as
:func:`..domain.years.years_of` adds them), so each piece is written as soon as it is made, and
nothing is kept but the open files. A file that is not being made (in a preview, one whose key
has not changed) asks for no piece.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..domain.aggregate import Archive
from ..domain.model import BlocRecord, BlocYear
from ..incremental.writer import FileStream
from .csv_tables import TABLES, Table, csv_head, csv_rows
from .document import (
    SCHEMA_VERSION,
    bloc_entry,
    bloc_frame,
    bloc_year_text,
    document_frame,
    dump_bloc,
    empty_document,
)
from .files import DataFile, OpenData

Described = tuple[int, str]  # size and SHA-256
Opener = Callable[[DataFile], FileStream | None]  # None: the file is not to be made
_TABLES = {table.name: table for table in TABLES}


class _Output:
    """One file being made."""

    def __init__(self, file: DataFile, stream: FileStream) -> None:
        self.file, self.stream = file, stream

    def close(self) -> Described:
        return self.stream.close()


class _Document(_Output):
    """A JSON document whose list of blocs is written one entry at a time."""

    def __init__(self, file: DataFile, stream: FileStream, frame: dict) -> None:
        super().__init__(file, stream)
        self.frame = frame
        self.tail: str | None = None  # once an entry is written

    def add(self, text: str) -> None:
        if self.tail is None:
            head, self.tail = document_frame(self.frame)
            self.stream.write((head + text).encode("utf-8"))
        else:
            self.stream.write(f",\n{text}".encode())

    def close(self) -> Described:
        self.stream.write((empty_document(self.frame) if self.tail is None else self.tail).encode("utf-8"))
        return super().close()


class _Table(_Output):
    """A CSV table written a part at a time."""

    def __init__(self, file: DataFile, stream: FileStream) -> None:
        super().__init__(file, stream)
        self.columns = _TABLES[file.table].columns
        stream.write(csv_head(self.columns))

    def add(self, lines: bytes) -> None:
        self.stream.write(lines)


@dataclass
class _Files:
    """The files being made of one scope (``data/blocs.json``, a year, a bloc)."""

    document: _Document | None = None
    tables: dict[str, _Table] = field(default_factory=dict)  # by the table's name

    @property
    def outputs(self) -> list[_Output]:
        return [*([self.document] if self.document else []), *self.tables.values()]


@dataclass
class SiteTexts:
    """The blocs' texts of ``data/blocs.json`` kept between builds (in the page cache): a bloc
    whose key is in ``known`` is not made again; every text used goes into ``kept``."""

    keys: list[str]  # one per bloc of the archive, in order
    known: Mapping[str, str]
    kept: dict[str, str]


class _Pass:
    def __init__(self, open_file: Opener, site_url: str) -> None:
        self.open_file = open_file
        self.frame = {"schema_version": SCHEMA_VERSION, "site_url": site_url}
        self.open: list[_Files] = []
        self.described: dict[str, Described] = {}

    def files_of(self, files: Iterable[DataFile], scoped: bool = True) -> _Files:
        found = _Files()
        self.open.append(found)
        for file in files:
            stream = self.open_file(file)
            if stream is None:
                continue
            if file.format == "json":
                frame = {**self.frame, "scope": dict(file.scope)} if scoped else self.frame
                found.document = _Document(file, stream, frame)
            else:
                found.tables[file.table] = _Table(file, stream)
        return found

    def close(self, files: _Files) -> None:
        self.open.remove(files)
        for output in files.outputs:
            self.described[output.file.save_as] = output.close()

    def discard(self) -> None:
        for files in self.open:
            for output in files.outputs:
                output.stream.discard()


def write_data(data: OpenData, archive: Archive, open_file: Opener, site_url: str,
               site_texts: SiteTexts | None = None) -> dict[str, Described]:
    """Write the files of ``data`` for which ``open_file`` gives a stream; their sizes and
    checksums, by file name. On a failure, no file being made is left."""
    made = _Pass(open_file, site_url)
    try:
        site = made.files_of([data.site] if data.site else [], scoped=False)
        years = {year: made.files_of(files) for year, files in data.by_year.items()}
        for number, record in enumerate(archive.blocs):
            own = made.files_of(data.for_bloc(record.bloc))
            key = site_texts.keys[number] if site_texts is not None else ""
            _write_bloc(record, own, years, site, site_texts, key)
            made.close(own)
        for files in [*years.values(), site]:
            made.close(files)
    except BaseException:
        made.discard()
        raise
    return made.described


def _write_bloc(record: BlocRecord, own: _Files, years: Mapping[int, _Files], site: _Files,
                site_texts: SiteTexts | None, key: str) -> None:
    """One bloc's pieces: its entry in its JSON and in ``data/blocs.json`` (made whole only
    where no known text serves), its years' entries, its rows."""
    known = site_texts.known.get(key) if site_texts is not None else None
    whole = own.document is not None or (site.document is not None and known is None)
    text = known or ""
    if whole and not record.years:
        text = dump_bloc(bloc_entry(record))
    elif whole or any(years[year].document for year in record.years):
        head, tail = bloc_frame(record)
        texts = {year: bloc_year_text(bloc_year) for year, bloc_year in record.years.items()
                 if whole or years[year].document}
        for year, year_text in texts.items():
            if (document := years[year].document) is not None:
                document.add(head + year_text + tail)
        if whole:
            text = head + ",\n".join(texts.values()) + tail
    for scope in (own, site):
        if scope.document is not None:
            scope.document.add(text)
    if site.document is not None and site_texts is not None:
        site_texts.kept[key] = text
    for table in TABLES:
        _write_rows(table, record.years.values(), own.tables.get(table.name), years)


def _write_rows(table: Table, bloc_years: Iterable[BlocYear], own: _Table | None,
                years: Mapping[int, _Files]) -> None:
    for bloc_year in bloc_years:
        of_year = years[bloc_year.year].tables.get(table.name)
        if own is None and of_year is None:
            continue
        lines = csv_rows(table.columns, table.rows(bloc_year))
        for target in (own, of_year):
            if target is not None:
                target.add(lines)
