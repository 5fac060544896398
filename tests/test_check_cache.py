"""``check`` keeps what it needs of each article between runs: a file is read again when its
stamp changes, and every file when the plugin or the settings change."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from authoring_helpers import BROKEN, make_site
from emulation_blocs.check import find_problems
from emulation_blocs.checkcache import CACHE_FILE
from pelican.settings import read_settings

CASE = "td104-ngay-khong-ton-tai"
BROKEN_FILE = "articles/bac-kan/2021/2021-12-30-khoi-mttq-cac-doan-the-tong-ket-2021.md"


def _problems(settings_file: Path) -> set[tuple[str, str]]:
    return {(found.code, found.path) for found in find_problems(read_settings(str(settings_file)))}


def _hide_problems(cache: Path, fingerprint: str = "") -> None:
    """Take the problems out of the broken file's cached entry, leaving its stamp (and, given
    ``fingerprint``, record the cache as made by another version of the plugin)."""
    stored = pickle.loads(cache.read_bytes())
    path = next(key for key in stored["articles"] if key.endswith(BROKEN_FILE))
    _stamp, article = stored["articles"][path]
    article.metadata["problems"] = []
    stored["fingerprint"] = fingerprint or stored["fingerprint"]
    cache.write_bytes(pickle.dumps(stored))


def test_check_trusts_what_it_read_until_the_file_or_the_plugin_changes(tmp_path: Path) -> None:
    site = make_site(tmp_path, BROKEN / CASE, articles=True)
    wrong = ("TD104", BROKEN_FILE)
    assert wrong in _problems(site.preview_settings)
    cache = Path(read_settings(str(site.preview_settings))["CACHE_PATH"]) / CACHE_FILE
    assert _problems(site.preview_settings) == _problems(site.preview_settings)  # read from the cache

    # What is cached is what check trusts while the file's date is unchanged ...
    _hide_problems(cache)
    assert wrong not in _problems(site.preview_settings)
    # ... and no longer once the file has a new date.
    source = site.content / BROKEN_FILE
    stamp = source.stat().st_mtime_ns + 2_000_000_000
    os.utime(source, ns=(stamp, stamp))
    assert wrong in _problems(site.preview_settings)

    # Another version of the plugin (or other settings) reads every file again.
    _hide_problems(cache, fingerprint="another version")
    assert wrong in _problems(site.preview_settings)
    # The cache holds the files of this content folder only.
    articles = pickle.loads(cache.read_bytes())["articles"]
    assert articles and all(key.startswith(str(site.content.resolve())) for key in articles)
