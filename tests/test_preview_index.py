"""The preview's search index (emulation_blocs.commands.preview_index), made in the background
while builds go on: a build, of the server or of another terminal, never finds or publishes a
bundle being written, a bundle of pages a build has replaced is never put in place, and the
newest pages always end up indexed, with nothing temporary left.

Pagefind is made to wait at a gate (a small program started in its place, which lets the first
run through only when the test says so), so that builds happen while it runs."""

from __future__ import annotations

import contextlib
import logging
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import build_site
from emulation_blocs.commands import preview_index
from emulation_blocs.commands.build import output_lock, replace_folder, wait_for_removals
from emulation_blocs.commands.preview_index import IndexLater
from emulation_blocs.folders import exclusive
from emulation_blocs.pages import search
from incremental_helpers import EDITED, EDITED_PAGE, copy_content, edit_title_and_body, stamps, tree_bytes
from search_helpers import BUNDLE, assert_whole, indexed_anew

# Started instead of Pagefind: notes each run, holds the first one until the gate opens, then
# becomes Pagefind (same process: stopping the run kills Pagefind).
GATE = textwrap.dedent("""
    import os, sys, time
    marks = sys.argv[1]
    try:
        first = os.open(os.path.join(marks, "started"), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        os.write(first, str(os.getpid()).encode())
        os.close(first)
        while not os.path.exists(os.path.join(marks, "open")):
            time.sleep(0.02)
    except FileExistsError:
        pass
    with open(os.path.join(marks, "through"), "a") as log:
        log.write("run\\n")
    os.execv(sys.argv[2], sys.argv[2:])
""")


class Gate:
    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.marks = folder
        folder.mkdir()
        script = folder.parent / "gate.py"
        script.write_text(GATE, encoding="utf-8")
        command = (sys.executable, "-I", "-S", str(script), str(folder), *search.pagefind_command())
        monkeypatch.setattr(search, "pagefind_command", lambda: command)

    def wait_until_held(self) -> None:
        deadline = time.monotonic() + 30
        while not self._started():  # made, then its process written into it: both are waited for
            assert time.monotonic() < deadline, "Pagefind never started"
            time.sleep(0.02)

    def held(self) -> int:
        """The process of the run held at the gate."""
        return int(self._started())

    def _started(self) -> str:
        try:
            return (self.marks / "started").read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""

    def wait_until_done(self) -> None:
        """Until the run held (Pagefind, once through) has ended."""
        pid = self.held()
        deadline = time.monotonic() + 60
        while _running(pid):
            assert time.monotonic() < deadline, "Pagefind never ended"
            time.sleep(0.02)

    def open(self) -> None:
        (self.marks / "open").touch()

    def runs_through(self) -> int:
        through = self.marks / "through"
        return len(through.read_text(encoding="utf-8").split()) if through.exists() else 0


def _running(pid: int) -> bool:
    """Whether process ``pid`` runs (neither gone nor a zombie waiting to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _settings(output: Path) -> dict:
    """The server's settings as the index reads them (Pelican's cache in use, as in pelicanconf)."""
    return {"BLOCS_SEARCH_INDEX": True, "BLOCS_SEARCH_INDEX_PATH": BUNDLE, "CACHE_PATH": str(output.parent / "cache"),
            "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}


def assert_nothing_left(output: Path) -> None:
    wait_for_removals()  # the former outputs and bundles, deleted by child processes
    assert sorted(path.name for path in output.parent.iterdir()) == ["cache", "output"]
    assert not list((output.parent / "cache").glob(f"{search.SCRATCH_PREFIX}*"))


def _site(tmp_path: Path, **overrides: object) -> tuple[Path, Path]:
    content = copy_content(tmp_path / "content")
    output = tmp_path / "preview" / "output"
    build_site(content, output, **overrides)
    return content, output


@pytest.mark.parametrize("other", ["preview", "html"])
def test_a_build_while_the_preview_indexes_publishes_a_whole_bundle_and_the_newest_is_indexed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other: str) -> None:
    """``make html`` (which indexes itself), or another preview build (which keeps the former
    bundle), into the output the server is indexing."""
    content, output = _site(tmp_path)
    gate = Gate(tmp_path / "gate", monkeypatch)
    later = IndexLater(_settings(output))
    try:
        later.request(output)
        gate.wait_until_held()
        edit_title_and_body(content / EDITED, " sửa trong lúc lập chỉ mục")
        build_site(content, output, **(later.build_overrides() if other == "preview" else {}))
        assert_whole(output / BUNDLE)  # what that build published
    finally:
        gate.open()
    later.wait(120)

    assert "sửa trong lúc lập chỉ mục" in (output / EDITED_PAGE).read_text(encoding="utf-8")
    assert_whole(output / BUNDLE)
    assert tree_bytes(output / BUNDLE) == indexed_anew(output, tmp_path / "anew" / "output")
    assert_nothing_left(output)


@pytest.mark.parametrize("built", [True, False], ids=["rebuilt", "build-failed"])
def test_a_rebuild_stops_the_index_run_it_makes_old_and_the_last_pages_are_indexed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: bool) -> None:
    """As the server rebuilds: the run under way is stopped at once (it never gets through the
    gate) and the requests that come during the build make one more run, of the newest pages.
    A build that fails leaves the former pages, indexed again. The first output has no index
    yet: the preview's first build has none of its own."""
    content, output = _site(tmp_path, **IndexLater(_settings(tmp_path / "preview" / "output")).build_overrides())
    assert not (output / BUNDLE).exists()
    gate = Gate(tmp_path / "gate", monkeypatch)
    later = IndexLater(_settings(output))
    try:
        later.request(output)
        gate.wait_until_held()
        with later.building():
            if built:
                edit_title_and_body(content / EDITED, " sửa lần hai")
                build_site(content, output, **later.build_overrides())
                later.request(output)
                later.request(output)
        later.wait(120)
        assert gate.runs_through() == 1
    finally:
        gate.open()
    later.wait(120)

    assert_whole(output / BUNDLE)
    assert tree_bytes(output / BUNDLE) == indexed_anew(output, tmp_path / "anew" / "output")
    assert_nothing_left(output)


