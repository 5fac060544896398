"""The preview server's articles, kept from one build to the next.

After one edited file, a build with Pelican's content cache still makes every article again:
it loads what the reader made of each file from the cache, then builds the content object (the
metadata from the path, the dates, the slug, its validity). Pelican can cache the content objects
themselves (its ``generator`` caching layer), in a file that every build loads again. A
process that builds again and again (``make devserver``) holds them already: it lends the
articles generator the previous build's articles, and Pelican's own check of each file's date
(``get_cached_data``) decides which are still good. What Pelican keeps in ``cache/`` is
written by the server's first build and not rewritten at every save (rewriting it means
pickling every article's reader output again): the next build from a new process reads again
the files edited meanwhile, whose dates have changed.

An article is kept with its URL settled (:mod:`..pelican_compat.article_urls`); it is given the new build's
context and settings, which it reads when it renders its links. What the plugin attaches to an
article from the other files (its report, its problems) is attached again at every build. An
article with a file of its own (moved aside because another has its file) is not kept: what
gave it that file may have changed. Different settings or code drop everything; with Pelican's
own generator layer, nothing is kept (Pelican pickles that cache itself).
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from typing import Any

from pelican import signals

from ..pelican_compat.caches import file_stamp, lend_content, lent_content, stop_saving_readers_cache
from ..pelican_compat.contents import give_context
from .readercache import reader_fingerprint, statuses_last

# What the plugin gives an article from the other files at every build (generator.py).
ATTACHED = ("report", "problems")
# Pelican's lists of the articles generator, each article in one of them.
LISTS = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles", "hidden_translations")


class KeptArticles:
    """Lend each build the articles of the previous one; ``connected()`` for one build."""

    def __init__(self) -> None:
        self._fingerprint: str | None = None
        self._articles: dict[str, tuple[Any, Any]] = {}  # path in the content → (file's stamp, article)

    def __len__(self) -> int:
        """How many articles the next build may be lent."""
        return len(self._articles)

    def connected(self) -> ExitStack:
        """Connect to Pelican's signals for the duration of a ``with`` block (one build)."""
        stack = ExitStack()
        stack.enter_context(signals.article_generator_init.connected_to(self.lend))
        stack.enter_context(signals.article_generator_finalized.connected_to(self.keep))
        stack.callback(self.release)
        return stack

    def lend(self, generator: Any) -> None:
        """``article_generator_init``: the previous build's articles, as Pelican's cache."""
        if not _may_keep(generator.settings):
            self._articles.clear()
            return
        fingerprint = reader_fingerprint(generator.settings)
        if fingerprint != self._fingerprint:
            self._articles.clear()
            self._fingerprint = fingerprint
        lent = {path: (stamp, article) for path, (stamp, article) in self._articles.items()
                if not _has_own_file(article)}
        for _stamp, article in lent.values():
            give_context(article, generator.context)
            article.settings = generator.settings
        lend_content(generator, lent)
        if lent:
            # Nor is the readers' cache saved again at every save (it pickles every article):
            # a file edited meanwhile is not in it, and a new process reads that file again.
            stop_saving_readers_cache(generator)

    def keep(self, generator: Any) -> None:
        """``article_generator_finalized``: this build's articles, for the next (those lent
        and not read again keep their path and stamp)."""
        if not _may_keep(generator.settings):
            return
        lent = {id(article): (path, stamp) for path, (stamp, article) in lent_content(generator).items()}
        kept = {}
        for name in LISTS:
            for article in getattr(generator, name, []):
                path, stamp = lent.get(id(article)) or self._path_and_stamp(generator, article)
                kept[path] = (stamp, article)
        self._articles = kept

    @staticmethod
    def _path_and_stamp(generator: Any, article: Any) -> tuple[str, Any]:
        path = os.path.relpath(article.source_path, generator.path)
        return path, file_stamp(generator, path)

    def release(self) -> None:
        """Once the build is done: the kept articles let go of it (its context, the reports and
        problems the plugin gave them), so that between builds the server holds only them."""
        for _stamp, article in self._articles.values():
            give_context(article, {})
            for name in ATTACHED:
                vars(article).pop(name, None)


def _may_keep(settings: dict) -> bool:
    """Only over Pelican's reader layer, with its cache on, and when no article's status
    depends on today's date (which Pelican gives a new article at every build)."""
    return bool(settings.get("LOAD_CONTENT_CACHE") and statuses_last(settings)
                and settings.get("CONTENT_CACHING_LAYER", "reader") == "reader")


def _has_own_file(article: Any) -> bool:
    return hasattr(article, "override_save_as") or hasattr(article, "override_url")
