"""Emulation blocs: reports on provincial emulation-bloc conferences, and pages per bloc,
bloc and year, organisation and province, with their open data.

The pipeline, one sub-package a step: read and validate the front matter (:mod:`.source`) →
resolve names against the registry (:mod:`.registry`, :mod:`.domain.resolve`) → aggregate per
bloc and year (:mod:`.domain`) → write pages, feeds, sitemap and search index (:mod:`.pages`)
and the open data (:mod:`.opendata`). The offline archive (:mod:`.offline`) and the command
line (:mod:`.commands`) build on it; :mod:`.incremental` holds what lets a build skip work
without changing its output, and :mod:`.pelican_compat` every use of Pelican's private API.
Every problem of the content has a code in :mod:`.problems`, every failure of the machine one in
:mod:`.failures`.

This module connects the plugin to Pelican's signals.
"""

from __future__ import annotations

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican import Pelican, signals
from pelican.generators import Generator
from pelican.readers import Readers

from .incremental import readercache
from .incremental.collector import end_of_build, pause_until_writing, resume_collections
from .incremental.fragments import CachedFragments
from .incremental.templatecache import keep_compiled_templates
from .pages import (
    bloc_lists,
    bloc_year_lists,
    charts,
    formatting,
    links,
    organisation_lists,
    pieces,
    province_pieces,
    report_facts,
    structured_data,
    tables,
    year_lists,
)
from .pages.bloc_pages import TEMPLATES, BlocPagesGenerator
from .pages.search import write_index
from .pages.sitemap import record_page, write_site_files
from .pages.year_pages import YearPagesGenerator
from .pelican_compat import caches as pelican_caches
from .pelican_compat import copies as pelican_copies
from .pelican_compat import listing as pelican_listing
from .pelican_compat import loops as pelican_loops
from .pelican_compat import source_paths as pelican_source_paths
from .pelican_compat.version import check_version
from .pelican_compat.writer import SkippingWriter
from .source.reader import ReportReader


def _add_filters(pelican: Pelican) -> None:
    settings = pelican.settings
    for setting, functions in (
        ("JINJA_FILTERS", {**formatting.FILTERS, **charts.FILTERS, **structured_data.FILTERS}),
        ("JINJA_GLOBALS", {**structured_data.GLOBALS, **links.GLOBALS, **tables.GLOBALS, **pieces.GLOBALS,
                           **organisation_lists.GLOBALS, **bloc_year_lists.GLOBALS, **province_pieces.GLOBALS,
                           **report_facts.GLOBALS, **bloc_lists.GLOBALS, **year_lists.GLOBALS}),
    ):
        registered = settings.setdefault(setting, {})
        for name, function in functions.items():
            registered.setdefault(name, function)


def _add_templates(generator: Generator) -> None:
    """The plugin's templates come after the theme's, so a theme can override any of them."""
    env = generator.env
    env.loader = ChoiceLoader([env.loader, FileSystemLoader(str(TEMPLATES))])
    env.add_extension(CachedFragments)
    keep_compiled_templates(env, generator.settings)


STATIC_FORMAT = "static"  # what Pelican's static generator asks its readers for


def _add_reader(readers: Readers) -> None:
    """Markdown with front matter, and no other text format: a file Pelican would read otherwise
    (an HTML file) would become an article that check knows nothing of (see
    :mod:`.source.inventory`). Static files keep Pelican's own reader."""
    static = {fmt: reader for fmt, reader in readers.reader_classes.items() if fmt == STATIC_FORMAT}
    readers.reader_classes = {**static, **dict.fromkeys(ReportReader.file_extensions, ReportReader)}


def _add_generator(pelican: Pelican) -> tuple[type[Generator], ...]:
    # In this order: the year pages and the data need the bloc pages' archive and URLs.
    return BlocPagesGenerator, YearPagesGenerator


def _check_reader_cache(generator: Generator) -> None:
    readercache.drop_if_stale(generator, readercache.reader_fingerprint(generator.settings))


def _record_reader_cache(pelican: Pelican) -> None:
    settings = pelican.settings
    readercache.record(settings, readercache.reader_fingerprint(settings))


def _use_writer(pelican: Pelican) -> type[SkippingWriter]:
    return SkippingWriter


def register() -> None:
    check_version()  # before any of Pelican's internals is touched
    pelican_loops.apply()
    pelican_source_paths.apply()
    pelican_caches.apply()
    pelican_copies.apply()
    pelican_listing.apply()
    signals.initialized.connect(pause_until_writing)
    signals.all_generators_finalized.connect(resume_collections)
    signals.finalized.connect(end_of_build)
    signals.initialized.connect(_add_filters)
    signals.generator_init.connect(_add_templates)
    signals.generator_init.connect(_check_reader_cache)
    signals.readers_init.connect(_add_reader)
    signals.get_generators.connect(_add_generator)
    signals.content_written.connect(record_page)
    signals.static_generator_finalized.connect(pelican_copies.note_static_files)
    signals.finalized.connect(write_site_files)
    signals.finalized.connect(write_index)
    signals.get_writer.connect(_use_writer)
    signals.finalized.connect(_record_reader_cache)
