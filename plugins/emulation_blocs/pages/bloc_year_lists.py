"""The lists of a bloc-year's page (also on a bloc's page) — its members, handovers, ranking,
movements and reports — as Jinja globals written in Python, as the organisation page's are
(:mod:`.organisation_lists`): each list was a loop of the template escaping each expression in
turn. Each function returns the items, one a line, without the last line's end; the template
keeps the markup around them. Escaped as Jinja's autoescape escaped: every name, text and URL.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from ..domain.model import Bloc, BlocYear, Fact, Report
from .escaping import escaped
from .links import org_link, source_links
from .pieces import handover_words, meeting_day, movement_words, report_day


def member_items(bloc_year: BlocYear, siteurl: str) -> Markup:
    """An item per member named, with the reports that name it."""
    base = escaped(siteurl)
    return Markup("\n".join([f"  <li>{org_link(organisation, base)} {source_links(reports, base)}</li>"
                             for organisation, reports in bloc_year.members.items()]))


def handover_items(facts: Iterable[Fact], bloc: Bloc, siteurl: str) -> Markup:
    """An item per handover, with its sources."""
    base = escaped(siteurl)
    return Markup("\n".join([f"  <li>{handover_words(fact.value, bloc, base)} {source_links(fact.sources, base)}</li>"
                             for fact in facts]))


def ranking_items(bloc_year: BlocYear, siteurl: str) -> Markup:
    """An item per place of the bloc's ranking, first place first."""
    base = escaped(siteurl)
    ranking = sorted(bloc_year.ranking, key=lambda fact: fact.value.rank)
    return Markup("\n".join([f"  <li>{escaped(fact.value.label)}: {org_link(fact.value.organisation, base)} "
                             f"{source_links(fact.sources, base)}</li>" for fact in ranking]))


def movement_items(bloc_year: BlocYear, siteurl: str) -> Markup:
    """An item per movement of the year, with its sources."""
    base, bloc = escaped(siteurl), bloc_year.bloc
    return Markup("\n".join([f"  <li>{movement_words(fact.value, bloc, base)} {source_links(fact.sources, base)}</li>"
                             for fact in bloc_year.movements]))


def report_items(reports: Iterable[Report], siteurl: str, meeting: bool = False) -> Markup:
    """An item per report: its title linked, the day it was published, its kinds of
    conference and (``meeting``) the day of the meeting."""
    base = escaped(siteurl)
    items = []
    for report in reports:
        conference = report.conference
        kinds = ", ".join(escaped(kind) for kind in conference.kind_labels)
        held = f" · họp {meeting_day(conference.date)}" if meeting else ""
        items.append(f'  <li><a href="{base}/{escaped(report.url)}">{escaped(report.title)}</a> '
                     f"<small>{report_day(report)} · {kinds}{held}</small></li>")
    return Markup("\n".join(items))


GLOBALS = {
    "bloc_year_member_items": member_items,
    "handover_items": handover_items,
    "bloc_year_ranking_items": ranking_items,
    "bloc_year_movement_items": movement_items,
    "report_items": report_items,
}
