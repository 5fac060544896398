"""The search index, written by Pagefind after every build (``finalized`` signal), so that
``make html``, ``make devserver``, ``make publish`` and the tests all get one.

Pagefind (the PyPI package ships its binary) indexes the text of each page's
``data-pagefind-body`` element and matches words without their tone marks: "phu nu"
finds "phụ nữ". It does not fold "đ" into "d", which is a letter of its own rather than a
"d" with a mark, yet people type "doan" for "đoàn". So each page is handed to Pagefind
with an extra, low-weight block listing its words that contain "đ", spelt with "d"; the
HTML files on disk are not changed.

Pagefind also joins the text of elements it takes for inline ones although browsers show
them as blocks: a definition list's term and its value ("Ngày họp29/12/2020"), the cells of a
header row, a caption and the row under it. The copy it reads has a space before the end of
each such element (and before a line break), so that excerpts keep the words apart.
"""

from __future__ import annotations

import contextlib
import functools
import html
import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..failures import pagefind_failure, system_failure
from ..folders import ScratchFolder, exclusive_if_free
from ..incremental.diskcache import load_pickle, save_pickle
from ..incremental.fingerprint import file_stamp
from ..incremental.writer import write_if_changed

logger = logging.getLogger(__name__)
_WORD_WITH_D = re.compile(r"\w*[đĐ]\w*")
# What is not the page's text: scripts, styles and comments, then the tags themselves.
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_BODY_END = "</main>"
BODY_MARKER = "data-pagefind-body"
# Shown as blocks by browsers, joined to the next text by Pagefind (1.5): see the docstring.
_JOINED_BLOCK_END = re.compile(
    r"(?=</(?:dt|dd|th|caption|summary|address|blockquote|pre|header|label)\s*>|<(?:br|hr)\b)", re.I)
# Pages copied for Pagefind are kept between previews: a new way of copying them must not
# find the copies made the old way (see _copy_pages).
COPY_FORMAT = 2
# Starts the block of folded words; the search page cuts result excerpts there, so that
# people never see the folded spellings (templates/search.html uses the same word).
FOLD_MARK = "xdfoldx"
# Pagefind's scratch folders, in Pelican's cache folder: one a killed build left is deleted by
# the next build (commands/build.py) and by ``make clean``.
SCRATCH_PREFIX = "emulation_blocs-pagefind-"
# Set by the preview for its builds: the index is not written by the build but brought up to
# date after it (commands/preview_index.py), so the build keeps the previous one
# (incremental/produced.py).
INDEX_LATER = "BLOCS_SEARCH_INDEX_LATER"


def fold_d(word: str) -> str:
    return word.replace("đ", "d").replace("Đ", "D")


def words_with_d(page: str) -> list[str]:
    """The page's distinct words containing "đ" in its text (not in tags, comments, scripts or
    styles), spelt with "d", in a fixed order."""
    text = html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", page)))
    return sorted({fold_d(word.lower()) for word in _WORD_WITH_D.findall(text)})


def with_folded_words(page: str) -> str:
    """The page as Pagefind should read it: the folded words appended to the indexed body."""
    if BODY_MARKER not in page or _BODY_END not in page:
        return page
    words = words_with_d(page)
    if not words:
        return page
    block = f'<p data-pagefind-weight="0.5">{FOLD_MARK} {" ".join(words)}</p>'
    at = page.rindex(_BODY_END)
    return page[:at] + block + page[at:]


def with_spaced_blocks(page: str) -> str:
    """The page with a space before the end of each element that Pagefind would otherwise join
    to the text after it."""
    return _JOINED_BLOCK_END.sub(" ", page)


def as_indexed(page: str) -> str:
    """The page as Pagefind should read it."""
    return with_folded_words(with_spaced_blocks(page))


class PagefindFailed(Exception):
    """Pagefind stopped; the message holds its error stream."""


Stamps = dict[str, tuple[int, int]]
Runner = Callable[[list[str]], "subprocess.CompletedProcess[str]"]


