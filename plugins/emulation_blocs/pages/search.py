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
import re
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..failures import pagefind_failure, system_failure
from ..folders import ScratchFolder
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
# date after it (IndexLater), so the build keeps the previous one (incremental/produced.py).
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


def _index(output: Path, bundle: str, scratch_parent: Path, kept: Path | None = None) -> int:
    """Hand the pages, with their folded words, to Pagefind's command line in a scratch
    folder, and bring its bundle into ``output``. (Pagefind's Python API waits for each page
    in a polling loop; the command line indexes the whole folder at once.)

    With ``kept`` (a folder in Pelican's cache), the scratch copies stay there between builds
    and only the pages changed since are copied again; the bundle is always brought in file by
    file, writing only the files that differ."""
    pages = sorted(path for path in output.rglob("*.html") if bundle not in path.relative_to(output).parts)
    with ScratchFolder(scratch_parent, SCRATCH_PREFIX) as temporary:
        scratch = kept / "pages" if kept is not None else temporary / "pages"
        _copy_pages(output, pages, scratch, kept / f"stamps-{COPY_FORMAT}.pickle" if kept is not None else None)
        built = temporary / "bundle"
        command = [*pagefind_command(), "--site", str(scratch), "--output-path", str(built),
                   "--force-language", "vi", "--silent"]
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
        if finished.returncode != 0:
            raise PagefindFailed(f"mã thoát {finished.returncode}: {finished.stderr.strip()}")
        _bring_in(built, output / bundle)
    return len(pages)


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


def _copy_pages(output: Path, pages: list[Path], scratch: Path, stamps_file: Path | None) -> None:
    """The pages as Pagefind should read them, in ``scratch``; a page whose file has not changed
    since it was last copied (same stamp) is left as it is."""
    known = load_pickle(stamps_file, {}) if stamps_file is not None else {}
    if not isinstance(known, dict):
        known = {}
    stamps: dict[str, tuple[int, int]] = {}
    for path in pages:
        relative = path.relative_to(output).as_posix()
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
    kept = None
    if settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"):
        kept = Path(settings["CACHE_PATH"]) / "emulation_blocs-search"
    try:
        count = _index(output, str(settings["BLOCS_SEARCH_INDEX_PATH"]), Path(settings["CACHE_PATH"]), kept)
    except OSError as error:  # a full disk, here or in the scratch folder: the site is still usable
        logger.error("%s", system_failure(error))
        return
    except Exception as error:  # the binary is missing, or it stopped
        logger.error("%s", pagefind_failure(str(error), Path(settings["CACHE_PATH"])))
        return
    logger.info("Pagefind: %d trang đã được đưa vào chỉ mục tìm kiếm", count)


class IndexLater:
    """The preview's search index, brought up to date after the pages are written rather than
    before: indexing a whole country takes seconds, and the edited page need not wait for it.
    Requests that come while one runs are merged into one more run."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings
        self._output: Path | None = None
        self._wanted = threading.Event()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    def build_overrides(self) -> dict[str, bool]:
        """The settings of a build whose index this brings up to date afterwards."""
        return {"BLOCS_SEARCH_INDEX": False, INDEX_LATER: bool(self.settings.get("BLOCS_SEARCH_INDEX"))}

    def request(self, output: Path) -> None:
        if not self.settings.get("BLOCS_SEARCH_INDEX"):
            return
        with self._lock:
            self._output = output
            self._wanted.set()
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="search-index", daemon=True)
                self._worker.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._wanted.is_set():
                    self._worker = None  # under the lock: a request from now on starts a new worker
                    return
                self._wanted.clear()
                output = self._output
            if output is not None:
                index_site(self.settings, output)

    def wait(self, timeout: float | None = None) -> None:
        """Until the index is up to date with the last request."""
        with self._lock:
            worker = self._worker
        if worker is not None:
            worker.join(timeout)
