"""The files of the content folder, as both the build and ``check`` list them.

Pelican walks the content folder following every link: a link to ``/etc/passwd`` named
``x.md`` was read and shown on a preview page, a link to a folder above it walked the same
files again and again, and a dangling or looping link ended in an uncoded failure (``check``,
which did not enter linked folders, disagreed with the build). Here a link is followed only
when it leads to a file or folder inside the content folder; otherwise it is refused with a
coded problem and nothing behind it is read:

* TD601: the link leads outside the content folder;
* TD602: the link leads nowhere (its target does not exist);
* TD603: the link leads to itself, round a circle of links, or to a folder that holds it.

Names matched by ``IGNORE_FILES`` are skipped before anything else, as Pelican does (an
editor's lock file, ``.#name.md``, is a dangling link).
"""

from __future__ import annotations

import errno
import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Place, Problem, problem


@dataclass
class Listing:
    """Files relative to the content folder (written as Pelican writes them), and the links refused."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Walk:
    root: str  # the content folder as given
    excluded: frozenset[str]
    ignored: tuple[str, ...]
    include: Callable[[str], bool]  # a path relative to the content folder


def list_files(content_root: str, paths: Iterable[str], exclude: Iterable[str], ignored: Iterable[str],
               include: Callable[[str], bool]) -> Listing:
    """Pelican's ``Generator.get_files`` for ``paths`` (relative to ``content_root``), depth first
    by name, with the links checked."""
    walk = _Walk(content_root, frozenset(os.path.normpath(os.path.join(content_root, name)) for name in exclude),
                 tuple(ignored), include)
    listing = Listing()
    for path in paths:
        top = os.path.join(content_root, path) if path else content_root
        refused = refused_link(top, content_root) if path and os.path.islink(top) else None
        if refused is not None:
            listing.problems.append(refused)
        elif os.path.isdir(top):
            _walk_folder(walk, top, (os.path.realpath(top),), listing)
        elif os.path.exists(top) and include(path):
            listing.files.append(path)
    return listing


def refused_link(path: str, content_root: str, real_folders: tuple[str, ...] = ()) -> Problem | None:
    """The problem with the link ``path``, or None when it leads inside the content folder,
    to no folder in ``real_folders`` (those entered to reach it, links resolved)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return _problem("TD602", content_root, path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return _problem("TD603", content_root, path)
        raise
    real = os.path.realpath(path)
    if not _inside(real, os.path.realpath(content_root)):
        return _problem("TD601", content_root, path, real=real)
    if os.path.isdir(real) and any(_inside(folder, real) for folder in real_folders):
        return _problem("TD603", content_root, path)
    return None


def _walk_folder(walk: _Walk, folder: str, real_folders: tuple[str, ...], listing: Listing) -> None:
    """``real_folders``: the folders entered to get here, links resolved (to see a circle)."""
    relative_folder = os.path.relpath(folder, walk.root)
    for entry in sorted_entries(folder):
        if any(fnmatch.fnmatch(entry.name, pattern) for pattern in walk.ignored):
            continue
        refused = refused_link(entry.path, walk.root, real_folders) if entry.is_symlink() else None
        if refused is not None:
            listing.problems.append(refused)
        elif entry.is_dir():
            if os.path.normpath(entry.path) not in walk.excluded:
                _walk_folder(walk, entry.path, (*real_folders, os.path.realpath(entry.path)), listing)
        else:
            relative = os.path.join(relative_folder, entry.name)
            if walk.include(relative):
                listing.files.append(relative)


def sorted_entries(folder: str) -> Iterator[os.DirEntry]:
    """The entries of ``folder`` by name; none for a folder that is missing or unreadable."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError, PermissionError):  # as os.walk: nothing in it
        return
    yield from entries


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _problem(code: str, content_root: str, path: str, real: str = "") -> Problem:
    shown = Path(os.path.relpath(path, content_root)).as_posix()
    return problem(code, Place(shown, 1), os.readlink(path), real=real)
