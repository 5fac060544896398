"""Checking the content without building: the same reader checks, name resolution and
aggregation as a build, without rendering Markdown or templates.

Articles are read through Pelican's own ``Readers.read_file`` (with a reader that skips the
Markdown), so their metadata, status and URL are exactly those of a build. With Pelican's
cache on (``pelicanconf.py``), what check needs of each article is kept between checks
(:mod:`.checkcache`): a file whose stamp is unchanged is not read again, unless the plugin or
the settings have changed since.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from pelican.contents import Article
from pelican.readers import Readers
from pelican.settings import read_settings

from . import checkcache
from .aggregate import Archive
from .checkcache import CheckedArticle
from .heap import collections_paused
from .pipeline import load_site_registry, run
from .problems import Problem
from .reader import FrontMatterReader
from .registry import Registry
from .settings import apply_defaults
from .shared_reading import share_reading

# Saving rewrites every entry (0.7-1.7 s at 16,000 articles, as the machine goes) where reading a
# file again costs about a millisecond: the cache is saved once a twentieth of the files were read again.
RESAVE_SHARE = 20


class _ArticleReading:
    """The reading of the article files, begun on entering: with a second core, a helper
    process reads some of the files that the cache does not hold (see :mod:`.shared_reading`),
    through Pelican as here, from the moment this process enters (which can load the registry
    meanwhile)."""

    def __init__(self, settings: dict) -> None:
        self._settings = settings
        self._content_root = Path(settings["PATH"]).resolve()
        self._readers = Readers(settings)
        self._readers.readers = dict.fromkeys(FrontMatterReader.file_extensions, FrontMatterReader(settings))
        self._fingerprint = checkcache.fingerprint_of(settings)
        self._paths = _article_files(settings, self._content_root)
        self._articles: list[CheckedArticle] = []

    def __enter__(self) -> _ArticleReading:
        known = checkcache.load(self._settings, self._fingerprint)
        self._kept = {path: checkcache.unchanged(known, path) for path in self._paths}
        self._unread = [path for path in self._paths if self._kept[path] is None]
        self._shared = share_reading(self._unread, self._read, self._workers())
        return self

    def articles(self) -> list[CheckedArticle]:
        """Pelican's articles, in the order of their paths (this process reads from the front)."""
        if not self._articles:
            self._articles = [self._kept[path] or self._taken(path) or self._read(path) for path in self._paths]
            if self._shared is not None:
                self._shared.close()
        return self._articles

    def _taken(self, path: str) -> CheckedArticle | None:
        return self._shared.take(path) if self._shared is not None else None

    def _read(self, path: str) -> CheckedArticle:
        return CheckedArticle.of(self._readers.read_file(
            base_path=str(self._content_root), path=os.path.relpath(path, self._content_root),
            content_class=Article, context={}))

    def save(self) -> None:
        """Save the cache if a twentieth of the files were read again."""
        if len(self._unread) * RESAVE_SHARE >= len(self._paths) > 0:
            checkcache.save(self._settings, self._fingerprint, self.articles())

    def __exit__(self, *_error: object) -> None:
        if self._shared is not None:
            self._shared.close()

    def _workers(self) -> int:
        return int(self._settings["BLOCS_WORKERS"])


def _article_files(settings: dict, content_root: Path) -> list[str]:
    """The article files under each of ``ARTICLE_PATHS``, in the order of their paths."""
    extensions = frozenset(FrontMatterReader.file_extensions)
    ignored = settings.get("IGNORE_FILES", [])

    def wanted(entry: os.DirEntry) -> bool:  # as Pelican decides: "..md" has no extension to it
        return os.path.splitext(entry.name)[1][1:] in extensions and entry.is_file() \
            and not any(fnmatch.fnmatch(entry.name, pattern) for pattern in ignored)

    return [path for top in settings.get("ARTICLE_PATHS", [""]) for path in _files_in(str(content_root / top), wanted)]


def _files_in(folder: str, wanted: Callable[[os.DirEntry], bool]) -> Iterator[str]:
    """Depth first, by name: the order of sorted paths. Linked folders are not entered (as
    ``Path.rglob`` does); a linked file is listed. 0.06-0.08 s at 16,000 files against rglob's
    0.36, which makes a Path of each file and a system call to learn it is one."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError, PermissionError):  # as rglob: nothing in it
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _files_in(entry.path, wanted)
        elif wanted(entry):
            yield entry.path


def read_archive(settings: dict, registry: Registry | None = None) -> tuple[Archive, list[Problem]]:
    """The archive and every problem, as a build would find them."""
    apply_defaults(settings)
    with collections_paused(), _ArticleReading(settings) as reading:
        registry = registry or load_site_registry(settings)  # while the helper reads
        articles = reading.articles()
        reading.save()
        published = [article for article in articles if article.status == "published"]
        unpublished = [article for article in articles if article.status != "published"]
        return run(published, unpublished, registry,
                   lambda article: article.relative_source_path, lambda article: article.save_as, settings)


def find_problems(settings: dict) -> list[Problem]:
    return read_archive(settings)[1]


def check(settings_file: str) -> int:
    problems = find_problems(read_settings(settings_file))
    for found in problems:
        print(found.format(), file=sys.stderr)
    if problems:
        print(f"{len(problems)} lỗi.", file=sys.stderr)
        return 1
    print("Nội dung hợp lệ.")
    return 0
