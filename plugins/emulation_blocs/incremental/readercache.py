"""Pelican's content cache, dropped when what read the content has changed.

Pelican keeps what its readers made of each file (here: the HTML, the checked front matter and
its problems) and trusts it while the file's date is unchanged. It does not notice a new
version of the plugin, whose schema or reader may judge the same file differently, nor new
settings. The fingerprint of both is kept beside the cache; when it differs, the cached
content is dropped and every file is read again.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..pelican_compat.caches import forget_cached_content
from ..settings import apply_defaults
from .diskcache import load_text, save_bytes
from .fingerprint import BUILD_ONLY_SETTINGS, code_fingerprint, digest

STAMP_FILE = "emulation_blocs-readers.txt"


def statuses_last(settings: Mapping) -> bool:
    """Whether an article's status can be kept with its file: without ``WITH_FUTURE_DATES``
    Pelican makes an article dated tomorrow a draft today and publishes it tomorrow, its file
    unchanged."""
    return bool(settings.get("WITH_FUTURE_DATES", True))


def reader_fingerprint(settings: Mapping) -> str:
    complete = dict(settings)
    apply_defaults(complete)  # the same whether or not the plugin's generator has started yet
    return digest(code_fingerprint(), {key: value for key, value in complete.items() if key not in BUILD_ONLY_SETTINGS})


def drop_if_stale(generator: Any, current: str) -> None:
    """``generator_init`` handler: forget the cached content read by another plugin version."""
    settings = generator.settings
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    if load_text(Path(settings["CACHE_PATH"]) / STAMP_FILE) == current:
        return
    forget_cached_content(generator)


def record(settings: Mapping, current: str) -> None:
    """``finalized`` handler: the content now cached was read by this version."""
    if settings.get("CACHE_CONTENT"):
        save_bytes(Path(settings["CACHE_PATH"]) / STAMP_FILE, current.encode("utf-8"))
