"""The two links the pages repeat most — to an organisation, and to the reports a fact comes
from — as Jinja globals written in Python.

They were macros: a call to a Jinja macro builds a frame and escapes each of its expressions
one by one, and a page of a bloc or an organisation makes hundreds of them. Each helper takes
the page's ``SITEURL`` as an argument, so that the macros that call them can be imported
without the page's context (an import with context builds the macro module anew for every
page).

What is escaped: ``SITEURL`` (a setting), every name and title (registry and front-matter
text) and a report's URL (its slug may come from front matter). An organisation's URL is not:
the plugin builds it from the site's URL setting and the registry's id, which the registry's
schema restricts to lowercase ASCII letters, digits and hyphens.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from ..domain.model import Organisation, Report
from .escaping import escaped


def org(organisation: Organisation, siteurl: str) -> Markup:
    """A link to the organisation's page; its name alone when it has none."""
    return Markup(org_link(organisation, escaped(siteurl)))


def sources(reports: Sequence[Report], siteurl: str) -> Markup:
    """``[nguồn 1] [nguồn 2]``: a link to each report, titled with the report's title."""
    return Markup(source_links(reports, escaped(siteurl)))


# The same as text, for the pieces that put them into theirs: ``base`` is SITEURL escaped
# once per piece, and no ``Markup`` is made for a link that ends up inside another.


def org_link(organisation: Organisation, base: str) -> str:
    """:func:`org`'s text, ``base`` the escaped SITEURL."""
    if not organisation.url:
        return escaped(organisation.name)
    return f'<a href="{base}/{organisation.url}">{escaped(organisation.name)}</a>'


def source_links(reports: Sequence[Report], base: str) -> str:
    """:func:`sources`' text, ``base`` the escaped SITEURL."""
    if len(reports) == 1:  # nearly every fact has one source: its link is not numbered
        report = reports[0]
        return (f'<span class="sources"><a href="{base}/{escaped(report.url)}" title="{escaped(report.title)}">'
                "[nguồn]</a></span>")
    links = " ".join([f'<a href="{base}/{escaped(report.url)}" title="{escaped(report.title)}">[nguồn {number}]</a>'
                      for number, report in enumerate(reports, 1)])
    return f'<span class="sources">{links}</span>'


GLOBALS = {"org": org, "sources": sources}
