"""The data files a build makes, written in one pass over the blocs.

One year of a bloc is in three JSON files (its bloc's, its year's and ``data/blocs.json``) and
in two tables of each kind (its bloc's and its year's). Its text is made once, when its bloc's
turn comes, and goes to every file being made that holds it. The files of the years and
``data/blocs.json`` stay open through the pass, a bloc's own files while it is written: a year
lists its blocs in the archive's order (province by province, as
:func:`..domain.years.years_of` adds them), so each piece is written as soon as it is made, and
nothing is kept but the open files. A file that is not being made (in a preview, one whose key
has not changed) asks for no piece; with the page cache, a bloc-year's piece is kept from one
build to the next under the key of what it is made from (:class:`Pieces`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from ..domain.aggregate import Archive
from ..domain.model import BlocRecord, BlocYear
from ..incremental.writer import FileStream
from .csv_tables import TABLES, csv_head, csv_rows
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
        stream.write(csv_head(_TABLES[file.table].columns))

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


class Piece(NamedTuple):
    """What one bloc-year puts in the data files: its entry in a bloc's years (JSON, indented
    for its place) and its lines in each table (UTF-8), by the table's name."""

    json: str
    tables: dict[str, bytes]


def make_piece(bloc_year: BlocYear) -> Piece:
    return Piece(bloc_year_text(bloc_year),
                 {table.name: csv_rows(table.columns, table.rows(bloc_year)) for table in TABLES})


@dataclass
class Pieces:
    """Each bloc-year's piece, made when it is asked for. With ``keys`` (by the bloc-year's
    ``id``: what its piece is made from; the page cache), the piece of a bloc-year whose key
    is in ``known`` is taken as it is, and every piece asked for goes into ``kept``."""

    keys: Mapping[int, str] = field(default_factory=dict)
    known: Mapping[str, Piece] = field(default_factory=dict)
    kept: dict[str, Piece] | None = None

    def keep_the_rest(self) -> None:
        """Keep the known pieces of this build's bloc-years that no file asked for (none was
        made again), so that the next build still finds them."""
        if self.kept is not None:
            for key in self.keys.values():
                if key not in self.kept and key in self.known:
                    self.kept[key] = self.known[key]

    def of(self, bloc_year: BlocYear) -> Piece:
        key = self.keys.get(id(bloc_year))
        piece = self.known.get(key) if key is not None else None
        if piece is None:
            piece = make_piece(bloc_year)
        if key is not None and self.kept is not None:
            self.kept[key] = piece
        return piece


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
               pieces: Pieces | None = None) -> dict[str, Described]:
    """Write the files of ``data`` for which ``open_file`` gives a stream; their sizes and
    checksums, by file name. On a failure, no file being made is left."""
    made = _Pass(open_file, site_url)
    pieces = pieces or Pieces()
    try:
        site = made.files_of([data.site] if data.site else [], scoped=False)
        years = {year: made.files_of(files) for year, files in data.by_year.items()}
        for record in archive.blocs:
            own = made.files_of(data.for_bloc(record.bloc))
            if own.outputs or site.outputs or any(years[year].outputs for year in record.years):
                _write_bloc(record, own, years, site, pieces)
            made.close(own)
        for files in [*years.values(), site]:
            made.close(files)
        pieces.keep_the_rest()
    except BaseException:
        made.discard()
        raise
    return made.described


def _write_bloc(record: BlocRecord, own: _Files, years: Mapping[int, _Files], site: _Files, pieces: Pieces) -> None:
    """One bloc's pieces, to its years' files, then its own and ``data/blocs.json``."""
    made = [pieces.of(bloc_year) for bloc_year in record.years.values()]
    if not made:
        text = dump_bloc(bloc_entry(record))
    else:
        head, tail = bloc_frame(record)
        for year, piece in zip(record.years, made, strict=True):
            _add(years[year], head + piece.json + tail, [piece])
        text = head + ",\n".join(piece.json for piece in made) + tail
    _add(own, text, made)
    _add(site, text, [])


def _add(files: _Files, text: str, made: list[Piece]) -> None:
    if files.document is not None:
        files.document.add(text)
    for name, table in files.tables.items():
        for piece in made:
            table.add(piece.tables[name])
