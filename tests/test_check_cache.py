"""``check`` keeps what it needs of each article between runs: a file is read again when its
stamp changes, and every file when the plugin or the settings change. A preview build leaves
the same for check when check has nothing of its own."""

from __future__ import annotations

import datetime
import os
import types
from pathlib import Path

import pelican.contents
import pytest
from authoring_helpers import BROKEN, make_site, run_cli
from emulation_blocs import check
from emulation_blocs.check import find_problems
from emulation_blocs.checkcache import CACHE_FILE, read_entries, write_entries
from emulation_blocs.reader import FrontMatterReader
from pelican.settings import read_settings

CASE = "td104-ngay-khong-ton-tai"
BROKEN_FILE = "articles/bac-kan/2021/2021-12-30-khoi-mttq-cac-doan-the-tong-ket-2021.md"


def _problems(settings_file: Path) -> set[tuple[str, str]]:
    return {(found.code, found.path) for found in find_problems(read_settings(str(settings_file)))}


def _files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files check reads from now on (in this process: a handful of files is read without
    a helper)."""
    read: list[str] = []
    original = FrontMatterReader.read_here

    def read_here(self: FrontMatterReader, source_path: str) -> tuple[str, dict]:
        read.append(Path(source_path).relative_to(self.settings["PATH"]).as_posix())
        return original(self, source_path)

    monkeypatch.setattr(FrontMatterReader, "read_here", read_here)
    return read


def _hide_problems(cache: Path, fingerprint: str = "") -> None:
    """Take the problems out of the broken file's cached entry, leaving its stamp (and, given
    ``fingerprint``, record the cache as made by another version of the plugin)."""
    stored_fingerprint, entries = read_entries(cache)
    path = next(key for key in entries if key.endswith(BROKEN_FILE))
    _stamp, article = entries[path]
    article.metadata["problems"] = []
    write_entries(cache, fingerprint or stored_fingerprint, entries)


def test_check_trusts_what_it_read_until_the_file_or_the_plugin_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # as `make check` runs: the cache folder is relative to it
    site = make_site(tmp_path, BROKEN / CASE, articles=True)
    wrong = ("TD104", BROKEN_FILE)
    assert wrong in _problems(site.preview_settings)
    cache = Path(read_settings(str(site.preview_settings))["CACHE_PATH"]).resolve() / CACHE_FILE
    assert cache.is_relative_to(tmp_path)
    assert _problems(site.preview_settings) == _problems(site.preview_settings)  # read from the cache

    # What is cached is what check trusts while the file's date is unchanged ...
    _hide_problems(cache)
    assert wrong not in _problems(site.preview_settings)
    # ... and no longer once the file has a new date.
    source = site.content / BROKEN_FILE
    stamp = source.stat().st_mtime_ns + 2_000_000_000
    os.utime(source, ns=(stamp, stamp))
    assert wrong in _problems(site.preview_settings)

    # Another version of the plugin (or other settings) reads every file again.
    _hide_problems(cache, fingerprint="another version")
    assert wrong in _problems(site.preview_settings)
    # The cache holds the files of this content folder only.
    articles = read_entries(cache)[1]
    assert articles and all(key.startswith(str(site.content.resolve())) for key in articles)


def test_a_check_after_a_preview_reads_only_the_files_changed_since(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    site = make_site(tmp_path, BROKEN / CASE, articles=True)
    cache = Path(read_settings(str(site.preview_settings))["CACHE_PATH"]) / CACHE_FILE
    built = run_cli("build", "-s", str(site.preview_settings), "-o", str(site.output), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    from_build = read_entries(cache)
    assert len(from_build[1]) == len(list((site.content / "articles").rglob("*.md")))

    # What the build left is what check would have kept itself, entry for entry ...
    cache.unlink()
    read = _files_read(monkeypatch)
    wrong = ("TD104", BROKEN_FILE)
    assert wrong in _problems(site.preview_settings)
    assert len(read) == len(from_build[1])
    assert read_entries(cache) == from_build
    # ... so a check after the build reads no file and finds the same problems.
    cache.unlink()
    assert run_cli("build", "-s", str(site.preview_settings), "-o", str(site.output), cwd=tmp_path).returncode == 0
    read.clear()
    assert wrong in _problems(site.preview_settings)
    assert read == []

    # A build leaves check's own cache alone: check reads again only the file edited since.
    source = site.content / BROKEN_FILE
    source.write_text(source.read_text(encoding="utf-8").replace("2021-02-30", "2021-12-30"), encoding="utf-8")
    before = cache.read_bytes()
    assert run_cli("build", "-s", str(site.preview_settings), "-o", str(site.output), cwd=tmp_path).returncode == 0
    assert cache.read_bytes() == before
    assert wrong not in _problems(site.preview_settings)
    assert read == [BROKEN_FILE]

    # Check saves again once enough files were read again: rewriting every entry costs more
    # than reading a few files (here "enough" is all of them).
    read.clear()
    share = check.RESAVE_SHARE
    monkeypatch.setattr(check, "RESAVE_SHARE", 1)
    os.utime(source, ns=(stamp := source.stat().st_mtime_ns + 2_000_000_000, stamp))
    before = cache.read_bytes()
    _problems(site.preview_settings)
    _problems(site.preview_settings)
    assert read == [BROKEN_FILE, BROKEN_FILE]
    assert cache.read_bytes() == before
    monkeypatch.setattr(check, "RESAVE_SHARE", share)
    _problems(site.preview_settings)
    _problems(site.preview_settings)
    assert read == [BROKEN_FILE] * 3


class _Later(datetime.datetime):
    @classmethod
    def now(cls, tz: datetime.tzinfo | None = None) -> datetime.datetime:  # type: ignore[override]
        return datetime.datetime(2100, 1, 1, tzinfo=tz)


def test_no_status_is_kept_when_it_depends_on_the_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``WITH_FUTURE_DATES = False`` a report dated in the future is a draft until its
    day, its file unchanged: on that day check must see it published (and resolve its names)."""
    monkeypatch.chdir(tmp_path)
    site = make_site(tmp_path, BROKEN / "td203-to-chuc-khong-co", articles=True)
    with site.preview_settings.open("a", encoding="utf-8") as settings:
        settings.write("WITH_FUTURE_DATES = False\n")
    source = site.content / BROKEN_FILE
    source.write_text(source.read_text(encoding="utf-8").replace("date: 2021-12-30", "date: 2099-12-30", 1),
                      encoding="utf-8")
    unknown = ("TD203", BROKEN_FILE)
    assert unknown not in _problems(site.preview_settings)  # a draft's names are not resolved

    later = types.SimpleNamespace(**{name: getattr(datetime, name) for name in dir(datetime)})
    later.datetime = _Later
    monkeypatch.setattr(pelican.contents, "datetime", later)
    assert unknown in _problems(site.preview_settings)

