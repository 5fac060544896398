"""Pelican's writer, made to leave alone what has not changed.

Pelican renders and rewrites every page at every build, even with its content cache on. This
writer:

* skips a page whose fingerprint (:mod:`.pagekeys`) is the one it was last written from, when
  its file is still the one written then (:mod:`.pagecache`): no rendering, no writing;
* renders the others, and writes a file only when its bytes differ from what is on disk, so
  that unchanged files keep their date (for rsync, for a browser's cache, for the preview).

The output is the same bytes as Pelican's writer gives; only the work differs.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Mapping
from typing import Any

from pelican.writers import FileOverwriteFailedError, Writer

from .pagecache import PageCache

logger = logging.getLogger(__name__)
PAGE_CACHE = "BLOCS_PAGE_CACHE"  # context entries set by the generator
PAGE_KEYS = "BLOCS_PAGE_KEYS"
_PAGINATED = {"articles", "dates"}


def write_if_changed(path: str, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless the file already holds exactly these bytes."""
    try:
        if os.path.getsize(path) == len(data):
            with open(path, "rb") as handle:
                if handle.read() == data:
                    return False
    except OSError:
        pass
    with open(path, "wb") as handle:
        handle.write(data)
    return True


class _Buffer(io.StringIO):
    """What Pelican writes into a file, kept until the file is closed, then compared."""

    def __init__(self, path: str, encoding: str) -> None:
        super().__init__()
        self.path = path
        self.target_encoding = encoding

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is None:  # a failed render leaves the previous file in place
            text = self.getvalue()
            if os.linesep != "\n":  # what text mode would have written
                text = text.replace("\n", os.linesep)
            write_if_changed(self.path, text.encode(self.target_encoding))
        self.close()


class SkippingWriter(Writer):
    def write_file(self, name: str, template: Any, context: Mapping, relative_urls: bool = False,
                   paginated: dict | None = None, template_name: str | None = None,
                   override_output: bool = False, url: str | None = None, **kwargs: Any) -> None:
        cache: PageCache | None = context.get(PAGE_CACHE)
        key = self._key(name, context, paginated, kwargs) if cache is not None else None
        if key is not None and cache is not None and cache.is_current(self.output_path, name, key):
            self._claim(os.path.join(self.output_path, name), override_output)
            cache.keep(name)
            return
        super().write_file(name, template, context, relative_urls, paginated, template_name, override_output,
                           url, **kwargs)
        if key is not None and cache is not None:
            cache.record(self.output_path, name, key)

    @staticmethod
    def _key(name: str, context: Mapping, paginated: dict | None, kwargs: Mapping) -> str | None:
        if not name or paginated or _PAGINATED & kwargs.keys():
            return None  # a paginated list is many files; rendered each time, written if changed
        return context.get(PAGE_KEYS, {}).get(name)

    def _claim(self, filename: str, override: bool) -> None:
        """Pelican's bookkeeping of written files, for a file left as it is."""
        self._register(filename, override)

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> io.StringIO:  # type: ignore[override]
        """Pelican's checks against writing a file twice, then a buffer compared on close."""
        return _Buffer(filename, encoding) if self._register(filename, override) else io.StringIO()

    def _register(self, filename: str, override: bool) -> bool:
        """Pelican 4.12's rules: a file is written once, unless one write overrides the others
        (then the other writes are dropped: False)."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', filename)
            return False
        if filename in self._written_files:
            if override:
                logger.info('Overwriting "%s"', filename)
            else:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already written to it previously '
                    "(set `override=True` if intended)"
                )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return True
