"""Helpers for the tests of incremental builds: copies of content, file trees and their stamps,
builds from scratch, the page cache as stored."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

from conftest import build_site
from emulation_blocs.incremental.pagecache import CACHE_FILE

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
EDITED = "articles/quang-ninh/2018/2018-12-20-khoi-mttq-cac-to-chuc-chinh-tri-xa-hoi-tong-ket-2018.md"
EDITED_PAGE = "tin/2018/2018-12-20-khoi-mttq-cac-to-chuc-chinh-tri-xa-hoi-tong-ket-2018.html"
NO_SEARCH = {"BLOCS_SEARCH_INDEX": False}


def copy_content(target: Path) -> Path:
    shutil.copytree(CONTENT, target)
    return target


def tree_bytes(folder: Path, ignore: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes, by relative path."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not relative.startswith(ignore):
            found[relative] = path.read_bytes()
    return found


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder``: (inode, modification time in ns). A file written again,
    even with the same bytes, gets a new one."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            status = os.stat(path)
            found[path.relative_to(folder).as_posix()] = (status.st_ino, status.st_mtime_ns)
    return found


def rewritten(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    return {name for name, stamp in after.items() if before.get(name) != stamp}


def edit_title_and_body(path: Path, suffix: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(number for number, line in enumerate(lines) if line.startswith("title: "))
    lines[index] += suffix
    path.write_text("\n".join(lines) + f"\nMột câu thêm vào{suffix}.\n", encoding="utf-8")


def fresh_build(content: Path, output: Path, **overrides: object) -> dict[str, bytes]:
    """A build from scratch: no cache read, none written."""
    build_site(content, output, LOAD_CONTENT_CACHE=False, CACHE_CONTENT=False, **overrides)
    return tree_bytes(output)


def stored_page_cache(cache: Path) -> dict:
    """The page cache as the last build saved it in the folder ``cache``."""
    return pickle.loads((cache / CACHE_FILE).read_bytes())
