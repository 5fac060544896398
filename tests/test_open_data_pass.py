"""The data files written in one pass (opendata/writing.py) are, byte for byte, the documents
and tables made whole and one by one: each JSON file ``dumps`` of its document, each table
``csv.DictWriter``'s; in a preview (some files not made, known texts of data/blocs.json reused)
and after a failure (no file left)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT
from emulation_blocs.commands.check import read_archive
from emulation_blocs.domain.aggregate import Archive
from emulation_blocs.domain.model import BlocYear
from emulation_blocs.domain.years import Year, years_of
from emulation_blocs.incremental.writer import FileStream
from emulation_blocs.opendata.csv_tables import BOM, FORMULA_STARTS, TABLES, Table
from emulation_blocs.opendata.document import SCHEMA_VERSION, bloc_entry, blocs_document, dumps
from emulation_blocs.opendata.files import DataFile, OpenData, open_data
from emulation_blocs.opendata.writing import Opener, Pieces, write_data
from emulation_blocs.settings import apply_defaults
from pelican.settings import read_settings

SITE_URL = "https://example.vn"
TABLE = {table.name: table for table in TABLES}


@pytest.fixture(scope="module")
def planned() -> tuple[Archive, list[Year], OpenData]:
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(CONTENT)})
    archive, _problems = read_archive(settings)
    apply_defaults(settings)
    years = years_of(archive)
    return archive, years, open_data(archive, years, settings)


def _document(scope: dict, blocs: list[dict]) -> bytes:
    return dumps({"schema_version": SCHEMA_VERSION, "site_url": SITE_URL, "scope": scope, "blocs": blocs}).encode()


def _table(table: Table, bloc_years: Iterable[BlocYear]) -> bytes:
    """The table as ``csv.DictWriter`` writes it, a text cell that looks like a formula quoted."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=table.columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for bloc_year in bloc_years:
        for row in table.rows(bloc_year):
            writer.writerow({column: "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS)
                             else value for column, value in row.items()})
    return (BOM + buffer.getvalue()).encode("utf-8")


def _expected(archive: Archive, years: list[Year], data: OpenData) -> dict[str, bytes]:
    """Every data file made whole, from the archive, one file at a time."""
    records = {record.bloc: record for record in archive.blocs}
    expected = {data.site.save_as: dumps(blocs_document(archive, SITE_URL)).encode()} if data.site else {}
    for year in years:
        for file in data.for_year(year.year):
            expected[file.save_as] = (
                _document(dict(file.scope), [bloc_entry(records[bloc_year.bloc], [bloc_year])
                                             for bloc_year in year.bloc_years])
                if file.format == "json" else _table(TABLE[file.table], year.bloc_years))
    for record in archive.blocs:
        for file in data.for_bloc(record.bloc):
            expected[file.save_as] = (_document(dict(file.scope), [bloc_entry(record)]) if file.format == "json"
                                      else _table(TABLE[file.table], record.years.values()))
    return expected


def _opener(folder: Path, only: set[str] | None = None) -> Opener:
    def open_file(file: DataFile) -> FileStream | None:
        if only is not None and file.save_as not in only:
            return None
        return FileStream(str(folder / file.save_as))
    return open_file


def test_one_pass_writes_what_each_file_made_whole_holds(planned, tmp_path: Path) -> None:
    archive, years, data = planned
    assert len(years) > 3 and any(len(year.bloc_years) > 2 for year in years)
    assert any(len(record.years) > 1 for record in archive.blocs)
    expected = _expected(archive, years, data)
    assert len(expected) == len(data.files) > 40
    described = write_data(data, archive, _opener(tmp_path), SITE_URL)
    assert set(described) == set(expected)
    for save_as, content in expected.items():
        assert (tmp_path / save_as).read_bytes() == content, save_as
        assert described[save_as][0] == len(content)


def test_a_preview_makes_only_the_files_asked_for_from_kept_pieces(planned, tmp_path: Path) -> None:
    archive, years, data = planned
    expected = _expected(archive, years, data)
    keys = {id(bloc_year): f"k{number}" for number, bloc_year in enumerate(archive.bloc_years)}
    first = Pieces(keys, {}, {})
    write_data(data, archive, _opener(tmp_path / "first"), SITE_URL, first)
    assert first.kept is not None and len(first.kept) == len(archive.bloc_years)
    # One bloc edited: its files, its years' files and data/blocs.json; the other bloc-years' pieces known.
    edited = next(record for record in archive.blocs if len(record.years) > 1)
    asked = {file.save_as for file in data.for_bloc(edited.bloc)}
    asked |= {file.save_as for year in edited.years for file in data.for_year(year)}
    asked.add(data.site.save_as)  # type: ignore[union-attr]
    changed = {keys[id(bloc_year)] for bloc_year in edited.years.values()}
    known = {key: piece for key, piece in first.kept.items() if key not in changed}
    again = Pieces(keys, known, {})
    described = write_data(data, archive, _opener(tmp_path / "second", asked), SITE_URL, again)
    assert set(described) == asked
    for save_as in asked:
        assert (tmp_path / "second" / save_as).read_bytes() == expected[save_as], save_as
    assert again.kept == first.kept
    assert all(again.kept[key] is piece for key, piece in known.items())  # taken as it was, not made again
    # A build that makes no data file (nothing changed) keeps every piece for the next.
    unchanged = Pieces(keys, again.kept, {})
    assert write_data(data, archive, _opener(tmp_path / "third", set()), SITE_URL, unchanged) == {}
    assert unchanged.kept == first.kept


def test_an_empty_archive_gives_empty_documents(tmp_path: Path) -> None:
    data = OpenData(DataFile("data/blocs.json", "data/blocs.json", "json", "", {"kind": "all"}))
    write_data(data, Archive(), _opener(tmp_path), SITE_URL)
    assert (tmp_path / "data/blocs.json").read_bytes() == dumps(blocs_document(Archive(), SITE_URL)).encode()


def test_a_failed_pass_leaves_no_file_it_was_making(planned, tmp_path: Path) -> None:
    archive, years, data = planned
    opened: list[FileStream] = []

    def open_file(file: DataFile) -> FileStream | None:
        if len(opened) == 40:
            raise OSError("disk full")
        opened.append(FileStream(str(tmp_path / file.save_as)))
        return opened[-1]

    (tmp_path / "data").mkdir()
    (tmp_path / "data/blocs.json").write_text("previous")
    with pytest.raises(OSError, match="disk full"):
        write_data(data, archive, open_file, SITE_URL)
    assert (tmp_path / "data/blocs.json").read_text() == "previous"  # an existing file stays as it was
    left = {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file()}
    left.remove("data/blocs.json")
    expected = _expected(archive, years, data)
    assert left and not any(name in left for year in years for name in map(_name, data.for_year(year.year)))
    for name in left:  # the files of the blocs finished before the failure, whole
        assert (tmp_path / name).read_bytes() == expected[name], name


def _name(file: DataFile) -> str:
    return file.save_as
