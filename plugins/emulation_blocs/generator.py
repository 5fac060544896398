"""Steps 2–5 of the pipeline, run by Pelican as a generator after the articles are read:
resolve the reports' names, aggregate them per bloc and year, report every problem, then
write the bloc, bloc-year, organisation and province pages and the open data."""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from pathlib import Path

from pelican.generators import Generator

from .aggregate import Archive
from .collisions import move_aside
from .export import blocs_document, dumps
from .feeds import assign_feed_urls, write_feeds
from .heap import objects_frozen
from .pagekeys import attach_page_cache, save_page_cache
from .pipeline import load_site_registry, run
from .problems import ContentError, Problem
from .settings import apply_defaults, url_and_file
from .writer import write_if_changed

logger = logging.getLogger(__name__)
TEMPLATES = Path(__file__).parent / "templates"


def _source_path(article: object) -> str:
    return str(article.relative_source_path)  # type: ignore[attr-defined]


class BlocsGenerator(Generator):
    """Pages per bloc, bloc-year, organisation and province, and ``data/blocs.json``."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        apply_defaults(self.settings)
        # The pages show only front-matter values: escape them whatever the theme's settings.
        self.env.autoescape = True
        self.archive = Archive()

    # Context

    def generate_context(self) -> None:
        with objects_frozen():
            self._generate_context()

    def _generate_context(self) -> None:
        published = self.context.get("articles", [])
        unpublished = [*self.context.get("drafts", []), *self.context.get("hidden_articles", [])]
        self.archive, problems = run(published, unpublished, load_site_registry(self.settings),
                                     _source_path, lambda article: article.save_as)
        move_aside([*published, *unpublished], _source_path)
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
        self.context["BLOCS_SEARCH_INDEX_PATH"] = self.settings["BLOCS_SEARCH_INDEX_PATH"]

    # Output

    def generate_output(self, writer: object) -> None:
        with objects_frozen():
            self._generate_output(writer)

    def _generate_output(self, writer: object) -> None:
        archive = self.archive
        self._write(writer, "PROVINCES", "provinces", provinces=archive.provinces)
        self._write(writer, "BLOCS", "blocs", provinces=archive.provinces)
        self._write(writer, "ORGANISATIONS", "organisations", provinces=archive.provinces)
        self._write(writer, "SEARCH", "search")
        for record in archive.provinces:
            self._write_page(writer, record.province, "province", record=record)
        for record in archive.blocs:
            self._write_page(writer, record.bloc, "bloc", record=record)
            for bloc_year in record.years.values():
                self._write_page(writer, bloc_year, "bloc_year", record=record, bloc_year=bloc_year)
        for record in archive.organisations:
            self._write_page(writer, record.organisation, "organisation", record=record)
        self._write_data()
        write_feeds(writer, archive, self.context, self.output_path)
        save_page_cache(self.context, self.settings)

    def _write(self, writer: object, kind: str, template: str, **values: object) -> None:
        save_as = self.context[f"{kind}_SAVE_AS"]
        if save_as:
            self._render(writer, save_as, self.context[f"{kind}_URL"], template, values)

    def _write_page(self, writer: object, entry: object, template: str, **values: object) -> None:
        if entry.save_as:  # type: ignore[attr-defined]
            self._render(writer, entry.save_as, entry.url, template, values)  # type: ignore[attr-defined]

    def _render(self, writer: object, save_as: str, url: str, template: str, values: dict) -> None:
        writer.write_file(  # type: ignore[attr-defined]
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=url,
            page_name=os.path.splitext(save_as)[0],
            **values,
        )

    def _write_data(self) -> None:
        save_as = self.context["BLOCS_DATA_SAVE_AS"]
        if not save_as:
            return
        path = Path(self.output_path) / save_as
        path.parent.mkdir(parents=True, exist_ok=True)
        text = dumps(blocs_document(self.archive, str(self.settings.get("SITEURL", ""))))
        if write_if_changed(str(path), text.encode("utf-8")):
            logger.info("Writing %s", path)
