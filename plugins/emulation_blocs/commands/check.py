"""Checking the content without building: the same reader checks, name resolution and
aggregation as a build, without rendering Markdown or templates.

Articles are read through Pelican's own ``Readers.read_file`` (with a reader that skips the
Markdown), so their metadata, status and URL are exactly those of a build. Check keeps no state
of its own between runs and shares none with builds.
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

from ..domain.aggregate import Archive
from ..domain.pipeline import load_site_registry, run
from ..incremental.collector import collections_paused
from ..problems import Problem
from ..registry.registry import Registry
from ..settings import apply_defaults
from ..source.reader import FrontMatterReader


def read_articles(settings: dict) -> list[Article]:
    """Pelican's articles of every article file, in the order of their paths."""
    content_root = Path(settings["PATH"]).resolve()
    readers = Readers(settings)
    readers.readers = dict.fromkeys(FrontMatterReader.file_extensions, FrontMatterReader(settings))
    return [readers.read_file(base_path=str(content_root), path=os.path.relpath(path, content_root),
                              content_class=Article, context={})
            for path in _article_files(settings, content_root)]


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
    ``Path.rglob`` does); a linked file is listed. Cheaper than rglob, which makes a Path of
    each file and a system call to learn it is one."""
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
    with collections_paused():
        articles = read_articles(settings)
        registry = registry or load_site_registry(settings)
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
