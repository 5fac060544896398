"""Steps 2–5 of the pipeline, run by Pelican as a generator after the articles are read:
resolve the reports' names, aggregate them per bloc and year, report every problem, then
write the bloc, bloc-year, organisation and province pages and the open data."""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pelican.contents import Article
from pelican.generators import Generator
from pelican.urlwrappers import Category
from pelican.writers import Writer

from ..domain.aggregate import Archive
from ..domain.collisions import move_aside
from ..domain.pipeline import load_site_registry, run
from ..domain.slugs import move_to_stand_ins
from ..incremental.pagekeys import ALL_BLOCS, attach_page_cache, blocs_of, declare_page
from ..pelican_compat.article_urls import settle_urls
from ..pelican_compat.listing import REPORTED, refused_files
from ..pelican_compat.pagination import year_list_pages
from ..problems import ContentError, Problem
from ..settings import apply_defaults, url_and_file
from .context import PageContext
from .feeds import assign_feed_urls, write_feeds

logger = logging.getLogger(__name__)
TEMPLATES = Path(__file__).parent / "templates"


def _source_path(article: Article) -> str:
    return str(article.relative_source_path)


def render_page(generator: Generator, writer: Writer, save_as: str, url: str, template: str,
                values: dict, sources: Sequence[object] | None = None) -> None:
    """Write one page of the plugin with the site's context and ``values``; ``sources`` are
    what it shows (:func:`..incremental.pagekeys.declare_page`), None for everything."""
    declare_page(generator.context, save_as, sources)
    writer.write_file(
        save_as,
        generator.get_template(template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        url=url,
        page_name=os.path.splitext(save_as)[0],
        **values,
    )


@dataclass(frozen=True)
class PageJob:
    """One page of the plugin, and what it shows: ``sources`` (blocs, bloc-years,
    :data:`ALL_BLOCS`, plain values) decide when it is rendered again. A page that declares
    none depends on everything and is rendered at every build."""

    save_as: str
    url: str
    template: str
    values: dict
    sources: Sequence[object] | None = None


class BlocPagesGenerator(Generator):
    """Pages per bloc, bloc-year, organisation and province, and ``data/blocs.json``."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        apply_defaults(self.settings)
        # The pages show only front-matter values: escape them whatever the theme's settings.
        self.env.autoescape = True
        self.env.context_class = PageContext  # calls the pieces written in Python directly
        self.archive = Archive()

    # Context

    def generate_context(self) -> None:
        published = self.context.get("articles", [])
        unpublished = [*self.context.get("drafts", []), *self.context.get("hidden_articles", [])]
        for draft in self.context.get("drafts", []):
            # Pelican 4.12 writes a draft with ``category=draft.category``, which an article has
            # only when category pages are written (not on this site): without it, any draft
            # would stop the build.
            if not hasattr(draft, "category"):
                draft.category = Category(self.settings["DEFAULT_CATEGORY"], self.settings)
        settle_urls((*published, *unpublished))  # their files, too, are worked out once from here on
        # Pelican works the source path out again at every access; the pipeline asks several times.
        paths = {id(article): _source_path(article) for article in (*published, *unpublished)}

        def path_of(article: Article) -> str:
            return paths[id(article)]

        def save_as_of(article: Article) -> str:
            return str(article.save_as)

        self.archive, problems = run(published, unpublished, load_site_registry(self.settings), path_of, save_as_of,
                                     self.settings, refused_files(self.context))
        move_to_stand_ins(problems, (*published, *unpublished), path_of)
        move_aside([*published, *unpublished], path_of, save_as_of, year_list_pages(self.settings, published))
        for article in (*published, *unpublished):
            article.report = None  # an article kept from the server's last build had one then
        for report in self.archive.reports:
            report.article.report = report
        self._report(problems, [*published, *unpublished])
        self.context[REPORTED] = True
        self._assign_urls()
        attach_page_cache(self.context, self.settings, self.archive)
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
        for province_record in self.archive.provinces:
            province = province_record.province
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
            ) if organisation_record.mentioned else ("", "")
        assign_feed_urls(self.archive, self.settings)
        for kind in ("BLOCS", "ORGANISATIONS", "PROVINCES", "BLOCS_DATA", "SEARCH"):
            url, save_as = url_and_file(self.settings, kind)
            self.context[f"{kind}_URL"], self.context[f"{kind}_SAVE_AS"] = url, save_as
        for name in ("BLOCS_SEARCH_INDEX", "BLOCS_SEARCH_INDEX_PATH"):
            self.context[name] = self.settings[name]

    # Output

    def generate_output(self, writer: Writer) -> None:
        for job in self._page_jobs():
            render_page(self, writer, job.save_as, job.url, job.template, job.values, job.sources)
        write_feeds(writer, self.archive, self.context, self.output_path)

    def _page_jobs(self) -> list[PageJob]:
        """Every page of the plugin (the open data is written with the rest, see
        :mod:`.publication`)."""
        archive = self.archive
        jobs = []
        lists = {"PROVINCES": "provinces", "BLOCS": "blocs", "ORGANISATIONS": "organisations"}
        for kind, template in lists.items():
            jobs.append(PageJob(self.context[f"{kind}_SAVE_AS"], self.context[f"{kind}_URL"], template,
                                {"provinces": archive.provinces}, [ALL_BLOCS]))
        jobs.append(PageJob(self.context["SEARCH_SAVE_AS"], self.context["SEARCH_URL"], "search", {}))
        jobs += [PageJob(record.province.save_as, record.province.url, "province", {"record": record},
                         [bloc.bloc for bloc in record.blocs])
                 for record in archive.provinces]
        for record in archive.blocs:
            jobs.append(PageJob(record.bloc.save_as, record.bloc.url, "bloc", {"record": record}, [record.bloc]))
            jobs += [PageJob(bloc_year.save_as, bloc_year.url, "bloc_year", {"record": record, "bloc_year": bloc_year},
                             [record.bloc])
                     for bloc_year in record.years.values()]
        jobs += [PageJob(record.organisation.save_as, record.organisation.url, "organisation", {"record": record},
                         blocs_of(record))
                 for record in archive.organisations]
        return [job for job in jobs if job.save_as]
