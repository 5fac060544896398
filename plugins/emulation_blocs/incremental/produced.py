"""The files a build produces, so that a preview ends with exactly those and nothing older.

A preview starts from hard links to every file of the previous output (:mod:`.hardlinks`,
:mod:`..commands.build`): whatever this build does not produce again would stay, stale (a
sitemap after ``BLOCS_SITEMAP_SAVE_AS`` changed, a file deleted from the theme, a page whose
report is gone). So while a build runs, one list (:class:`Ledger`) holds every file it
produced, fed by every way the build writes or keeps a file:

- the plugin's writer (:class:`..pelican_compat.writer.SkippingWriter`): every page and feed
  it writes or leaves as it is (its key unchanged), every data file it is asked for;
- :func:`.writer.write_if_changed` and :func:`.writer.write_chunks_if_changed`, through
  which the plugin writes any other file (sitemap, robots.txt, ``_redirects``, Pagefind's index);
- Pelican's copying of the theme's and the content's static files
  (:mod:`..pelican_compat.copies`), and the static files it finds unchanged and skips;
- a folder kept whole: Pagefind's index when it is brought up to date after the build
  (the preview server, :mod:`..commands.preview_index`, which then replaces the folder whole:
  the bundle kept is the former output's, as whole as it was, until the new one takes its
  place; a preview without the index no longer keeps it).

At the end of the preview (:func:`..commands.build`), :meth:`Ledger.sweep` deletes every other
file of the new output, and the folders it leaves empty: one walk of the output folder. What
is written after the sweep (the editor's folder) is written whole, never from the old output.
Lektor prunes its output the same way (``lektor/builder.py``, ``iter_unreferenced_artifacts``:
one walk of the destination, deleting what its build database no longer references); here the
reference is what this build did, not a database kept between builds.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

_open: list[Ledger] = []  # the ledgers of the builds running in this process


class Ledger:
    """What one build produced under ``root``, by path relative to it (with ``/``)."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = os.path.abspath(root) + os.sep
        self.files: set[str] = set()
        self.folders: set[str] = set()

    def note(self, path: str | os.PathLike) -> None:
        absolute = os.path.abspath(path)
        if absolute.startswith(self.root):
            self.files.add(absolute[len(self.root):].replace(os.sep, "/"))

    def keep_folder(self, relative: str) -> None:
        """Every file under ``relative`` is accounted for (made by someone after the build)."""
        if relative.strip("/"):
            self.folders.add(relative.strip("/") + "/")

    def accounts_for(self, relative: str) -> bool:
        return relative in self.files or any(relative.startswith(folder) for folder in self.folders)

    def sweep(self) -> list[str]:
        """Delete every file under ``root`` that the build did not produce, and the folders
        that leaves empty; the files deleted, sorted."""
        removed: list[str] = []
        emptied: set[str] = set()
        for folder, _subfolders, files in os.walk(self.root):
            relative_folder = os.path.relpath(folder, self.root).replace(os.sep, "/")
            prefix = "" if relative_folder == "." else relative_folder + "/"
            for name in files:
                if not self.accounts_for(prefix + name):
                    os.unlink(os.path.join(folder, name))
                    removed.append(prefix + name)
                    emptied.add(folder)
        for folder in sorted(emptied, key=len, reverse=True):
            _remove_empty_up_to(Path(folder), Path(self.root))
        return sorted(removed)


def _remove_empty_up_to(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:  # not empty
            return
        folder = folder.parent


def note_file(path: str | os.PathLike) -> None:
    """A file written or kept by this build (every running build's ledger under whose root it
    is learns of it)."""
    for ledger in _open:
        ledger.note(path)


@contextlib.contextmanager
def accounting(root: str | os.PathLike) -> Iterator[Ledger]:
    """The ledger of the files produced under ``root`` while the block runs."""
    ledger = Ledger(root)
    _open.append(ledger)
    try:
        yield ledger
    finally:
        _open.remove(ledger)
