"""Reading the articles on two cores.

Pelican reads the articles one after the other, and reading (YAML, checks, Markdown) is most
of the first half of a full build. With a second core, a helper is forked just before reading
starts, with the list of the files Pelican will read, in its order (those its caches do not
hold). Pelican reads from the front, the helper from the back, each file claimed once
(:class:`.parallel.SharedJobs`); when Pelican reaches the first file the helper took, it
waits for the helper and takes what the reader returned for each of the helper's files.

Only the reader's own work moves: Pelican's metadata from the path, its caches, the content
objects and the signals all stay in this process, in the usual order, so the articles are
the same as if one process had read them. Meanwhile this process loads the registry, which
it would otherwise load alone after reading. ``check`` shares its reading the same way, but
its helper reads each file whole through Pelican, content object and URLs included, since
check keeps only what it needs of each article (:mod:`.check`). The preview server's
rebuilds share nothing: they are lent the articles of the previous build
(:mod:`.kept_articles`) and read only the files saved since.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, Generic, TypeVar

from .kept_articles import lending
from .parallel import SharedJobs, can_fork
from .pipeline import load_registry_early
from .reader import ReportReader
from .settings import apply_defaults

logger = logging.getLogger(__name__)

# Below this many files to read a helper process costs more than it saves.
MIN_SHARED_FILES = 200

Read = TypeVar("Read")  # what reading a file gives: a reader's content and metadata, or check's article


class SharedReading(Generic[Read]):
    """The files of ``paths`` (absolute, in the order they will be read) read by this process
    or by the helper; ``read_here(path)`` reads one file in either."""

    def __init__(self, paths: list[str], read_here: Callable[[str], Read]) -> None:
        self._read_here = read_here
        self._results: dict[str, Read] = {}
        self._helper_results: dict[str, Read] | None = None
        self._files = SharedJobs([(path, partial(self._read, path=path)) for path in paths])
        self._files.start_helper(lambda: self._results, lambda: self._results)

    def _read(self, results: dict[str, Read], path: str) -> None:
        results[path] = self._read_here(path)

    def take(self, path: str) -> Read | None:
        """What the helper read of ``path``; None if this process is to read it."""
        if not self._files.helper_has(path):
            return None
        if self._helper_results is None:
            self._helper_results = self._finish()
        return self._helper_results.pop(path, None)

    def close(self) -> None:
        """Reading is over: wait for the helper if this process never needed it."""
        if self._helper_results is None:
            self._helper_results = self._finish()

    def _finish(self) -> dict[str, Read]:
        try:
            return self._files.finish() or {}
        except RuntimeError as error:  # the files it took are read here instead
            logger.warning("Tiến trình phụ không đọc xong phần bài của nó; đọc lại trong tiến trình chính.\n%s",
                           error)
            return {}


def share_reading(paths: Iterable[str], read_here: Callable[[str], Read], workers: int) -> SharedReading[Read] | None:
    """A :class:`SharedReading` when there is a second core and enough files to share."""
    paths = list(paths)
    if len(paths) < MIN_SHARED_FILES or not can_fork(workers):
        return None
    logger.info("Một tiến trình phụ cùng đọc %d bài", len(paths))
    return SharedReading(paths, read_here)


# The build: Pelican's articles generator


def start_shared_reading(generator: Any) -> None:
    """``article_generator_init``: share the reading of the articles that no cache holds."""
    settings = generator.settings
    apply_defaults(settings)  # this signal comes before the plugin's generators are made
    workers = int(settings["BLOCS_WORKERS"])
    if not can_fork(workers) or lending(settings):
        return  # without listing the files (0.1 s at 4,000 articles)
    # The same call as the generator's, in the same process: the same set, in the same order.
    files = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    paths = [path for file in files if (path := _to_read(generator, file))]
    shared = share_reading(paths, lambda path: _reader_of(generator.readers, path).read_here(path), workers)
    for reader in _report_readers(generator.readers):
        reader.shared_reading = shared
    if shared is not None:
        load_registry_early(settings)  # here, while the helper reads, rather than alone after


def finish_shared_reading(generator: Any) -> None:
    """``article_generator_finalized``: reading is over."""
    for reader in _report_readers(generator.readers):
        if reader.shared_reading is not None:
            reader.shared_reading.close()
            reader.shared_reading = None


def _report_readers(readers: Any) -> list[ReportReader]:
    """Pelican's reader for each extension: one instance each, sharing one SharedReading."""
    return [reader for reader in readers.readers.values() if isinstance(reader, ReportReader)]


def _to_read(generator: Any, file: str) -> str | None:
    """The absolute path that ``Readers.read_file`` will hand to a :class:`ReportReader`, if
    neither the generator's cache nor the readers' cache holds the file."""
    path = os.path.abspath(os.path.join(generator.path, file))
    readers = generator.readers
    if not isinstance(_reader_of(readers, path), ReportReader) or generator.get_cached_data(file, None) is not None:
        return None
    return path if readers.get_cached_data(path, None) is None else None


def _reader_of(readers: Any, path: str) -> object:
    return readers.readers.get(os.path.splitext(path)[1][1:])
