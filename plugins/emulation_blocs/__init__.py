"""Emulation blocs: reports on provincial emulation-bloc conferences, and pages per bloc,
bloc and year, organisation and province, with their open data.

The pipeline: read front matter (:mod:`.reader`) → validate (:mod:`.validation`) → resolve
names against the registry (:mod:`.registry`, :mod:`.resolve`) → aggregate per bloc and year
(:mod:`.aggregate`) → write pages and data (:mod:`.generator`, :mod:`.export`), feeds
(:mod:`.feeds`); then the pages per year, the open data per year and bloc, the redirects of
old URLs (:mod:`.publication`); once every page is written, the sitemap (:mod:`.sitemap`) and
the search index (:mod:`.search`). The offline archive (:mod:`.archive`) builds on all this.
Charts, dates and structured data for the templates come from :mod:`.charts`,
:mod:`.formatting` and :mod:`.structured_data`.

What makes a build fast (docs/performance.md): the reading and writing shared with helper
processes (:mod:`.shared_reading`, :mod:`.shared_writing`), the pages and parts of pages that
a preview skips (:mod:`.pagekeys`, :mod:`.pagecache`, :mod:`.fragments`), the preview
server's kept articles (:mod:`.kept_articles`), the preview's fresh folder (:mod:`.build`,
:mod:`.hardlinks`), and two of Pelican's loops made linear (:mod:`.pelican_loops`).
"""

from __future__ import annotations

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican import signals

from . import charts, formatting, pelican_loops, readercache, structured_data
from .fragments import CachedFragments
from .generator import TEMPLATES, BlocsGenerator
from .heap import pause_until_writing, resume_collections
from .publication import PublicationGenerator
from .reader import ReportReader
from .search import write_index
from .shared_reading import finish_shared_reading, start_shared_reading
from .shared_writing import list_shared_output, start_shared_output
from .sitemap import record_page, write_site_files
from .templatecache import keep_compiled_templates
from .writer import SkippingWriter


def _add_filters(pelican: object) -> None:
    settings = pelican.settings  # type: ignore[attr-defined]
    for setting, functions in (
        ("JINJA_FILTERS", {**formatting.FILTERS, **charts.FILTERS, **structured_data.FILTERS}),
        ("JINJA_GLOBALS", structured_data.GLOBALS),
    ):
        registered = settings.setdefault(setting, {})
        for name, function in functions.items():
            registered.setdefault(name, function)


def _add_templates(generator: object) -> None:
    """The plugin's templates come after the theme's, so a theme can override any of them."""
    env = generator.env  # type: ignore[attr-defined]
    env.loader = ChoiceLoader([env.loader, FileSystemLoader(str(TEMPLATES))])
    env.add_extension(CachedFragments)
    keep_compiled_templates(env, generator.settings)  # type: ignore[attr-defined]


def _add_reader(readers: object) -> None:
    """Markdown with front matter, and nothing else: a file Pelican would read otherwise (an
    HTML file) would become an article that check knows nothing of (see :mod:`.inventory`)."""
    readers.reader_classes = dict.fromkeys(ReportReader.file_extensions, ReportReader)  # type: ignore[attr-defined]


def _add_generator(pelican: object) -> tuple[type, ...]:
    # In this order: the year pages and the data need the bloc pages' archive and URLs.
    return BlocsGenerator, PublicationGenerator


def _check_reader_cache(generator: object) -> None:
    readercache.drop_if_stale(generator, readercache.reader_fingerprint(generator.settings))  # type: ignore[attr-defined]


def _record_reader_cache(pelican: object) -> None:
    settings = pelican.settings  # type: ignore[attr-defined]
    readercache.record(settings, readercache.reader_fingerprint(settings))


def _use_writer(pelican: object) -> type[SkippingWriter]:
    return SkippingWriter




def register() -> None:
    pelican_loops.apply()
    signals.initialized.connect(pause_until_writing)
    signals.all_generators_finalized.connect(resume_collections)
    signals.initialized.connect(_add_filters)
    signals.generator_init.connect(_add_templates)
    signals.generator_init.connect(_check_reader_cache)
    signals.readers_init.connect(_add_reader)
    signals.article_generator_init.connect(start_shared_reading)
    signals.article_generator_finalized.connect(finish_shared_reading)
    signals.get_generators.connect(_add_generator)
    signals.content_written.connect(record_page)
    signals.finalized.connect(write_site_files)
    signals.finalized.connect(write_index)
    signals.get_writer.connect(_use_writer)
    signals.all_generators_finalized.connect(list_shared_output)
    signals.get_writer.connect(start_shared_output)
    signals.finalized.connect(_record_reader_cache)
