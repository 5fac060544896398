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

import contextlib
import hashlib
import io
import logging
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pelican.paginator import Paginator
from pelican.plugins import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from .fingerprint import digest
from .pagecache import PageCache

logger = logging.getLogger(__name__)
PAGE_CACHE = "BLOCS_PAGE_CACHE"  # context entries set by the generator
PAGE_KEYS = "BLOCS_PAGE_KEYS"
OBJECT_KEYS = "BLOCS_OBJECT_KEYS"
SITE_KEY = "BLOCS_SITE_KEY"
WRITTEN_DATA = "BLOCS_WRITTEN_DATA"  # data file → (size, SHA-256)
_PAGINATED = {"articles", "dates"}


def write_if_changed(path: str, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless the file already holds exactly these bytes.

    An existing file is replaced (a rename), not written into: it may be a hard link to the
    page the site is serving (see :mod:`.build`), and a reader never sees half a file."""
    try:
        exists = True
        if os.path.getsize(path) == len(data):
            with open(path, "rb") as handle:
                if handle.read() == data:
                    return False
    except FileNotFoundError:
        exists = False
    if not exists:
        try:
            stream = open(path, "wb")  # noqa: SIM115
        except FileNotFoundError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            stream = open(path, "wb")  # noqa: SIM115
        with stream:
            stream.write(data)
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


def write_chunks_if_changed(path: str, chunks: Iterable[bytes]) -> tuple[int, str]:
    """Write the file made of ``chunks`` (never all in memory at once) unless the file holds
    these bytes already, as :func:`write_if_changed` does; its size and SHA-256."""
    checksum, size = hashlib.sha256(), 0
    temporary = f"{path}.{os.getpid()}.tmp"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        with open(temporary, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
                checksum.update(chunk)
                size += len(chunk)
        if _same_file(path, size, checksum.hexdigest()):
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
            logger.info('Writing "%s"', path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return size, checksum.hexdigest()


def _same_file(path: str, size: int, sha256: str) -> bool:
    try:
        if os.path.getsize(path) != size:
            return False
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest() == sha256
    except FileNotFoundError:
        return False


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


def _own_key(context: Mapping, name: str, listed: Mapping[str, list], values: Mapping) -> str | None:
    """A page's key: an article's or page's own; for a single page listing contents (the
    archives), that of all it lists; for the plugin's pages, by file name."""
    if PAGE_CACHE not in context:
        return None
    if listed:
        return _list_key(context, name, 1, 1, listed)
    content = values.get("article") or values.get("page")
    if content is not None:
        return context.get(OBJECT_KEYS, {}).get(id(content))
    return context.get(PAGE_KEYS, {}).get(name)


def _list_key(context: Mapping, name: str, number: int, pages: int, listed: Mapping[str, list]) -> str | None:
    """The key of one page of a list: the keys of the contents on it, in order; None when one
    of them has no key."""
    if PAGE_CACHE not in context:
        return None
    known = context.get(OBJECT_KEYS, {})
    keys = {}
    for kind, items in listed.items():
        keys[kind] = [known.get(id(item)) for item in items]
        if None in keys[kind]:
            return None
    return digest(context.get(SITE_KEY, ""), name, number, pages, sorted(keys.items()))


def local_context(context: Mapping, name: str, relative_urls: bool, values: Mapping) -> dict:
    """The context Pelican's writer would have rendered ``name`` with."""
    local = dict(context)
    local["localsiteurl"] = local.get("localsiteurl")
    if relative_urls:
        local["SITEURL"] = local["localsiteurl"] = path_to_url(get_relative_path(name))
    local["output_file"] = name
    local.update(values)
    return local


class SkippingWriter(Writer):
    """Pelican 4.12's ``write_file``, page by page, with each page's fingerprint checked first.

    A page's fingerprint is its own (articles, the plugin's pages: ``BLOCS_PAGE_KEYS`` by file
    name) or, for a list (the home page and its following pages, the archives), that of the
    contents it lists (``BLOCS_OBJECT_KEYS``, by object)."""

    def write_file(self, name: str, template: Any, context: Mapping, relative_urls: bool = False,
                   paginated: dict | None = None, template_name: str | None = None,
                   override_output: bool = False, url: str | None = None, **kwargs: Any) -> None:
        if not name:
            return
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in _PAGINATED}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            key = _own_key(context, name, paginated, kwargs)
            self._write_page(template, context, name, kwargs, relative_urls, override_output, key)
            return
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {key: Paginator(name, url, value, self.settings, per_page) for key, value in paginated.items()}
        pages = next(iter(paginators.values())).num_pages
        for number in range(1, pages + 1):
            values = kwargs.copy()
            for key, paginator in paginators.items():
                values[f"{key}_paginator"] = paginator
                values[f"{key}_page"] = paginator.page(number)
                values[f"{key}_previous_page"] = paginator.page(number - 1) if number > 1 else None
                values[f"{key}_next_page"] = paginator.page(number + 1) if number < pages else None
            page_name = values[f"{next(iter(paginators))}_page"].save_as
            listed = {key: values[f"{key}_page"].object_list for key in paginators}
            key = _list_key(context, page_name, number, pages, listed)
            self._write_page(template, context, page_name, values, relative_urls, override_output, key)

    def _write_page(self, template: Any, context: Mapping, name: str, values: Mapping, relative_urls: bool,
                    override: bool, key: str | None) -> None:
        """Pelican's ``_write_file``, unless the page's file is already the one ``key`` gives."""
        cache: PageCache | None = context.get(PAGE_CACHE)
        path = sanitised_join(self.output_path, name)
        local = local_context(context, name, relative_urls, values)
        if key is not None and cache is not None and cache.is_current(self.output_path, name, key):
            self._claim(path, override)
            cache.keep(name)
            # Whoever listens (the sitemap) learns of the page as if it had been written again.
            signals.content_written.send(path, context=local)
            return
        if local["localsiteurl"]:
            context["localsiteurl"] = local["localsiteurl"]  # type: ignore[index]  # as Pelican does
        output = template.render(local)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with self._open_w(path, "utf-8", override=override) as stream:
            stream.write(output)
        logger.info('Writing "%s"', path)
        signals.content_written.send(path, context=local)
        if key is not None and cache is not None:
            cache.record(self.output_path, name, key)

    def write_data(self, context: Mapping, name: str, write: Callable[[str], object]) -> None:
        """A file without a template, written by ``write(path)``."""
        if name:
            write(sanitised_join(self.output_path, name))

    def _claim(self, filename: str, override: bool) -> None:
        """Pelican's bookkeeping of written files, for a file left as it is."""
        self._register(filename, override)

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> io.StringIO:
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
