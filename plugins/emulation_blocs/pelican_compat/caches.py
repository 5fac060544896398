"""Pelican's content caches (``FileDataCacher``: the readers' cache, and the generators' own),
written atomically and read defensively, and the private parts of them the plugin uses.

Pelican 4.12 writes ``cache/ArticlesGenerator-Readers`` in place (a build killed while saving,
or two builds at once, leave it cut short) and reads it catching only ``OSError`` and
``PickleError``: a truncated file (``EOFError``), or one holding the plugin's objects of a
class that has since moved (``ModuleNotFoundError``, ``AttributeError``), failed every build
until ``cache/`` was deleted by hand. :func:`apply` makes both go through
:mod:`..incremental.diskcache`.

Pelican also writes the whole cache again at the end of every build, pickling what it made of
every file, when a preview after one edit read one file. A cache that lacks only a few entries
made anew (:func:`worth_saving`) is left as it is: Pelican checks each file's date, so a later
build reads those few files again, until enough have changed to be worth a save. A cache that
was dropped (other code or settings) is always written again.
"""

from __future__ import annotations

import functools
import logging
import pickle
from collections.abc import Callable
from typing import Any

from pelican import cache as pelican_cache
from pelican.generators import ArticlesGenerator, Generator

from ..incremental.diskcache import load_pickle, save_pickle

logger = logging.getLogger(__name__)


def apply() -> None:
    """Replace ``FileDataCacher``'s loading and saving (once per process)."""
    cacher = pelican_cache.FileDataCacher
    if not hasattr(cacher.__init__, "__wrapped__"):
        cacher.__init__ = _loading_defensively(cacher.__init__)  # type: ignore[method-assign]
        cacher.save_cache = _save_atomically  # type: ignore[method-assign]


def _loading_defensively(init: Callable) -> Callable:
    @functools.wraps(init)
    def __init__(self: Any, settings: dict, cache_name: str, caching_policy: bool, load_policy: bool) -> None:
        init(self, settings, cache_name, caching_policy, False)
        if load_policy:
            loaded = load_pickle(self._cache_path, None, compressed=bool(settings.get("GZIP_CACHE")))
            self._cache = loaded if isinstance(loaded, dict) else {}
            if isinstance(loaded, dict):
                setattr(self, LOADED, dict(loaded))  # holds each entry, so that identity tells a new one
    return __init__


# An entry of the cache is a file's stamp and what was made of it: one that was read again
# because its file changed can wait for a later save, which reads only it again.
LOADED = "_blocs_loaded"  # the entries as loaded from the file
MOST_UNSAVED = 16  # entries made anew that are not worth writing the whole cache for…
UNSAVED_SHARE = 0.01  # …as long as they are no larger a share of it


def worth_saving(cacher: Any) -> bool:
    """Whether the cache in memory holds more than a few entries the file lacks. Always when
    it was not loaded, or an entry loaded is gone (the cache was dropped: the file's entries
    were made by other code or settings, and must not outlive this build)."""
    loaded: dict | None = getattr(cacher, LOADED, None)
    cache: dict = cacher._cache
    if loaded is None or any(path not in cache for path in loaded):
        return True
    made = sum(1 for path, entry in cache.items() if loaded.get(path) is not entry)
    return made > min(MOST_UNSAVED, len(cache) * UNSAVED_SHARE)


def _save_atomically(self: Any) -> None:
    """Pelican's ``save_cache``, through a temporary file of a unique name; not when the file
    lacks only a few entries made anew (:func:`worth_saving`)."""
    if self._cache_data_policy and worth_saving(self):
        try:
            save_pickle(self._cache_path, self._cache, compressed=bool(self.settings.get("GZIP_CACHE")))
        except (OSError, pickle.PicklingError, TypeError) as error:
            logger.warning("Could not save cache %s\n ... %s", self._cache_path, error)


def forget_cached_content(generator: Generator) -> None:
    """Empty what a generator and its readers loaded from Pelican's cache."""
    for cacher in (getattr(generator, "readers", None), generator):
        cached = getattr(cacher, "_cache", None)
        if isinstance(cached, dict):
            cached.clear()


def lend_content(generator: ArticlesGenerator, lent: dict[str, tuple[Any, Any]]) -> None:
    """Give the articles generator ``lent`` (path → (file stamp, article)) as its cache of
    content objects: Pelican's ``get_cached_data`` reads it whatever the caching layer, and
    never saves it outside the ``generator`` layer."""
    generator._cache = lent


def lent_content(generator: ArticlesGenerator) -> dict[str, tuple[Any, Any]]:
    return generator._cache


def file_stamp(generator: ArticlesGenerator, path: str) -> Any:
    """The stamp Pelican's cache keeps for a file (by ``CHECK_MODIFIED_METHOD``)."""
    return generator._get_file_stamp(path)


def stop_saving_readers_cache(generator: ArticlesGenerator) -> None:
    """This build does not write the readers' cache again."""
    generator.readers._cache_data_policy = False
