"""Failures of the machine give one coded line saying what to do, never a traceback, and a
failed build leaves the previous output as it was: a full disk (TD721) while writing pages or
while Pagefind indexes, a folder that cannot be written or is immutable (TD722), a file name
too long (TD723), another error of the system (TD724), Pagefind missing (TD725).

The tests run as root, whom neither a read-only mode nor a full disk of a temporary folder
would stop: each failure is simulated where the system would report it."""

from __future__ import annotations

import builtins
import errno
import logging
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from authoring_helpers import Site, make_site, tree_digest
from emulation_blocs.commands import cli
from emulation_blocs.commands.build import build
from emulation_blocs.folders import exchange
from emulation_blocs.pages import search

FULL = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A site with a published output, for builds that must leave it as it is."""
    site = make_site(tmp_path_factory.mktemp("machine"), articles=True)
    build(str(site.publish_settings), str(site.output))
    return site


def _failing_open(fails: Callable[[str, str], bool], error: OSError) -> Callable:
    real = builtins.open

    def fake_open(file: object, mode: str = "r", *arguments: object, **keywords: object) -> object:
        if fails(str(file), mode):
            raise OSError(error.errno, error.strerror, str(file))
        return real(file, mode, *arguments, **keywords)

    return fake_open


def _writes_into_staging(path: str, mode: str) -> bool:
    return any(letter in mode for letter in "wax") and "/.output-" in path


def run_build(site: Site, capsys: pytest.CaptureFixture, settings: Path | None = None) -> tuple[int, str]:
    code = cli.main(["build", "-s", str(settings or site.publish_settings), "-o", str(site.output)])
    return code, capsys.readouterr().err


def assert_kept(site: Site, before: dict[str, str]) -> None:
    assert tree_digest(site.output) == before
    assert not list(site.root.glob(".output-*"))  # the half-written folder is gone


def test_a_full_disk_while_writing_pages(built: Site, capsys: pytest.CaptureFixture,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree_digest(built.output)
    monkeypatch.setattr(builtins, "open", _failing_open(_writes_into_staging, FULL))
    code, said = run_build(built, capsys)
    assert code == 1
    assert "Traceback" not in said
    [line] = [line for line in said.splitlines() if line.startswith("LỖI:")]
    assert line.startswith("LỖI: TD721 ")
    assert f"Giải phóng chỗ trống trên ổ chứa {built.root}" in line
    assert f"Thư mục {built.output} giữ nguyên." in line
    assert_kept(built, before)


@pytest.mark.parametrize(("number", "reason"), [(errno.EROFS, "ổ đĩa chỉ cho đọc"),
                                                (errno.EACCES, "không có quyền ghi")])
def test_an_output_folder_that_cannot_be_written(built: Site, capsys: pytest.CaptureFixture,
                                                 monkeypatch: pytest.MonkeyPatch, number: int, reason: str) -> None:
    before = tree_digest(built.output)

    def refused(*_arguments: object, **keywords: object) -> str:
        raise OSError(number, os.strerror(number), str(keywords.get("dir")))

    monkeypatch.setattr("emulation_blocs.folders.tempfile.mkdtemp", refused)
    code, said = run_build(built, capsys)
    assert code == 1 and "Traceback" not in said
    assert f"LỖI: TD722 Không ghi được «{built.root}»: {reason}." in said
    assert_kept(built, before)


def test_an_immutable_output_folder(built: Site, capsys: pytest.CaptureFixture,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """``chattr +i output``: renaming it, or anything into its place, is refused."""
    before = tree_digest(built.output)
    output = str(built.output)

    def guarded(real: Callable) -> Callable:
        def rename(source: object, target: object, *arguments: object, **keywords: object) -> None:
            if output in (os.fspath(source), os.fspath(target)):
                raise OSError(errno.EPERM, os.strerror(errno.EPERM), os.fspath(source), os.fspath(target))
            real(source, target, *arguments, **keywords)
        return rename

    monkeypatch.setattr(os, "rename", guarded(os.rename))
    monkeypatch.setattr(os, "replace", guarded(os.replace))
    # The atomic exchange of the two folders (renameat2) is refused the same way.
    monkeypatch.setattr("emulation_blocs.commands.build.exchange", guarded(exchange))
    code, said = run_build(built, capsys)
    assert code == 1 and "Traceback" not in said
    assert "LỖI: TD722 " in said and "bị khóa" in said and "chattr -i" in said
    assert_kept(built, before)


def test_a_file_name_too_long_for_the_system(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    site = make_site(tmp_path, articles=True)
    with site.publish_settings.open("a", encoding="utf-8") as settings:
        settings.write(f"BLOC_YEAR_URL = 'khoi/{{province}}/{'{slug}-' * 14}/{{year}}.html'\n")
    code, said = run_build(site, capsys)
    assert code == 1 and "Traceback" not in said
    assert "LỖI: TD723 " in said
    assert not site.output.exists()


def test_an_error_of_the_system_while_checking(tmp_path: Path, capsys: pytest.CaptureFixture,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path, articles=True)
    with site.preview_settings.open("a", encoding="utf-8") as settings:
        settings.write("LOAD_CONTENT_CACHE = False\n")
    real = Path.read_bytes

    def broken_disk(path: Path) -> bytes:
        if path.suffix == ".md":
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", broken_disk)
    code = cli.main(["check", "-s", str(site.preview_settings)])
    said = capsys.readouterr().err
    assert code == 1 and "Traceback" not in said
    assert "LỖI: TD724 Hệ điều hành báo lỗi «Input/output error» với «" in said


def _pagefind_says(monkeypatch: pytest.MonkeyPatch, error_stream: str) -> None:
    real = subprocess.run

    def pagefind(command: list[str], *arguments: object, **keywords: object) -> subprocess.CompletedProcess:
        if "--force-language" in command:  # Pagefind's command line, by its binary or by python -m pagefind
            return subprocess.CompletedProcess(command, 1, "", error_stream)
        return real(command, *arguments, **keywords)

    monkeypatch.setattr(search.subprocess, "run", pagefind)


def test_a_full_disk_inside_pagefind_stops_a_published_build(
        built: Site, capsys: pytest.CaptureFixture, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree_digest(built.output)
    _pagefind_says(monkeypatch, "Error: Failed to write fragment: No space left on device (os error 28)")
    with caplog.at_level(logging.ERROR):
        code, said = run_build(built, capsys)
    assert code == 1 and "Traceback" not in said
    [message] = [record.getMessage() for record in caplog.records]
    # Pagefind writes into its scratch folder in the cache folder (no longer the system's /tmp).
    assert message.startswith("TD721 Ổ đĩa hết chỗ trống khi ghi «") and "CACHE_PATH" in message
    assert_kept(built, before)


def test_a_full_disk_while_copying_pages_for_pagefind(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path, articles=True)
    monkeypatch.setattr(builtins, "open", _failing_open(lambda path, mode: "w" in mode and "pagefind-" in path, FULL))
    with caplog.at_level(logging.ERROR):
        build(str(site.preview_settings), str(site.output))  # the preview is still built
    assert any(record.getMessage().startswith("TD721 ") for record in caplog.records)
    assert (site.output / "index.html").is_file()


def test_pagefind_missing(tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path, articles=True)
    _pagefind_says(monkeypatch, "/usr/bin/python3.11: No module named pagefind")
    with caplog.at_level(logging.ERROR):
        build(str(site.preview_settings), str(site.output))
    [message] = [record.getMessage() for record in caplog.records if "TD7" in record.getMessage()]
    assert message.startswith("TD725 Pagefind không tạo được chỉ mục tìm kiếm: mã thoát 1: ")
    assert "No module named pagefind" in message and "make venv" in message
