"""Files written only when their bytes change, and the key by which the writer
(:class:`..pelican_compat.writer.SkippingWriter`) finds a page unchanged.

Pelican renders and rewrites every page at every build, even with its content cache on. The
plugin's writer skips a page whose key is the one it was last written from, when its file is
still the one written then (:mod:`.pagecache`): no rendering, no writing; it renders the others,
and writes a file only when its bytes differ from what is on disk, so that unchanged files keep
their date (for rsync, for a browser's cache, for the preview). The output is the same bytes as
Pelican's writer gives; only the work differs.

A page's key: the one its page job declared (:mod:`..pages.bloc_pages`, :mod:`..pages.year_pages`),
an article's or a page's own (:mod:`.pagekeys`), or, for a list, that of the contents it lists.
A page without a key depends on everything: it is rendered at every build.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Iterable, Mapping
from typing import BinaryIO

from .fingerprint import digest
from .produced import note_file

logger = logging.getLogger(__name__)
PAGE_CACHE = "BLOCS_PAGE_CACHE"  # context entries set by the generator
PAGE_KEYS = "BLOCS_PAGE_KEYS"
OBJECT_KEYS = "BLOCS_OBJECT_KEYS"
SITE_KEY = "BLOCS_SITE_KEY"
WRITTEN_DATA = "BLOCS_WRITTEN_DATA"  # data file → (size, SHA-256)


def write_if_changed(path: str, data: bytes, fresh: bool = False) -> bool:
    """Write ``data`` to ``path`` unless the file already holds exactly these bytes.

    An existing file is replaced (a rename), not written into: it may be a hard link to the
    page the site is serving (see :mod:`.build`), and a reader never sees half a file.
    ``fresh``: the output folder was empty when the build began, so there is nothing to
    compare with and nobody reading: the file is written in place without looking first."""
    note_file(path)
    if fresh:
        _write_new(path, data)
        return True
    try:
        exists = True
        if os.path.getsize(path) == len(data):
            with open(path, "rb") as handle:
                if handle.read() == data:
                    return False
    except FileNotFoundError:
        exists = False
    if not exists:
        _write_new(path, data)
        return True
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return True


def _write_new(path: str, data: bytes) -> None:
    with _open_new(path) as stream:
        stream.write(data)


def _open_new(path: str) -> BinaryIO:
    """``path`` opened for writing, its folder made when it is missing."""
    try:
        return open(path, "wb")
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return open(path, "wb")


def write_chunks_if_changed(path: str, chunks: Iterable[bytes]) -> tuple[int, str]:
    """Write the file made of ``chunks`` (never all in memory at once) unless the file holds
    these bytes already, as :func:`write_if_changed` does; its size and SHA-256."""
    stream = FileStream(path)
    try:
        for chunk in chunks:
            stream.write(chunk)
    except BaseException:
        stream.discard()
        raise
    return stream.close()


class FileStream:
    """A file written a piece at a time, with others at once if need be, that replaces the
    file on disk only when its bytes differ (as :func:`write_if_changed`): a file that does
    not exist yet, which nobody can be reading, is written in place; an existing one is
    written beside it and compared on :meth:`close` (``fresh``: as for :func:`write_if_changed`).
    A failed write leaves no file."""

    def __init__(self, path: str, fresh: bool = False) -> None:
        note_file(path)
        self.path = path
        self.target = path if fresh or not os.path.exists(path) else f"{path}.{os.getpid()}.tmp"
        self._checksum, self._size = hashlib.sha256(), 0
        self._handle = _open_new(self.target)

    def write(self, chunk: bytes) -> None:
        self._handle.write(chunk)
        self._checksum.update(chunk)
        self._size += len(chunk)

    def close(self) -> tuple[int, str]:
        """Finish the file; its size and SHA-256."""
        described = self._size, self._checksum.hexdigest()
        try:
            self._handle.close()
            if self.target != self.path:
                if _same_file(self.path, *described):
                    os.unlink(self.target)
                    return described
                os.replace(self.target, self.path)
        except BaseException:
            self.discard()
            raise
        logger.info('Writing "%s"', self.path)
        return described

    def discard(self) -> None:
        """Give up the file: what was written goes, a file that was there stays."""
        self._handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self.target)


def _same_file(path: str, size: int, sha256: str) -> bool:
    try:
        if os.path.getsize(path) != size:
            return False
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest() == sha256
    except FileNotFoundError:
        return False


def own_key(context: Mapping, name: str, listed: Mapping[str, list], values: Mapping) -> str | None:
    """A page's key: an article's or page's own; for a single page listing contents (the
    archives), that of all it lists; for the plugin's pages, by file name."""
    if PAGE_CACHE not in context:
        return None
    if listed:
        return list_key(context, name, 1, 1, listed, len(next(iter(listed.values()))))
    content = values.get("article") or values.get("page")
    if content is not None:
        return context.get(OBJECT_KEYS, {}).get(id(content))
    return context.get(PAGE_KEYS, {}).get(name)


def list_key(context: Mapping, name: str, number: int, pages: int, listed: Mapping[str, list],
             total: int) -> str | None:
    """The key of one page of a list: the keys of the contents on it, in order, and how many
    the whole list has (a page says it: a report deleted from another page changes it); None
    when one of the contents has no key."""
    if PAGE_CACHE not in context:
        return None
    known = context.get(OBJECT_KEYS, {})
    keys = {}
    for kind, items in listed.items():
        keys[kind] = [known.get(id(item)) for item in items]
        if None in keys[kind]:
            return None
    return digest(context.get(SITE_KEY, ""), name, number, pages, total, sorted(keys.items()), _periods(context))


def _periods(context: Mapping) -> list:
    """The periods Pelican made archives of (a year's list links to every other year): a
    report that was its year's only one takes that year from every list."""
    archives = context.get("period_archives") or {}
    return [(granularity, archive["period_num"], archive["url"]) for granularity in sorted(archives)
            for archive in archives[granularity]]
