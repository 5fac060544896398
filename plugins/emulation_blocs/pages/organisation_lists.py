"""The lists of an organisation's page — the blocs and years it was a member, the years it
led, its handovers, places in a ranking and movements — as Jinja globals written in Python.

An organisation's page is the page the site has most of, and each of these lists was a loop
of the template, escaping each expression in turn. Each function returns the list's items, one
a line, without the last line's end, so that the template keeps the markup around them. What
is escaped is what Jinja's autoescape escaped: every name and text, every URL (``SITEURL``,
bloc-years' and blocs'); numbers are not.
"""

from __future__ import annotations

from markupsafe import Markup

from ..domain.model import BlocYear, OrganisationRecord
from .escaping import escaped
from .formatting import bloc_role_label
from .links import source_links
from .pieces import handover_words


def _year_link(bloc_year: BlocYear, base: str) -> str:
    return f'<a href="{base}/{escaped(bloc_year.url)}">{bloc_year.year}</a>'


def membership_rows(record: OrganisationRecord, siteurl: str) -> Markup:
    """A row per bloc and year the organisation was a member of, with the reports that say so."""
    base = escaped(siteurl)
    organisation = record.organisation
    return Markup("\n".join([
        f"    <tr><td>{_year_link(bloc_year, base)}</td>"
        f'<td><a href="{base}/{escaped(bloc_year.bloc.url)}">{escaped(bloc_year.bloc.name)}</a></td>'
        f"<td>{source_links(bloc_year.members[organisation], base)}</td></tr>"
        for bloc_year in record.bloc_years]))


def role_items(record: OrganisationRecord, siteurl: str) -> Markup:
    """An item per year the organisation led a bloc or was its deputy."""
    base = escaped(siteurl)
    items = []
    for bloc_year, role, fact in record.roles:
        decision = f" (quyết định số {escaped(fact.decision)})" if fact.decision else ""
        items.append(f"  <li>{escaped(bloc_role_label(role, bloc_year.bloc))} năm {_year_link(bloc_year, base)}, "
                     f"{escaped(bloc_year.bloc.name)}{decision} {source_links(fact.sources, base)}</li>")
    return Markup("\n".join(items))


def handover_items(record: OrganisationRecord, siteurl: str) -> Markup:
    """An item per handover the organisation gave or received."""
    base = escaped(siteurl)
    return Markup("\n".join([
        f"  <li>{handover_words(fact.value, bloc_year.bloc, base)} — {escaped(bloc_year.bloc.name)} "
        f"{source_links(fact.sources, base)}</li>"
        for bloc_year, fact in record.handovers]))


def rank_items(record: OrganisationRecord, siteurl: str) -> Markup:
    """An item per place the organisation took in its bloc's ranking."""
    base = escaped(siteurl)
    return Markup("\n".join([
        f"  <li>{escaped(fact.value.label)} năm {_year_link(bloc_year, base)}, {escaped(bloc_year.bloc.name)} "
        f"{source_links(fact.sources, base)}</li>"
        for bloc_year, fact in record.ranks]))


def movement_items(record: OrganisationRecord, siteurl: str) -> Markup:
    """An item per movement the organisation ran."""
    base = escaped(siteurl)
    return Markup("\n".join([
        f"  <li>{escaped(fact.value.kind_label)} «{escaped(fact.value.name)}» ({bloc_year.year}) "
        f"{source_links(fact.sources, base)}</li>"
        for bloc_year, fact in record.movements]))


GLOBALS = {
    "organisation_membership_rows": membership_rows,
    "organisation_role_items": role_items,
    "organisation_handover_items": handover_items,
    "organisation_rank_items": rank_items,
    "organisation_movement_items": movement_items,
}
