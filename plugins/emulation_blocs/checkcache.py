"""What ``check`` keeps of each article between runs, in Pelican's cache folder.

A check reads every file through Pelican, as a build does; most of its time goes into making
Pelican's content objects again (URLs, dates, slugs) for files that have not changed. So it
keeps, for each file, what it needs of Pelican's article — the same values, worked out by
Pelican — with the file's stamp, and the fingerprint of the plugin's code and the settings
(:func:`fingerprint_of`): a file whose stamp is unchanged is not read again,
and nothing is trusted once the plugin or the settings change. It follows Pelican's cache
settings: read with ``LOAD_CONTENT_CACHE``, saved with ``CACHE_CONTENT``.

A preview build has the same articles, made by Pelican with the same settings: when check has
nothing current of its own, the build leaves it them (:func:`keep_from_build`).
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import pickle
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .fingerprint import file_stamp
from .readercache import reader_fingerprint, statuses_last

logger = logging.getLogger(__name__)
CACHE_FILE = "emulation_blocs-check.pickle"
FORMAT = 3
_METADATA = ("problems", "report_data", "report_lines")  # what the pipeline reads of the metadata
# What the plugin adds to a build's settings for its templates changes nothing check keeps; left
# out, a build and check agree on the fingerprint.
_RENDERING_SETTINGS = frozenset({"JINJA_FILTERS", "JINJA_GLOBALS"})

Stamp = tuple[int, int]
_UNREADABLE = (OSError, pickle.PickleError, EOFError, AttributeError, ValueError)


@dataclass
class CheckedArticle:
    """What the pipeline reads of one of Pelican's articles."""

    source_path: str
    relative_source_path: str
    status: str
    url: str
    save_as: str
    title: str
    date: datetime.datetime
    metadata: dict
    slug: str = ""

    @classmethod
    def of(cls, article: Any, source_path: str | None = None) -> CheckedArticle:
        metadata = {name: article.metadata[name] for name in _METADATA if name in article.metadata}
        return cls(source_path or article.source_path, article.relative_source_path, article.status, article.url,
                   article.save_as, article.title, article.date, metadata, str(getattr(article, "slug", "")))


def fingerprint_of(settings: Mapping) -> str:
    """The plugin's code and the settings that can change what check keeps."""
    return reader_fingerprint({key: value for key, value in settings.items() if key not in _RENDERING_SETTINGS})


def load(settings: Mapping, fingerprint: str) -> dict[str, tuple[Stamp, CheckedArticle]]:
    path = _path(settings)
    if not settings.get("LOAD_CONTENT_CACHE") or not statuses_last(settings) or not path.exists():
        return {}
    try:
        stored_fingerprint, entries = read_entries(path)
    except _UNREADABLE as error:
        logger.warning("Bỏ qua bộ nhớ đệm của lệnh kiểm tra %s: %s", path, error)
        return {}
    return entries if stored_fingerprint == fingerprint else {}


def unchanged(known: Mapping[str, tuple[Stamp, CheckedArticle]], path: str) -> CheckedArticle | None:
    entry = known.get(path)
    try:
        return entry[1] if entry is not None and entry[0] == file_stamp(path) else None
    except OSError:
        return None


def save(settings: Mapping, fingerprint: str, articles: list[CheckedArticle]) -> None:
    if not settings.get("CACHE_CONTENT") or not statuses_last(settings):
        return
    entries = {}
    for article in articles:
        with contextlib.suppress(OSError):
            entries[article.source_path] = (file_stamp(article.source_path), article)
    path = _path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_entries(path, fingerprint, entries)


def keep_from_build(settings: Mapping, articles: Iterable[Any]) -> None:
    """A build with Pelican's cache on leaves check what it knows of its articles, when check
    has nothing of its own for these settings: a check after a preview then reads only the
    files changed since. A full save: 2–3 s at 16,000 articles, once for these settings and
    this version of the plugin."""
    if not settings.get("CACHE_CONTENT") or not statuses_last(settings):
        return
    fingerprint = fingerprint_of(settings)
    if _stored_fingerprint(_path(settings)) == fingerprint:
        return
    root, content = str(Path(settings["PATH"]).resolve()), os.path.abspath(settings["PATH"])
    # Keyed as check finds the files: under the content folder with its links resolved.
    save(settings, fingerprint, [
        CheckedArticle.of(article, os.path.join(root, os.path.relpath(article.source_path, content)))
        for article in articles
    ])


def read_entries(path: Path) -> tuple[str, dict[str, tuple[Stamp, CheckedArticle]]]:
    """``(fingerprint, entries)`` of a cache file; ``("", {})`` for another format."""
    with path.open("rb") as handle:
        fingerprint = _fingerprint_in(handle)
        return (fingerprint, pickle.load(handle)) if fingerprint else ("", {})


def write_entries(path: Path, fingerprint: str, entries: Mapping[str, tuple[Stamp, CheckedArticle]]) -> None:
    # The header first, in a pickle of its own: a build reads it alone to know whether to save.
    temporary = path.with_suffix(".tmp")
    with temporary.open("wb") as handle:
        pickle.dump({"format": FORMAT, "fingerprint": fingerprint}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(dict(entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def _stored_fingerprint(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return _fingerprint_in(handle)
    except _UNREADABLE:
        return ""


def _fingerprint_in(handle: BinaryIO) -> str:
    """The fingerprint in the header that starts a cache file, or "" for another format."""
    header = pickle.load(handle)
    return header.get("fingerprint", "") if isinstance(header, dict) and header.get("format") == FORMAT else ""


def _path(settings: Mapping) -> Path:
    return Path(settings["CACHE_PATH"]) / CACHE_FILE
