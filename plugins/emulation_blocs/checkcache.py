"""What ``check`` keeps of each article between runs, in Pelican's cache folder.

A check reads every file through Pelican, as a build does; most of its time goes into making
Pelican's content objects again (URLs, dates, slugs) for files that have not changed. So it
keeps, for each file, what it needs of Pelican's article — the same values, worked out by
Pelican — with the file's stamp, and the fingerprint of the plugin's code and the settings
(:func:`.readercache.reader_fingerprint`): a file whose stamp is unchanged is not read again,
and nothing is trusted once the plugin or the settings change. It follows Pelican's cache
settings: read with ``LOAD_CONTENT_CACHE``, saved with ``CACHE_CONTENT``.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import pickle
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .fingerprint import file_stamp

logger = logging.getLogger(__name__)
CACHE_FILE = "emulation_blocs-check.pickle"
FORMAT = 1
_METADATA = ("problems", "report_data", "report_lines")  # what the pipeline reads of the metadata

Stamp = tuple[int, int]


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

    @classmethod
    def of(cls, article: Any) -> CheckedArticle:
        metadata = {name: article.metadata[name] for name in _METADATA if name in article.metadata}
        return cls(article.source_path, article.relative_source_path, article.status, article.url,
                   article.save_as, article.title, article.date, metadata)


def load(settings: Mapping, fingerprint: str) -> dict[str, tuple[Stamp, CheckedArticle]]:
    path = _path(settings)
    if not settings.get("LOAD_CONTENT_CACHE") or not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            stored = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError) as error:
        logger.warning("Bỏ qua bộ nhớ đệm của lệnh kiểm tra %s: %s", path, error)
        return {}
    if stored.get("format") != FORMAT or stored.get("fingerprint") != fingerprint:
        return {}
    return stored["articles"]


def unchanged(known: Mapping[str, tuple[Stamp, CheckedArticle]], path: str) -> CheckedArticle | None:
    entry = known.get(path)
    try:
        return entry[1] if entry is not None and entry[0] == file_stamp(path) else None
    except OSError:
        return None


def save(settings: Mapping, fingerprint: str, articles: list[CheckedArticle]) -> None:
    if not settings.get("CACHE_CONTENT"):
        return
    path = _path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = {}
    for article in articles:
        with contextlib.suppress(OSError):
            entries[article.source_path] = (file_stamp(article.source_path), article)
    temporary = path.with_suffix(".tmp")
    with temporary.open("wb") as handle:
        pickle.dump({"format": FORMAT, "fingerprint": fingerprint, "articles": entries}, handle,
                    protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def _path(settings: Mapping) -> Path:
    return Path(settings["CACHE_PATH"]) / CACHE_FILE
