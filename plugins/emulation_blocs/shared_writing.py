"""Which pages the helper process may write, when it starts and what it hands back.

Once every generator has its context (``all_generators_finalized``), the files to share are
listed: the articles as Pelican's ``generate_articles`` writes them, then the files of the
plugin's generators (their ``output_jobs``). The helper is forked when Pelican asks for its
writer (``get_writer``), after it has resolved the links in the articles' summaries; the last
of the plugin's generators calls :func:`finish_shared_output` before it saves the page cache.
The pages Pelican writes otherwise (the lists, the archives, the feeds) stay here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass
from itertools import chain

from pelican.generators import ArticlesGenerator
from pelican.plugins import signals

from .pagecache import PageCache
from .parallel import Job, SharedJobs, can_fork
from .writer import PAGE_CACHE, SHARED_OUTPUT, WRITTEN_DATA, SkippingWriter

logger = logging.getLogger(__name__)

# Below this many files a helper process costs more than it saves.
MIN_SHARED_JOBS = 200


def article_jobs(generator: ArticlesGenerator) -> list[tuple[str, Job]]:
    """Pelican's ``generate_articles`` as jobs: the same call to the writer, article by
    article. None when something listens to ``article_generator_write_article``: it expects
    to see each article just before it is written, in this process."""
    if signals.article_generator_write_article.receivers:
        return []
    relative_urls = generator.settings["RELATIVE_URLS"]

    def job(article: object) -> Job:
        def write(writer: SkippingWriter) -> None:
            writer.write_file(article.save_as, generator.get_template(article.template),  # type: ignore[attr-defined]
                              generator.context, relative_urls=relative_urls, article=article,
                              category=getattr(article, "category", None),
                              override_output=hasattr(article, "override_save_as"),
                              url=article.url, blog=True)  # type: ignore[attr-defined]
        return write

    articles = chain(generator.translations, generator.articles, generator.hidden_translations,
                     generator.hidden_articles)
    return [(save_as, job(article)) for article in articles if (save_as := article.save_as)]


@dataclass
class _Pending:
    shared: SharedJobs
    context: MutableMapping
    make_writer: Callable[[], SkippingWriter]
    report: Callable[[], dict]


_pending: list[_Pending] = []


def list_shared_output(generators: Iterable[object]) -> None:
    """List every shareable file of ``generators``, where a helper can help."""
    _pending.clear()
    generators = list(generators)
    plugin = [generator for generator in generators if hasattr(generator, "output_jobs")]
    if not plugin:
        return
    first = plugin[0]
    settings, context = first.settings, first.context  # type: ignore[attr-defined]
    cache: PageCache | None = context.get(PAGE_CACHE)
    # A preview after a build skips nearly every page: a helper would find nothing to do.
    if not can_fork(int(settings["BLOCS_WORKERS"])) or (cache is not None and cache.previous):
        return
    jobs: list[tuple[str, Job]] = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            jobs += article_jobs(generator)
        elif generator in plugin:
            jobs += generator.output_jobs()  # type: ignore[attr-defined]
    if len(jobs) < MIN_SHARED_JOBS:
        return
    output_path = first.output_path  # type: ignore[attr-defined]
    written = context.setdefault(WRITTEN_DATA, {})

    def report() -> dict:
        return {"cache": cache.report() if cache is not None else None, "data": written}

    _pending.append(_Pending(SharedJobs(jobs), context, lambda: SkippingWriter(output_path, settings=settings),
                             report))


def start_shared_output(pelican: object) -> None:
    """``get_writer``: fork the helper for the files listed (this returns no writer)."""
    if not _pending or not can_fork(2):
        _pending.clear()
        return
    pending = _pending.pop()
    logger.info("Một tiến trình phụ cùng dựng %d trang và tệp dữ liệu", len(pending.shared))
    pending.shared.start_helper(pending.make_writer, pending.report)
    pending.context[SHARED_OUTPUT] = pending.shared


def finish_shared_output(context: MutableMapping) -> None:
    """Wait for the helper and take in what it wrote into the page cache and the data files'
    checksums."""
    shared: SharedJobs | None = context.pop(SHARED_OUTPUT, None)
    if shared is None:
        return
    report = shared.finish()
    context.setdefault(WRITTEN_DATA, {}).update(report["data"])
    cache: PageCache | None = context.get(PAGE_CACHE)
    if cache is not None:
        cache.merge(report["cache"])

