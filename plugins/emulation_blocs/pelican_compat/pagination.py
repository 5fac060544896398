"""Pelican 4.12's pagination, for the pages of one template and for knowing them in advance.

``BLOCS_PAGINATION_PATTERNS`` gives one template its own ``PAGINATION_PATTERNS`` (Pelican has
one set of patterns for every paginated template, and the home page keeps its ``index2.html``
while a year's pages are ``tin/<year>/trang-2.html``). :func:`year_list_pages` names the files
of the years' pages before they are written, so that an article given one of these files is a
problem (TD406) rather than Pelican's writer stopping on a file written twice.
"""

from __future__ import annotations

from collections import ChainMap, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from pelican.paginator import PaginationRule, Paginator

YEAR_TEMPLATE = "period_archives"  # the template of Pelican's year pages


def pagination_settings(settings: Mapping[str, Any], template_name: str | None) -> Mapping[str, Any]:
    """The settings a paginator of ``template_name`` reads: Pelican's, with the template's own
    ``BLOCS_PAGINATION_PATTERNS`` (rules made and sorted as Pelican makes PAGINATION_PATTERNS)
    in place of PAGINATION_PATTERNS."""
    rules = (settings.get("BLOCS_PAGINATION_PATTERNS") or {}).get(template_name)
    if not rules:
        return settings
    own = sorted((PaginationRule(*rule) for rule in rules), key=lambda rule: rule.min_page)
    return ChainMap({"PAGINATION_PATTERNS": own}, settings)  # type: ignore[arg-type]


def year_list_pages(settings: Mapping[str, Any], published: Iterable) -> set[str]:
    """The files of the year pages Pelican writes for the ``published`` articles (its year
    archives, ``YEAR_ARCHIVE_SAVE_AS``, and their following pages when the template is in
    ``PAGINATED_TEMPLATES``), as its generator groups them and its writer paginates them."""
    save_as = settings.get("YEAR_ARCHIVE_SAVE_AS")
    if not save_as:
        return set()
    years: dict[int, list] = defaultdict(list)
    for article in published:
        years[article.date.year].append(article)
    names = {str(save_as).format(date=articles[0].date): articles for articles in years.values()}
    paginated = settings.get("PAGINATED_TEMPLATES") or {}
    if YEAR_TEMPLATE not in paginated:
        return set(names)
    per_page = paginated[YEAR_TEMPLATE] or settings.get("DEFAULT_PAGINATION")
    own = pagination_settings(settings, YEAR_TEMPLATE)
    files: set[str] = set()
    for name, articles in names.items():
        paginator = Paginator(name, "", articles, own, per_page)
        files.update(paginator.page(number).save_as for number in paginator.page_range)
    return files
