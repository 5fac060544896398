"""Checking the content without building: the same reader checks, name resolution and
aggregation as a build, without rendering Markdown or templates.

Articles are read through Pelican's own ``Readers.read_file`` (with a reader that skips the
Markdown), so their metadata, status and URL are exactly those of a build. Check keeps no state
of its own between runs and shares none with builds.
"""

from __future__ import annotations

import os
import sys
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
from ..source.content_files import Listing, list_files
from ..source.reader import FrontMatterReader


def read_articles(settings: dict) -> tuple[list[Article], list[Problem]]:
    """Pelican's articles of every article file, in the order of their paths, and the
    problems of the links refused in the folders a build lists (articles, pages, static files)."""
    content_root = Path(settings["PATH"]).resolve()
    readers = Readers(settings)
    readers.readers = dict.fromkeys(FrontMatterReader.file_extensions, FrontMatterReader(settings))
    listings = {kind: _listing(settings, content_root, kind) for kind in ("ARTICLE", "PAGE", "STATIC")}
    articles = [readers.read_file(base_path=str(content_root), path=path, content_class=Article, context={})
                for path in listings["ARTICLE"].files]
    return articles, [found for listing in listings.values() for found in listing.problems]


def _listing(settings: dict, content_root: Path, kind: str) -> Listing:
    """The article files under each of ``{kind}_PATHS`` as a build lists them (only the links
    are checked for the other kinds: check reads articles alone)."""
    extensions = frozenset(FrontMatterReader.file_extensions)

    def wanted(path: str) -> bool:  # as Pelican decides: "..md" has no extension to it
        return kind == "ARTICLE" and os.path.splitext(path)[1][1:] in extensions

    return list_files(str(content_root), settings.get(f"{kind}_PATHS", []), settings.get(f"{kind}_EXCLUDES", []),
                      settings.get("IGNORE_FILES", []), wanted)


def read_archive(settings: dict, registry: Registry | None = None) -> tuple[Archive, list[Problem]]:
    """The archive and every problem, as a build would find them."""
    apply_defaults(settings)
    with collections_paused():
        articles, refused = read_articles(settings)
        registry = registry or load_site_registry(settings)
        published = [article for article in articles if article.status == "published"]
        unpublished = [article for article in articles if article.status != "published"]
        return run(published, unpublished, registry,
                   lambda article: article.relative_source_path, lambda article: article.save_as, settings,
                   refused)


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
