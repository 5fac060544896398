"""The pieces of ``blocs_macros.html`` every page of the plugin shows — breadcrumbs, a chart
with its text, an award table, a leader's or deputy's names, a handover, a movement, the dates
of a report and a meeting — as Jinja globals written in Python, as the links and the award
rows are (:mod:`.links`, :mod:`.tables`).

The macros stay in ``blocs_macros.html`` as wrappers around these, for a theme that imports
them; the plugin's templates call the globals, so that no page builds a macro frame for them.
What is escaped, as Jinja's autoescape would: ``SITEURL``, every name and text from the
registry or front matter, every URL. Not escaped: the words written here and numbers.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from ..domain.model import AwardRecord, Bloc, BlocYear, Handover, MeetingDate, Movement, Report
from .charts import Chart
from .escaping import escaped
from .formatting import bloc_role_label, label, vi_date
from .links import org_link, source_links
from .tables import AWARD_COLUMNS, YEAR_COLUMN, award_rows_text


def breadcrumbs(items: Iterable[tuple[str, str]], siteurl: str) -> Markup:
    """Where the page is: the home page, then each (name, URL), the page itself without one."""
    base = escaped(siteurl)
    crumbs = "".join(
        f'    <li><a href="{base}/{escaped(url)}">{escaped(name)}</a></li>\n' if url
        else f'    <li><span aria-current="page">{escaped(name)}</span></li>\n'
        for name, url in items)
    return Markup(f'<nav class="breadcrumbs" aria-label="Vị trí trang">\n  <ol>\n'
                  f'    <li><a href="{base}/">Trang chủ</a></li>\n{crumbs}  </ol>\n</nav>')


def chart_figure(chart: Chart | None) -> Markup:
    """A chart and the sentence that says what it shows; nothing without a chart."""
    if not chart:
        return Markup("")
    return Markup(f'<figure class="chart-figure">\n  {escaped(chart.svg)}\n'
                  f'  <figcaption id="{escaped(chart.id)}-text">{escaped(chart.summary)}</figcaption>\n'
                  "</figure>\n")


_HEADS = "".join(f'<th scope="col">{name}</th>' for name in AWARD_COLUMNS)
_HEADS_WITH_YEAR = f'<th scope="col">{YEAR_COLUMN}</th>{_HEADS}'


def awards_table(records: Iterable[AwardRecord], caption: str, siteurl: str, show_year: bool = False) -> Markup:
    """A table of awards, one row each (:func:`.tables.award_rows`), stacked on phones."""
    caption = escaped(caption)
    return Markup(f'<div class="table-wrap" role="region" aria-label="{caption}" tabindex="0">\n'
                  f'<table class="wide stacked">\n  <caption>{caption}</caption>\n'
                  f"  <thead><tr>{_HEADS_WITH_YEAR if show_year else _HEADS}</tr></thead>\n"
                  f"  <tbody>{award_rows_text(records, escaped(siteurl), show_year)}</tbody>\n</table>\n</div>")


def role_holders(bloc_year: BlocYear, role: str, siteurl: str, with_detail: bool = False) -> Markup:
    """Who held a role that year (``with_detail``: how they were chosen, by which decision),
    or that a report says it was filled without naming who, or that no report says."""
    return Markup(role_holders_text(bloc_year, role, escaped(siteurl), with_detail))


def role_holders_text(bloc_year: BlocYear, role: str, base: str, with_detail: bool = False) -> str:
    """:func:`role_holders`' text, ``base`` the escaped SITEURL."""
    if role == "truong-khoi":
        facts = [bloc_year.leader] if bloc_year.leader else []
    else:
        facts = bloc_year.deputies if role == "pho-khoi" else []
    if not facts:
        unnamed = bloc_year.unnamed_roles.get(role)
        if unnamed:
            return f'<span class="unknown">Đã chọn nhưng bài không nêu tên</span> {source_links(unnamed, base)}'
        return '<span class="unknown">Các bài chưa nêu</span>'
    holders = []
    for fact in facts:
        detail = ""
        if with_detail:
            decision = f", quyết định số {escaped(fact.decision)}" if fact.decision else ""
            detail = f" <small>({escaped(label(fact.detail))}{decision})</small>"
        holders.append(f"{org_link(fact.value, base)}{detail} {source_links(fact.sources, base)}")
    return "; ".join(holders)


def handover_text(handover: Handover, bloc: Bloc, siteurl: str) -> Markup:
    """Who handed the role over to whom, for which year, and what was handed over."""
    return Markup(handover_words(handover, bloc, escaped(siteurl)))


def handover_words(handover: Handover, bloc: Bloc, base: str) -> str:
    """:func:`handover_text`'s text, ``base`` the escaped SITEURL."""
    role = escaped(bloc_role_label(handover.role, bloc))
    receiver = org_link(handover.receiver, base)
    if handover.giver:
        text = f"{org_link(handover.giver, base)} bàn giao vai trò {role} năm {handover.year} cho {receiver}"
    else:
        text = (f"{receiver} nhận bàn giao vai trò {role} năm {handover.year} "
                '<span class="unknown">(bài không nêu đơn vị bàn giao)</span>')
    if handover.items:
        text += f"; bàn giao: {', '.join(escaped(item) for item in handover.items)}"
    return text


def movement_text(movement: Movement, bloc: Bloc, siteurl: str) -> Markup:
    """A movement, its kind and whose it is: an organisation's, the bloc's, the province's or
    the whole country's."""
    return Markup(movement_words(movement, bloc, escaped(siteurl)))


def movement_words(movement: Movement, bloc: Bloc, base: str) -> str:
    """:func:`movement_text`'s text, ``base`` the escaped SITEURL."""
    if movement.organisation:
        owner = f" — {org_link(movement.organisation, base)}"
    elif movement.scope == "khoi":
        owner = f" — của {escaped(bloc.word)}"
    elif movement.scope == "tinh":
        owner = f" — chung của {escaped(bloc.province.title)}"
    else:
        owner = " — toàn quốc"
    return f"{escaped(movement.kind_label)} «{escaped(movement.name)}»{owner}"


def report_date(report: Report) -> Markup:
    """The day a report was published, or that it is not known."""
    return Markup(report_day(report))


def report_day(report: Report) -> str:
    """:func:`report_date`'s text."""
    if report.date_known:
        return escaped(vi_date(report.date))
    return '<span class="unknown">không rõ ngày đăng</span>'


def meeting_date(date: MeetingDate) -> Markup:
    """The day of a meeting (machine-readable when known to the day), or what is known of it."""
    return Markup(meeting_day(date))


def meeting_day(date: MeetingDate) -> str:
    """:func:`meeting_date`'s text."""
    iso = date.iso
    if iso:
        return f'<time datetime="{escaped(iso)}">{escaped(date.label)}</time>'
    if date.day:
        return escaped(date.label)
    return f'<span class="unknown">{escaped(date.label)}</span>'


GLOBALS = {
    "breadcrumb_nav": breadcrumbs,
    "chart_figure_html": chart_figure,
    "awards_table_html": awards_table,
    "role_holders_html": role_holders,
    "handover_html": handover_text,
    "movement_html": movement_text,
    "report_date_html": report_date,
    "meeting_date_html": meeting_date,
}
