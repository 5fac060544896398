"""Steps 2–5 of the pipeline, run by Pelican as a generator after the articles are read:
resolve the reports' names, aggregate them per bloc and year, report every problem, then
write the bloc, bloc-year, organisation and province pages and the open data."""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator
from pelican.plugins import signals
from pelican.utils import sanitised_join

from .aggregate import Archive
from .collisions import move_aside
from .datafile import blocs_json
from .feeds import assign_feed_urls, write_feeds
from .heap import objects_frozen
from .pagekeys import DATA_KEYS, attach_page_cache
from .parallel import SharedJobs, can_fork
from .pipeline import load_site_registry, run
from .problems import ContentError, Problem
from .settings import apply_defaults, url_and_file
from .writer import PAGE_CACHE, SkippingWriter, local_context, write_if_changed

logger = logging.getLogger(__name__)
TEMPLATES = Path(__file__).parent / "templates"


def _source_path(article: object) -> str:
    return str(article.relative_source_path)  # type: ignore[attr-defined]


def render_page(generator: Generator, writer: object, save_as: str, url: str, template: str,
                values: dict) -> None:
    """Write one page of the plugin with the site's context and ``values``."""
    writer.write_file(  # type: ignore[attr-defined]
        save_as,
        generator.get_template(template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        url=url,
        page_name=os.path.splitext(save_as)[0],
        **values,
    )


# Below this many pages a helper process costs more than it saves.
MIN_SHARED_JOBS = 200


@dataclass(frozen=True)
class PageJob:
    """One page of the plugin (or, with no template, the open data file)."""

    save_as: str
    url: str
    template: str
    values: dict


class BlocsGenerator(Generator):
    """Pages per bloc, bloc-year, organisation and province, and ``data/blocs.json``."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        apply_defaults(self.settings)
        # The pages show only front-matter values: escape them whatever the theme's settings.
        self.env.autoescape = True
        self.archive = Archive()
        self._jobs: list[PageJob] = []
        self._shared: SharedJobs | None = None

    # Context

    def generate_context(self) -> None:
        with objects_frozen():
            self._generate_context()

    def _generate_context(self) -> None:
        published = self.context.get("articles", [])
        unpublished = [*self.context.get("drafts", []), *self.context.get("hidden_articles", [])]
        # Pelican works these out again at every access; the pipeline asks for each several times.
        paths = {id(article): _source_path(article) for article in (*published, *unpublished)}
        files = {id(article): article.save_as for article in (*published, *unpublished)}
        self.archive, problems = run(published, unpublished, load_site_registry(self.settings),
                                     lambda article: paths[id(article)], lambda article: files[id(article)])
        move_aside([*published, *unpublished], lambda article: paths[id(article)])
        for report in self.archive.reports:
            report.article.report = report
        self._report(problems, [*published, *unpublished])
        self._assign_urls()
        attach_page_cache(self.context, self.settings, self.archive,
                          [self.context[f"{kind}_SAVE_AS"] for kind in ("PROVINCES", "BLOCS", "ORGANISATIONS")])
        self.context["blocs_archive"] = self.archive
        self.context["provinces"] = self.archive.provinces
        self.context["blocs_problems"] = problems

    def _report(self, problems: list[Problem], articles: list) -> None:
        """Log every problem, and show each on the page of its article (for the preview)."""
        by_path: dict[str, list[Problem]] = defaultdict(list)
        for found in problems:
            logger.error("%s", found.format())
            by_path[found.path].append(found)
        for article in articles:
            article.problems = by_path.get(article.relative_source_path, [])
        if problems and self.settings["BLOCS_STRICT"]:
            raise ContentError(
                f"{len(problems)} lỗi trong nội dung (xem các dòng ERROR ở trên); "
                "bản dựng dừng lại và không ghi trang nào."
            )

    def _assign_urls(self) -> None:
        for record in self.archive.provinces:
            province = record.province
            province.url, province.save_as = url_and_file(self.settings, "PROVINCE", slug=province.slug)
        for record in self.archive.blocs:
            bloc = record.bloc
            fields = {"province": bloc.province.slug, "slug": bloc.slug}
            bloc.url, bloc.save_as = url_and_file(self.settings, "BLOC", **fields)
            for bloc_year in record.years.values():
                bloc_year.url, bloc_year.save_as = url_and_file(
                    self.settings, "BLOC_YEAR", year=bloc_year.year, **fields
                )
        for organisation_record in self.archive.organisations:
            organisation = organisation_record.organisation
            organisation.url, organisation.save_as = url_and_file(
                self.settings, "ORGANISATION", province=organisation.province.slug, slug=organisation.slug
            )
        assign_feed_urls(self.archive, self.settings)
        for kind in ("BLOCS", "ORGANISATIONS", "PROVINCES", "BLOCS_DATA", "SEARCH"):
            url, save_as = url_and_file(self.settings, kind)
            self.context[f"{kind}_URL"], self.context[f"{kind}_SAVE_AS"] = url, save_as
        for name in ("BLOCS_SEARCH_INDEX", "BLOCS_SEARCH_INDEX_PATH"):
            self.context[name] = self.settings[name]

    # Output

    def start_output(self) -> None:
        """Called once every generator has its context: a helper process starts on the
        plugin's pages while Pelican writes its own (see :mod:`.parallel`)."""
        self._jobs = self._page_jobs()
        if not can_fork(int(self.settings["BLOCS_WORKERS"])) or len(self._jobs) < MIN_SHARED_JOBS:
            return
        self._shared = SharedJobs(len(self._jobs))
        logger.info("Một tiến trình phụ dựng %d trang của plugin song song với Pelican", len(self._jobs))
        helper_writer = SkippingWriter(self.output_path, settings=self.settings)
        self._shared.start_helper(lambda index: self._run(helper_writer, self._jobs[index]), self._helper_report)

    def generate_output(self, writer: object) -> None:
        with objects_frozen():
            self._generate_output(writer)

    def _generate_output(self, writer: object) -> None:
        jobs = self._jobs or self._page_jobs()
        if self._shared is not None:
            done, report = self._shared.finish(lambda index: self._run(writer, jobs[index]))
            self._merge_helper(writer, [jobs[index] for index in done], report)
        else:
            for job in jobs:
                self._run(writer, job)
        write_feeds(writer, self.archive, self.context, self.output_path)

    def _page_jobs(self) -> list[PageJob]:
        """Every page of the plugin, the open data first (the longest job)."""
        archive = self.archive
        jobs = [PageJob(self.context["BLOCS_DATA_SAVE_AS"], "", "", {})]
        lists = {"PROVINCES": "provinces", "BLOCS": "blocs", "ORGANISATIONS": "organisations"}
        for kind, template in lists.items():
            jobs.append(PageJob(self.context[f"{kind}_SAVE_AS"], self.context[f"{kind}_URL"], template,
                                {"provinces": archive.provinces}))
        jobs.append(PageJob(self.context["SEARCH_SAVE_AS"], self.context["SEARCH_URL"], "search", {}))
        jobs += [PageJob(record.province.save_as, record.province.url, "province", {"record": record})
                 for record in archive.provinces]
        for record in archive.blocs:
            jobs.append(PageJob(record.bloc.save_as, record.bloc.url, "bloc", {"record": record}))
            jobs += [PageJob(bloc_year.save_as, bloc_year.url, "bloc_year", {"record": record, "bloc_year": bloc_year})
                     for bloc_year in record.years.values()]
        jobs += [PageJob(record.organisation.save_as, record.organisation.url, "organisation", {"record": record})
                 for record in archive.organisations]
        return [job for job in jobs if job.save_as]

    def _run(self, writer: object, job: PageJob) -> None:
        if not job.template:
            self._write_data()
        else:
            self._render(writer, job.save_as, job.url, job.template, job.values)

    def _helper_report(self) -> tuple[dict, int, dict]:
        cache = self.context.get(PAGE_CACHE)
        return (dict(cache.current), cache.skipped, dict(cache.texts)) if cache is not None else ({}, 0, {})

    def _merge_helper(self, writer: object, done: list[PageJob], report: tuple[dict, int, dict] | None) -> None:
        """What the helper wrote, as if written here: Pelican's record of written files, the
        page cache, and ``content_written`` for whoever listens (the sitemap)."""
        cache = self.context.get(PAGE_CACHE)
        if cache is not None and report is not None:
            cache.current.update(report[0])
            cache.texts.update(report[2])
            cache.skipped += report[1]
        relative_urls = self.settings["RELATIVE_URLS"]
        for job in done:
            if not job.template:
                continue
            path = sanitised_join(self.output_path, job.save_as)
            writer._written_files.add(path)  # type: ignore[attr-defined]
            values = {"url": job.url, "page_name": os.path.splitext(job.save_as)[0], **job.values}
            signals.content_written.send(path, context=local_context(self.context, job.save_as, relative_urls, values))

    def _render(self, writer: object, save_as: str, url: str, template: str, values: dict) -> None:
        render_page(self, writer, save_as, url, template, values)

    def _write_data(self) -> None:
        save_as = self.context["BLOCS_DATA_SAVE_AS"]
        if not save_as:
            return
        path = Path(self.output_path) / save_as
        path.parent.mkdir(parents=True, exist_ok=True)
        cache = self.context.get(PAGE_CACHE)
        text = blocs_json(self.archive, str(self.settings.get("SITEURL", "")), self.context.get(DATA_KEYS),
                          cache.known_texts if cache else None, cache.texts if cache else None)
        if write_if_changed(str(path), text.encode("utf-8")):
            logger.info("Writing %s", path)
