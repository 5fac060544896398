"""The build's output folder: the preview's fresh folder of hard links, made by a child process
(emulation_blocs.incremental.hardlinks), and the swap that puts a finished build in the output's place."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, FixtureContent, build_site
from emulation_blocs.commands.build import output_lock, replace_folder, wait_for_removals
from emulation_blocs.folders import ScratchFolder, exclusive
from emulation_blocs.incremental.hardlinks import LinkingTree
from emulation_blocs.pages.search import SCRATCH_PREFIX
from incremental_helpers import fresh_build, tree_bytes


def _tree(root: Path) -> Path:
    for relative in ("index.html", "khoi/a.html", "khoi/a/2024.html", "data/nam/2024.json"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(relative, encoding="utf-8")
    return root


def _files(root: Path) -> dict[str, int]:
    """Each file under root, by relative path, with its inode."""
    return {str(path.relative_to(root)): path.stat().st_ino for path in root.rglob("*") if path.is_file()}


def test_every_file_is_linked_not_copied(tmp_path: Path) -> None:
    source, destination = _tree(tmp_path / "output"), tmp_path / "staging"
    destination.mkdir()
    linking = LinkingTree(source, destination)
    linking.wait()
    assert _files(destination) == _files(source) and len(_files(source)) == 4


def test_where_a_link_fails_the_folder_is_left_empty_and_every_page_is_written(tmp_path: Path) -> None:
    source, destination = _tree(tmp_path / "output"), tmp_path / "staging"
    (destination / "khoi").mkdir(parents=True)
    (destination / "khoi" / "a.html").write_text("in the way", encoding="utf-8")  # os.link fails on it
    linking = LinkingTree(source, destination)
    linking.wait()
    assert destination.is_dir() and not any(destination.iterdir())


def test_a_failed_build_stops_the_child(tmp_path: Path) -> None:
    source, destination = _tree(tmp_path / "output"), tmp_path / "staging"
    destination.mkdir()
    linking = LinkingTree(source, destination)
    child = linking._child
    linking.stop()
    assert child is not None and child.returncode is not None
    linking.wait()  # nothing left to wait for
    assert _files(source) and all(os.path.exists(source / name) for name in _files(source))


def test_the_swap_puts_the_new_folder_in_place_and_deletes_the_former_one(tmp_path: Path) -> None:
    target, staging = _tree(tmp_path / "output"), tmp_path / ".output-new"
    staging.mkdir()
    (staging / "index.html").write_text("mới", encoding="utf-8")

    replace_folder(target, staging)
    wait_for_removals()

    assert [path.name for path in tmp_path.iterdir()] == ["output"]
    assert _files(target).keys() == {"index.html"} and (target / "index.html").read_text(encoding="utf-8") == "mới"


def test_there_is_no_moment_without_the_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build killed between two renames stranded the new site and left no ``output/``; a web
    server saw the folder missing. Every step of the swap leaves an ``output/`` in place."""
    target, staging = _tree(tmp_path / "output"), tmp_path / ".output-new"
    staging.mkdir()
    (staging / "index.html").write_text("mới", encoding="utf-8")
    seen: list[bool] = []
    rename = Path.rename

    def watched(self: Path, destination: Path) -> Path:
        moved = rename(self, destination)
        seen.append(target.is_dir())
        return moved

    monkeypatch.setattr(Path, "rename", watched)
    replace_folder(target, staging)
    wait_for_removals()
    assert all(seen)
    assert (target / "index.html").read_text(encoding="utf-8") == "mới"


def test_a_build_removes_what_a_killed_build_left_but_not_what_a_running_one_holds(
        fixture_content: FixtureContent, tmp_path: Path) -> None:
    fixture_content.copy_province("bac-kan")
    cache = tmp_path / "cache"
    temporary = cache / ".emulation_blocs-pages.pickle.k1ll3d00.tmp"
    abandoned = [_tree(tmp_path / ".output-k1ll3d00"), _tree(tmp_path / ".output-previous-0000"),
                 _tree(tmp_path / ".output-pagefind-k1ll3d00"), _tree(cache / f"{SCRATCH_PREFIX}k1ll3d00"), temporary]
    temporary.write_bytes(b"half a pickle")
    for path in abandoned:
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    running = ScratchFolder(tmp_path, ".output-")  # another process's, in use
    os.utime(running.path, (time.time() - 3600, time.time() - 3600))
    try:
        build_site(fixture_content.root, tmp_path / "output", BLOCS_SEARCH_INDEX=False)
        assert not [path for path in abandoned if path.exists()]
        assert running.path.is_dir()
    finally:
        running.remove()


def test_a_second_build_waits_for_the_first(fixture_content: FixtureContent, tmp_path: Path,
                                            caplog: pytest.LogCaptureFixture) -> None:
    fixture_content.copy_province("bac-kan")
    output = tmp_path / "output"
    thread = threading.Thread(target=build_site, args=(fixture_content.root, output),
                              kwargs={"BLOCS_SEARCH_INDEX": False})
    with exclusive(output_lock(output), output):  # as the first build holds it
        thread.start()
        deadline = time.monotonic() + 60
        while "TD751" not in caplog.text and thread.is_alive():  # said just before it waits
            assert time.monotonic() < deadline, "the second build neither ended nor said it waits"
            time.sleep(0.02)
        thread.join(0.5)  # a build past the lock has made its fresh folder by then
        assert thread.is_alive() and not output.exists() and not list(tmp_path.glob(".output-*"))
    thread.join()
    assert (output / "index.html").is_file()
    assert "TD751" in caplog.text


def test_make_clean_removes_what_killed_builds_left(tmp_path: Path) -> None:
    for folder in ("output", ".output-k1ll3d00", ".output-previous-0000", "cache/emulation_blocs-pagefind-k1ll3d00"):
        _tree(tmp_path / folder)
    subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), "clean"], cwd=tmp_path, check=True)
    assert list(tmp_path.iterdir()) == []


def test_two_builds_started_at_once_both_succeed_and_leave_a_whole_site_and_cache(tmp_path: Path) -> None:
    """``make html & make html``: neither damages the other's caches or output, and nothing is
    left behind. (That the second waits is tested above: here, on a loaded machine, one process
    may finish before the other starts.)"""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy(ROOT / "pelicanconf.py", site / "pelicanconf.py")
    for linked in ("theme", "plugins"):
        (site / linked).symlink_to(ROOT / linked)
    command = [sys.executable, "-m", "emulation_blocs", "build", "-s", "pelicanconf.py", "-o", "output"]
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}

    def start() -> subprocess.Popen:
        return subprocess.Popen(command, cwd=site, env=environment, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)

    builds = [start(), start()]
    outputs = [build.communicate()[0] for build in builds]
    assert [build.returncode for build in builds] == [0, 0], outputs
    third = subprocess.run(command, cwd=site, env=environment, capture_output=True, text=True, check=True)
    assert "TD750" not in third.stdout + third.stderr
    assert sorted(path.name for path in site.iterdir()) == ["cache", "content", "output", "pelicanconf.py",
                                                            "plugins", "theme"]
    assert not list((site / "cache").glob(".*.tmp")) and not list((site / "cache").glob(f"{SCRATCH_PREFIX}*"))
    fresh = fresh_build(site / "content", tmp_path / "fresh" / "output", BLOCS_SEARCH_INDEX=False)
    assert tree_bytes(site / "output", ignore=("pagefind/",)) == fresh