def test_the_bundle_is_not_touched_while_a_build_holds_the_output(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind finishes while a build (here: its lock, held by the test) is linking or
    replacing the output: the new bundle waits for the build to end, then takes the former
    one's place whole."""
    content, output = _site(tmp_path)
    edit_title_and_body(content / EDITED, " sửa trước khi lập chỉ mục")
    later = IndexLater(_settings(output))
    build_site(content, output, **later.build_overrides())  # keeps the former bundle
    gate = Gate(tmp_path / "gate", monkeypatch)
    locking = _watch_the_run_lock(monkeypatch)
    before = stamps(output / BUNDLE)
    try:
        later.request(output)
        gate.wait_until_held()
        with exclusive(output_lock(output), output):
            gate.open()
            gate.wait_until_done()
            deadline = time.monotonic() + 60
            while not locking.is_set():  # the bundle is made, then the run asks for the output
                assert stamps(output / BUNDLE) == before
                assert time.monotonic() < deadline, "the run never asked for the output's lock"
                time.sleep(0.02)
            until = time.monotonic() + 0.5  # a run that did not wait for the lock has written by then
            while time.monotonic() < until:
                assert stamps(output / BUNDLE) == before
                time.sleep(0.05)
    finally:
        gate.open()
    later.wait(120)

    assert stamps(output / BUNDLE) != before
    assert_whole(output / BUNDLE)
    assert tree_bytes(output / BUNDLE) == indexed_anew(output, tmp_path / "anew" / "output")
    assert_nothing_left(output)


def _watch_the_run_lock(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Set when the index run asks for the output's lock (to put its bundle in place)."""
    asked = threading.Event()
    take = preview_index.exclusive

    @contextlib.contextmanager
    def watched(lock: Path, what: Path, say_waiting: bool = True) -> Iterator[None]:
        asked.set()
        with take(lock, what, say_waiting):
            yield

    monkeypatch.setattr(preview_index, "exclusive", watched)
    return asked


def test_a_rebuild_waits_for_the_bundle_being_put_in_place_without_a_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """A save comes while the index run puts its bundle in place (under the output's lock):
    the server's build waits for that moment to end, and does not say that another build is
    running (TD751): there is none."""
    content, output = _site(tmp_path)
    swapping, proceed = threading.Event(), threading.Event()

    def slow_replace(target: Path, fresh: Path) -> None:
        swapping.set()
        proceed.wait(30)
        replace_folder(target, fresh)

    monkeypatch.setattr(preview_index, "replace_folder", slow_replace)
    later = IndexLater(_settings(output))
    later.request(output)
    assert swapping.wait(120), "the run never put its bundle in place"
    threading.Timer(0.5, proceed.set).start()
    edit_title_and_body(content / EDITED, " sửa lúc đặt chỉ mục")
    with caplog.at_level(logging.WARNING), later.building():
        assert proceed.is_set()  # the bundle was in place before the build began
        build_site(content, output, **later.build_overrides())
        later.request(output)
    later.wait(120)

    assert not [record for record in caplog.records if "TD751" in record.getMessage()]
    assert_whole(output / BUNDLE)
    assert tree_bytes(output / BUNDLE) == indexed_anew(output, tmp_path / "anew" / "output")
    assert_nothing_left(output)


def test_closing_stops_the_run_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server stops (Ctrl+C) while Pagefind runs: Pagefind is stopped, not waited for,
    and its scratch folders go; the output keeps the bundle it had."""
    _content, output = _site(tmp_path)
    before = tree_bytes(output / BUNDLE)
    gate = Gate(tmp_path / "gate", monkeypatch)
    later = IndexLater(_settings(output))
    try:
        later.request(output)
        gate.wait_until_held()
        later.close()
        assert not _running(gate.held())
        assert gate.runs_through() == 0
    finally:
        gate.open()
    later.wait(120)
    assert tree_bytes(output / BUNDLE) == before
    assert_nothing_left(output)
