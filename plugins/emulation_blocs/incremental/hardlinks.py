"""A folder of hard links to every file of another, made by a child process while the build
goes on.

A preview starts from the current output's files (:mod:`.build`): one link per file of the
site, which no file of the output needs until Pelican writes the first page. What the preview
does not produce again is deleted at its end (:mod:`.produced`).
A child process makes them while Pelican reads the articles and the plugin aggregates them,
and the build waits for it once every generator has its context. The child is a new
interpreter running this file alone (standard library only, no site packages, so that it
starts quickly), never a fork: the preview server has threads.

    python -I -S hardlinks.py SOURCE DESTINATION      exit status 0, or 1 without hard links
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def link_tree(source: Path, destination: Path) -> bool:
    """``destination`` gets a hard link to every file under ``source`` (nothing is copied);
    False, and ``destination`` left empty, where the file system has no hard links."""
    try:
        _link_folder(os.fspath(source), os.fspath(destination))
    except OSError:
        _empty(destination)
        return False
    return True


def _link_folder(source: str, destination: str) -> None:
    """Paths as strings, joined by hand: a site has a folder per page, and this runs while
    the build reads."""
    os.makedirs(destination, exist_ok=True)
    with os.scandir(source) as entries:
        for entry in entries:
            target = destination + os.sep + entry.name
            if entry.is_dir(follow_symlinks=False):
                _link_folder(entry.path, target)
            elif not entry.is_dir():  # as os.walk: a link to a folder is not entered
                os.link(entry.path, target)  # a link to a file: to the file it leads to


def start_alone(*arguments: str) -> subprocess.Popen:
    """A new interpreter with ``arguments``, isolated and without site packages, for work on
    the output's folders while the build goes on (the old output's removal too, :mod:`.build`)."""
    return subprocess.Popen([sys.executable, "-I", "-S", *arguments],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class LinkingTree:
    """:func:`link_tree` in a child process; :meth:`wait` before any file of ``destination``
    is needed. Where no child can be started, the links are made at once, here."""

    def __init__(self, source: Path, destination: Path) -> None:
        self.destination = destination
        try:
            self._child: subprocess.Popen | None = start_alone(__file__, str(source), str(destination))
        except OSError:
            self._child = None
            link_tree(source, destination)

    def wait(self, *_args: object) -> None:
        """Until the links are made (or, if the child failed, ``destination`` is empty: every
        page is then written)."""
        if self._child is not None and self._child.wait() != 0:
            _empty(self.destination)
        self._child = None

    def stop(self) -> None:
        """The build failed: the child is not left writing into a folder about to go."""
        if self._child is not None:
            self._child.kill()
            self._child.wait()
            self._child = None


def _empty(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()


if __name__ == "__main__":
    sys.exit(0 if link_tree(Path(sys.argv[1]), Path(sys.argv[2])) else 1)