def run_pagefind(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _index(output: Path, bundle: str, scratch_parent: Path, kept: Path | None = None) -> int:
    """Index the pages of ``output`` (:func:`index_pages`) and bring Pagefind's bundle into
    ``output`` file by file, writing only the files that differ: the build's own folder, which
    no one else reads until the build puts it in place."""
    with ScratchFolder(scratch_parent, SCRATCH_PREFIX) as temporary:
        indexed = index_pages(output, bundle, temporary, kept)
        _bring_in(temporary / "bundle", output / bundle)
    return len(indexed)


def index_pages(output: Path, bundle: str, temporary: Path, kept: Path | None = None,
                run: Runner = run_pagefind) -> Stamps:
    """Hand the pages, with their folded words, to Pagefind's command line (run by ``run``),
    which writes its bundle into ``temporary / "bundle"``; the pages indexed, with their
    stamps (as :func:`page_stamps`). (Pagefind's Python API waits for each page in a polling
    loop; the command line indexes the whole folder at once.)

    With ``kept`` (a folder in Pelican's cache), the copies of the pages stay there between
    runs and only the pages changed since are copied again. One process at a time uses it: a
    run that finds it in use (a build in another terminal while the preview indexes) copies
    every page into ``temporary`` instead."""
    pages = _pages(output, bundle)
    with contextlib.ExitStack() as stack:
        if kept is not None:
            kept.mkdir(parents=True, exist_ok=True)
            if not stack.enter_context(exclusive_if_free(kept)):
                kept = None
        stamps_file = kept / f"stamps-{COPY_FORMAT}.pickle" if kept is not None else None
        scratch = kept / "pages" if kept is not None else temporary / "pages"
        stamps = _copy_pages(output, pages, scratch, stamps_file)
        command = [*pagefind_command(), "--site", str(scratch), "--output-path", str(temporary / "bundle"),
                   "--force-language", "vi", "--silent"]
        finished = run(command)
    if finished.returncode != 0:
        raise PagefindFailed(f"mã thoát {finished.returncode}: {finished.stderr.strip()}")
    return stamps


def _pages(output: Path, bundle: str) -> list[str]:
    """The HTML files of ``output`` outside any folder named ``bundle``, by relative path
    (with ``/``): one walk, which does not enter those folders, with strings rather than paths
    (the page stamps are taken under the output's lock)."""
    root = os.fspath(output)
    found: list[str] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name != bundle]
        prefix = os.path.relpath(folder, root).replace(os.sep, "/") + "/" if folder != root else ""
        found.extend(prefix + name for name in files if name.endswith(".html"))
    return sorted(found)


def page_stamps(output: Path, bundle: str) -> Stamps:
    """The pages Pagefind reads in ``output``, each with its stamp (by relative path): the same
    stamps, the same pages, and the same bundle. A build keeps a page it did not write again as
    a hard link to the former output's file, with its stamp."""
    root = os.fspath(output)
    return {relative: file_stamp(os.path.join(root, relative)) for relative in _pages(output, bundle)}


@functools.cache
def pagefind_command() -> tuple[str, ...]:
    """Pagefind's binary, found once per process as ``python -m pagefind`` finds it: that
    command starts an interpreter only to replace it with the binary, at every build. Where the
    package is missing, that command is what runs, so that its error names what to install."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return (sys.executable, "-m", "pagefind")
    binary = get_executable()
    return (str(binary.resolve()),) if binary is not None and binary.is_file() else (sys.executable, "-m", "pagefind")


def _copy_pages(output: Path, pages: list[str], scratch: Path, stamps_file: Path | None) -> Stamps:
    """The pages as Pagefind should read them, in ``scratch``; a page whose file has not changed
    since it was last copied (same stamp) is left as it is. The stamps of the pages copied
    (each taken before the page is read: a page replaced meanwhile differs from it)."""
    known = load_pickle(stamps_file, {}) if stamps_file is not None else {}
    if not isinstance(known, dict):
        known = {}
    stamps: Stamps = {}
    for relative in pages:
        path = output / relative
        stamp = file_stamp(path)
        copy = scratch / relative
        if known.get(relative) != stamp or not copy.exists():
            write_if_changed(str(copy), as_indexed(path.read_text(encoding="utf-8")).encode("utf-8"))
        stamps[relative] = stamp
    for stale in set(known) - set(stamps):
        with contextlib.suppress(OSError):
            (scratch / stale).unlink()
    if stamps_file is not None:
        save_pickle(stamps_file, stamps)
    return stamps


def _bring_in(built: Path, bundle: Path) -> None:
    """Make ``bundle`` hold exactly the files of ``built``, writing only those that differ."""
    wanted = {path.relative_to(built).as_posix() for path in built.rglob("*") if path.is_file()}
    for relative in sorted(wanted):
        write_if_changed(str(bundle / relative), (built / relative).read_bytes())
    if bundle.is_dir():
        for path in sorted(bundle.rglob("*"), reverse=True):
            relative = path.relative_to(bundle).as_posix()
            if path.is_file() and relative not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def write_index(pelican: Any) -> None:
    """``finalized`` handler: index the output folder in place."""
    if pelican.settings.get("BLOCS_SEARCH_INDEX"):
        index_site(pelican.settings, Path(pelican.output_path))


def index_site(settings: Mapping[str, Any], output: Path) -> None:
    with failures_logged(settings):
        count = _index(output, str(settings["BLOCS_SEARCH_INDEX_PATH"]), Path(settings["CACHE_PATH"]),
                       kept_folder(settings))
        logger.info("Pagefind: %d trang đã được đưa vào chỉ mục tìm kiếm", count)


def kept_folder(settings: Mapping[str, Any]) -> Path | None:
    """Where the copies of the pages stay between runs: in Pelican's cache, when it is used."""
    if settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"):
        return Path(settings["CACHE_PATH"]) / "emulation_blocs-search"
    return None


@contextlib.contextmanager
def failures_logged(settings: Mapping[str, Any]) -> Iterator[None]:
    """A failure of the block is logged, coded, and goes no further: the site is usable
    without its search index."""
    try:
        yield
    except OSError as error:  # a full disk, here or in the scratch folder
        logger.error("%s", system_failure(error))
    except Exception as error:  # the binary is missing, or it stopped
        logger.error("%s", pagefind_failure(str(error), Path(settings["CACHE_PATH"])))
