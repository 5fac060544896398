"""Three of Pelican 4.12's loops over the articles that are quadratic, made linear for this site.

Each compares each article with the items of a list (``article in articles``), with Pelican's
generic equality, so that their time grows with the square of the archive's size where
nothing else in a build does:

* ``process_translations`` ends by listing the translations as every item that is not in the
  index (a list): a comparison of every item with half the index on average, even when no
  item is a translation. When no two items share a translation id, as on a site in one
  language, its result is known without it: every item is an original, in the order of the
  ids. Otherwise Pelican's own function runs.
* the author, category and tag pages: for each author (category, tag), Pelican lists the
  articles in date order by testing every article of the site against the author's list —
  even when those pages are not written (``AUTHOR_SAVE_AS = ""``, as here). Those lists
  are not made then; when the pages are written, Pelican's own method runs.
* the period archives (the news of each year, here): for each period, Pelican lists the
  period's articles in the site's order by testing every article of the site against the
  period's list. Pelican's method runs with no articles to test, and each period's list is
  then made by looking the site's articles up in a set of the period's.

The results are the same, item for item and in the same order: tests compare them with
Pelican's own functions on articles in one and in two languages, build author pages, and
compare the period archives. :func:`apply` installs the three; it is idempotent.
docs/upstream-pelican-loops.md reports the loops to Pelican's maintainers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from operator import attrgetter
from typing import Any

from pelican import generators

# Each method of the articles generator that writes one kind of page, and its setting.
PAGES_OF_KIND = {"generate_authors": "AUTHOR_SAVE_AS", "generate_categories": "CATEGORY_SAVE_AS",
                 "generate_tags": "TAG_SAVE_AS"}
PERIOD_ARCHIVES = "_build_period_archives"


def apply() -> None:
    """Put the linear versions in the place of Pelican's (once per process)."""
    if not hasattr(generators.process_translations, "__wrapped__"):
        generators.process_translations = _with_originals_known(generators.process_translations)
    for name, setting in PAGES_OF_KIND.items():
        method = getattr(generators.ArticlesGenerator, name)
        if not hasattr(method, "__wrapped__"):
            setattr(generators.ArticlesGenerator, name, _only_if_written(method, setting))
    build = getattr(generators.ArticlesGenerator, PERIOD_ARCHIVES)
    if not hasattr(build, "__wrapped__"):
        setattr(generators.ArticlesGenerator, PERIOD_ARCHIVES, _period_lists_by_set(build))


def _with_originals_known(process_translations: Callable) -> Callable:
    @functools.wraps(process_translations)
    def process(content_list: list, translation_id: str | Collection[str] | None = None) -> tuple[list, list]:
        ids = {translation_id} if isinstance(translation_id, str) else translation_id
        key = attrgetter(*ids) if ids else None
        if key is not None and _all_originals(content_list, key):
            content_list.sort(key=key)  # as Pelican sorts it, in place
            for item in content_list:
                item.translations = []
            return list(content_list), []
        return process_translations(content_list, translation_id)
    return process


def _all_originals(content_list: list, key: Callable) -> bool:
    """True when no two items have the same id and none asks to be a translation (Pelican
    warns about such an item even alone); anything unusual is left to Pelican, with its
    own messages."""
    try:
        values = [key(item) for item in content_list]
        distinct = len(set(values)) == len(values)
    except (AttributeError, TypeError):
        return False
    return distinct and all(_is_false(item.metadata.get("translation", "false")) for item in content_list)


def _is_false(value: object) -> bool:
    return isinstance(value, str) and value.lower() == "false"


def _only_if_written(method: Callable, setting: str) -> Callable:
    @functools.wraps(method)
    def generate(self: Any, write: Callable) -> None:
        # Pelican's writer skips a page whose file name is empty; every page of the kind has one.
        if self.settings.get(setting):
            method(self, write)
    return generate


def _period_lists_by_set(build: Callable) -> Callable:
    @functools.wraps(build)
    def build_period_archives(self: Any, sorted_articles: list, articles: list, settings: dict) -> dict:
        archives = build(self, sorted_articles, [], settings)
        for periods in archives.values():
            for archive in periods:
                # Pelican: [a for a in articles if a in dates]; an article equals only itself.
                in_period = {id(article) for article in archive["dates"]}
                archive["articles"] = [article for article in articles if id(article) in in_period]
        return archives
    return build_period_archives
