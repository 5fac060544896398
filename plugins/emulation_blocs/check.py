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

# Saving rewrites every entry (1.7 s at 16,000 articles) where reading a file again costs about
# a millisecond: the cache is saved once a twentieth of the files have been read again.
RESAVE_SHARE = 20


def read_articles(settings: dict) -> list[CheckedArticle]:
    """Every article file under ``ARTICLE_PATHS``, as check needs them of Pelican's articles.
    With a second core, a helper process shares the reading of the files not in the cache
    (see :mod:`.shared_reading`)."""
    content_root = Path(settings["PATH"]).resolve()
    readers = Readers(settings)
    reader = FrontMatterReader(settings)
    readers.readers = dict.fromkeys(FrontMatterReader.file_extensions, reader)
    fingerprint = checkcache.fingerprint_of(settings)
    known = checkcache.load(settings, fingerprint)
    paths = [str(path) for path in _article_files(settings, content_root)]
    kept = {path: checkcache.unchanged(known, path) for path in paths}
    unread = [path for path in paths if kept[path] is None]
    reader.shared_reading = share_reading(unread, reader.read_here, int(settings["BLOCS_WORKERS"]))
    articles = [kept[path] or CheckedArticle.of(readers.read_file(
        base_path=str(content_root), path=os.path.relpath(path, content_root), content_class=Article, context={}))
        for path in paths]
    if reader.shared_reading is not None:
        reader.shared_reading.close()
    if len(unread) * RESAVE_SHARE >= len(paths) > 0:
        checkcache.save(settings, fingerprint, articles)
    return articles


def _article_files(settings: dict, content_root: Path) -> list[Path]:
    suffixes = {f".{extension}" for extension in FrontMatterReader.file_extensions}
    ignored = settings.get("IGNORE_FILES", [])
    return sorted(
        path
        for folder in settings.get("ARTICLE_PATHS", [""])
        for path in (content_root / folder).rglob("*")
        if path.suffix in suffixes and path.is_file()
        and not any(fnmatch.fnmatch(path.name, pattern) for pattern in ignored)
    )


def read_archive(settings: dict, registry: Registry | None = None) -> tuple[Archive, list[Problem]]:
    """The archive and every problem, as a build would find them."""
    apply_defaults(settings)
    with collections_paused():
        articles = read_articles(settings)
        published = [article for article in articles if article.status == "published"]
        unpublished = [article for article in articles if article.status != "published"]
        return run(published, unpublished, registry or load_site_registry(settings),
                   lambda article: article.relative_source_path, lambda article: article.save_as)


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
