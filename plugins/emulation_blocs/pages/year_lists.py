"""The parts of a province's year page (``year_province.html``) written in Python: a bloc's
section (its leaders, members and awards that year) and the list of the year's reports, as
Jinja globals, so that the page does not evaluate each of their expressions in the template
(:mod:`.pieces` says what is escaped and why)."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from ..domain.model import BlocYear, Report
from .escaping import escaped
from .pieces import awards_table, report_day, role_holders_text


def bloc_section(bloc_year: BlocYear, siteurl: str) -> Markup:
    """One bloc's part of the page: who led it, its members, its awards that year."""
    bloc = bloc_year.bloc
    base = escaped(siteurl)
    ident = escaped(bloc.id)
    if bloc_year.awards:
        caption = f"Khen thưởng cho thành tích năm {bloc_year.year}"
        awards = f"  {awards_table(bloc_year.awards, caption, siteurl)}\n"
    else:
        awards = "<p>Các bài chưa nêu khen thưởng cho năm này.</p>"
    return Markup(
        f'<section aria-labelledby="khoi-{ident}">\n'
        f'  <h2 id="khoi-{ident}"><a href="{base}/{escaped(bloc_year.url)}">{escaped(bloc.name)}</a></h2>\n'
        '  <dl class="roles">\n'
        f"    <dt>{escaped(bloc.leader_label)}</dt>\n"
        f'    <dd>{role_holders_text(bloc_year, "truong-khoi", base)}</dd>\n'
        f"    <dt>{escaped(bloc.deputy_label)}</dt>\n"
        f'    <dd>{role_holders_text(bloc_year, "pho-khoi", base)}</dd>\n'
        "    <dt>Thành viên</dt>\n"
        f"    <dd>{_members(bloc_year)}</dd>\n"
        "  </dl>\n"
        f"{awards}</section>\n")


def _members(bloc_year: BlocYear) -> str:
    if bloc_year.members_complete:
        text = f"{len(bloc_year.members)} tổ chức (danh sách đầy đủ)"
    elif bloc_year.members:
        text = f"{len(bloc_year.members)} tổ chức được nêu tên trong bài"
    else:
        text = '<span class="unknown">Các bài chưa nêu</span>'
    if bloc_year.stated_count is not None:
        text += f"; bài ghi {escaped(bloc_year.bloc.word)} có {bloc_year.stated_count} thành viên"
    return text


def report_items(reports: Iterable[Report], siteurl: str) -> Markup:
    """An item per report: its title linked, and the day it was published."""
    base = escaped(siteurl)
    return Markup("".join(
        f'  <li><a href="{base}/{escaped(report.url)}">{escaped(report.title)}</a> '
        f"<small>{report_day(report)}</small></li>\n" for report in reports))


GLOBALS = {"year_bloc_section": bloc_section, "year_report_items": report_items}
