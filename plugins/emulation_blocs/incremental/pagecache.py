"""The page cache: for every page written, the fingerprint it was rendered from and the stamp
of the file written, kept in Pelican's cache folder from one build to the next.

A page whose fingerprint is unchanged, and whose file is still the one written, needs neither
rendering nor writing. It follows Pelican's cache settings: read with ``LOAD_CONTENT_CACHE``,
saved with ``CACHE_CONTENT``; ``BLOCS_RENDER_CACHE = False`` turns it off.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..source.sourcetext import bytes_digest, take_read_digest
from .diskcache import load_pickle, save_pickle
from .fingerprint import file_stamp

if TYPE_CHECKING:
    from ..opendata.writing import Piece

CACHE_FILE = "emulation_blocs-pages.pickle"
FORMAT = 5

Stamp = tuple[int, int]  # (mtime in ns, size)


@dataclass
class PageCache:
    site: str  # fingerprint of what every page shares
    previous: dict[str, tuple[str, Stamp]] = field(default_factory=dict)  # save_as → (key, stamp)
    # Every file the last build wrote, even when nothing else of it is usable (another site
    # fingerprint: the registry, a template, the settings): what this build does not write again
    # must still go.
    written_before: set[str] = field(default_factory=set)
    current: dict[str, tuple[str, Stamp]] = field(default_factory=dict)
    known_sources: dict[str, tuple[Stamp, str]] = field(default_factory=dict)  # source → (stamp, digest)
    sources: dict[str, tuple[Stamp, str]] = field(default_factory=dict)  # those seen in this build
    known_pieces: dict[str, Piece] = field(default_factory=dict)  # the bloc-years' data, by key
    pieces: dict[str, Piece] = field(default_factory=dict)  # those used in this build
    known_files: dict[str, tuple[int, str]] = field(default_factory=dict)  # data file → (size, SHA-256)
    files: dict[str, tuple[int, str]] = field(default_factory=dict)  # those of this build
    # Parts of pages (:mod:`.fragments`), page → {key: text}: a page not rendered again keeps its own.
    known_fragments: dict[str, dict[str, str]] = field(default_factory=dict)
    fragments: dict[str, dict[str, str]] = field(default_factory=dict)  # those of this build's pages
    skipped: int = 0
    _fragments_by_key: dict[str, str] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, settings: Mapping, site: str) -> PageCache:
        cache = cls(site)
        if not settings.get("LOAD_CONTENT_CACHE"):
            return cache
        stored = load_pickle(cache_path(settings), {})
        if isinstance(stored, dict) and stored.get("format") == FORMAT:
            cache.known_sources = stored["sources"]
            cache.known_pieces = stored["pieces"]
            cache.written_before = set(stored["pages"])
            if stored["site"] == site:
                cache.previous = stored["pages"]
                cache.known_files = stored["files"]
                cache.known_fragments = stored["fragments"]
        return cache

    def save(self, settings: Mapping) -> None:
        if not settings.get("CACHE_CONTENT"):
            return
        save_pickle(cache_path(settings), {
            "format": FORMAT, "site": self.site, "pages": self.current, "sources": self.sources,
            "pieces": self.pieces, "files": self.files,
            "fragments": {page: parts for page, parts in self.fragments.items() if page in self.current}})

    def is_current(self, output_path: str, save_as: str, key: str) -> bool:
        """True when ``save_as`` was written from ``key`` and its file has not changed since."""
        known = self.previous.get(save_as)
        if known is None or known[0] != key:
            return False
        try:
            return file_stamp(os.path.join(output_path, save_as)) == known[1]
        except OSError:
            return False

    def keep(self, save_as: str) -> None:
        self.current[save_as] = self.previous[save_as]
        if save_as in self.known_fragments:
            self.fragments[save_as] = self.known_fragments[save_as]
        self.skipped += 1

    def fragment(self, key: str) -> str | None:
        """A part of a page rendered from ``key`` by the last build (on whatever page)."""
        if self._fragments_by_key is None:
            self._fragments_by_key = {key: text for parts in self.known_fragments.values()
                                      for key, text in parts.items()}
        return self._fragments_by_key.get(key)

    def keep_fragment(self, page: str, key: str, text: str) -> None:
        self.fragments.setdefault(page, {})[key] = text

    def record(self, output_path: str, save_as: str, key: str) -> None:
        try:
            self.current[save_as] = (key, file_stamp(os.path.join(output_path, save_as)))
        except OSError:
            self.current.pop(save_as, None)

    def current_file(self, output_path: str, save_as: str, key: str) -> tuple[int, str] | None:
        """A data file's (size, SHA-256) when the file is the one made from ``key`` last time."""
        known = self.known_files.get(save_as)
        if known is None or not self.is_current(output_path, save_as, key):
            return None
        self.keep(save_as)
        self.files[save_as] = known
        return known

    def record_file(self, output_path: str, save_as: str, key: str, described: tuple[int, str]) -> None:
        self.record(output_path, save_as, key)
        self.files[save_as] = described

    def source_digest(self, path: str) -> str:
        """The hash of a source file's bytes, looked at once per build (every key that shows
        the file asks): the bytes its reader read, when it has read the file since; otherwise
        the file's, read again only when its stamp changed."""
        seen = self.sources.get(path)
        if seen is not None:
            return seen[1]
        read = take_read_digest(path)
        if read is not None:  # what the content was made from; the stamp is the one before reading
            self.sources[path] = read
            return read[1]
        stamp = file_stamp(path)
        known = self.known_sources.get(path)
        if known is not None and known[0] == stamp:
            self.sources[path] = known
            return known[1]
        with open(path, "rb") as handle:
            value = bytes_digest(handle.read())
        self.sources[path] = (stamp, value)
        return value


def cache_path(settings: Mapping) -> Path:
    return Path(settings["CACHE_PATH"]) / CACHE_FILE
