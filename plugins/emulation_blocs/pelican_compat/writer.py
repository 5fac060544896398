"""The plugin's writer: Pelican 4.12's ``Writer.write_file``, page by page, with each page's
key checked first (:mod:`..incremental.writer`), and Pelican's bookkeeping of written files."""

from __future__ import annotations

import io
import logging
import os
import weakref
from collections import ChainMap
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Template
from pelican.paginator import Paginator
from pelican.plugins import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from ..incremental.pagecache import PageCache
from ..incremental.produced import note_file
from ..incremental.writer import PAGE_CACHE, list_key, own_key, write_if_changed
from .feeds import PlainTextFeedTitles
from .pagination import pagination_settings

logger = logging.getLogger(__name__)
_PAGINATED = {"articles", "dates"}


def written_files(writer: Writer) -> set[str]:
    """Every file Pelican's writer wrote (or was told of) in this build."""
    return writer._written_files


class _Buffer(io.StringIO):
    """What Pelican writes into a file, kept until the file is closed, then compared."""

    def __init__(self, path: str, encoding: str, fresh: bool) -> None:
        super().__init__()
        self.path = path
        self.target_encoding = encoding
        self.fresh = fresh

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is None:  # a failed render leaves the previous file in place
            text = self.getvalue()
            if os.linesep != "\n":  # what text mode would have written
                text = text.replace("\n", os.linesep)
            write_if_changed(self.path, text.encode(self.target_encoding), self.fresh)
        self.close()


def local_context(context: Mapping, name: str, relative_urls: bool, values: Mapping) -> dict:
    """The context Pelican's writer would have rendered ``name`` with."""
    local = dict(context)
    local.update(_page_values(context, name, relative_urls))
    local.update(values)
    return local


def context_view(context: Mapping, name: str, relative_urls: bool, values: Mapping) -> ChainMap:
    """What :func:`local_context` holds, without copying the site's context: for a page
    that is not rendered again, whose listeners only look values up."""
    return ChainMap(dict(values), _page_values(context, name, relative_urls), context)  # type: ignore[arg-type]


def _page_values(context: Mapping, name: str, relative_urls: bool) -> dict[str, Any]:
    own: dict[str, Any] = {"localsiteurl": context.get("localsiteurl")}
    if relative_urls:
        own["SITEURL"] = own["localsiteurl"] = path_to_url(get_relative_path(name))
    own["output_file"] = name
    return own


_FLAT_GLOBALS: weakref.WeakKeyDictionary[Template, dict[str, Any]] = weakref.WeakKeyDictionary()


def render(template: Template, values: dict[str, Any]) -> str:
    """``template.render(values)``, through Jinja's documented low-level API.

    ``render`` merges the template's globals into every page's values, and the globals are a
    ``ChainMap`` (the template's over the environment's) read key by key in Python: that merge
    was a noticeable part of a small page. Here the globals are flattened once per template
    (a build makes its templates anew, and sets the globals before it renders), and the page's
    values win over them as with ``render``."""
    flat = _FLAT_GLOBALS.get(template)
    if flat is None:
        flat = _FLAT_GLOBALS[template] = dict(template.globals)
    context = template.new_context({**flat, **values}, shared=True)
    try:
        return template.environment.concat(template.root_render_func(context))
    except Exception:
        template.environment.handle_exception()
        raise  # handle_exception always raises; for the type checker


class SkippingWriter(PlainTextFeedTitles, Writer):
    """Pelican 4.12's ``write_file``, page by page, with each page's key checked first.

    A page's key is its own (articles: ``BLOCS_OBJECT_KEYS`` by object; the plugin's pages,
    declared by their jobs: ``BLOCS_PAGE_KEYS`` by file name) or, for a list (the home page and
    its following pages, the archives), that of the contents it lists. Every page written, with
    a key or without, is listed in the page cache."""

    def __init__(self, output_path: str, settings: dict | None = None) -> None:
        super().__init__(output_path, settings)
        # Pelican makes its writer once the contents are read, before anything is written:
        # an output folder that is empty now is one this build fills from nothing.
        self.fresh = _empty_folder(output_path)

    def write_file(self, name: str, template: Any, context: Mapping, relative_urls: bool = False,
                   paginated: dict | None = None, template_name: str | None = None,
                   override_output: bool = False, url: str | None = None, **kwargs: Any) -> None:
        if not name:
            return
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in _PAGINATED}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            key = own_key(context, name, paginated, kwargs)
            self._write_page(template, context, name, kwargs, relative_urls, override_output, key)
            return
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        settings = pagination_settings(self.settings, template_name)
        paginators = {key: Paginator(name, url, value, settings, per_page) for key, value in paginated.items()}
        first = next(iter(paginators.values()))
        pages, total = first.num_pages, first.count
        for number in range(1, pages + 1):
            values = kwargs.copy()
            for key, paginator in paginators.items():
                values[f"{key}_paginator"] = paginator
                values[f"{key}_page"] = paginator.page(number)
                values[f"{key}_previous_page"] = paginator.page(number - 1) if number > 1 else None
                values[f"{key}_next_page"] = paginator.page(number + 1) if number < pages else None
            page_name = values[f"{next(iter(paginators))}_page"].save_as
            listed = {key: values[f"{key}_page"].object_list for key in paginators}
            key = list_key(context, page_name, number, pages, listed, total)
            self._write_page(template, context, page_name, values, relative_urls, override_output, key)

    def _write_page(self, template: Any, context: Mapping, name: str, values: Mapping, relative_urls: bool,
                    override: bool, key: str | None) -> None:
        """Pelican's ``_write_file``, unless the page's file is already the one ``key`` gives."""
        cache: PageCache | None = context.get(PAGE_CACHE)
        path = sanitised_join(self.output_path, name)
        if key is not None and cache is not None and cache.is_current(self.output_path, name, key):
            self._claim(path, override)
            cache.keep(name)
            # Whoever listens (the sitemap) learns of the page as if it had been written again.
            signals.content_written.send(path, context=context_view(context, name, relative_urls, values))
            return
        local = local_context(context, name, relative_urls, values)
        if local["localsiteurl"]:
            context["localsiteurl"] = local["localsiteurl"]  # type: ignore[index]  # as Pelican does
        output = render(template, local)
        # No makedirs here, as Pelican has: write_if_changed makes the folder when it is missing.
        with self._open_w(path, "utf-8", override=override) as stream:
            stream.write(output)
        logger.info('Writing "%s"', path)
        signals.content_written.send(path, context=local)
        if cache is not None:  # a page without a key too: once no build writes it, it goes
            cache.record(self.output_path, name, key or "")

    def write_data(self, context: Mapping, name: str, write: Callable[[str], object]) -> None:
        """A file without a template, written by ``write(path)``."""
        if name:
            write(self.data_path(name))

    def data_path(self, name: str) -> str:
        """Where a file without a template goes, noted as produced by this build (written, or
        left as it is when its key is unchanged)."""
        path = sanitised_join(self.output_path, name)
        note_file(path)
        return path

    def _claim(self, filename: str, override: bool) -> None:
        """Pelican's bookkeeping of written files, for a file left as it is."""
        self._register(filename, override)

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> io.StringIO:
        """Pelican's checks against writing a file twice, then a buffer compared on close."""
        return _Buffer(filename, encoding, self.fresh) if self._register(filename, override) else io.StringIO()

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
        note_file(filename)
        return True


def _empty_folder(path: str) -> bool:
    try:
        with os.scandir(path) as entries:
            return next(entries, None) is None
    except FileNotFoundError:
        return True
