"""The build's output folder: the preview's fresh folder of hard links, made by a child process
(emulation_blocs.incremental.hardlinks), and the swap that puts a finished build in the output's place."""

from __future__ import annotations

import os
from pathlib import Path

from emulation_blocs.commands.build import replace_folder, wait_for_removals
from emulation_blocs.incremental.hardlinks import LinkingTree


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
    left_behind = tmp_path / ".output-previous-0000"  # by a process that ended too early
    _tree(left_behind)

    replace_folder(target, staging)
    wait_for_removals()

    assert [path.name for path in tmp_path.iterdir()] == ["output"]
    assert _files(target).keys() == {"index.html"} and (target / "index.html").read_text(encoding="utf-8") == "mới"
