"""The bloc page's lists — its years, the holders of its roles year by year, its members year
by year, its awards per year — as Jinja globals written in Python (as the other pages' lists
are, :mod:`.organisation_lists`): each was a loop of the template calling a global or escaping
each expression in turn, a row at a time.

The bloc page is the bloc's overview across every year the archive holds: each award, with
its recipients and sources, is on the page of its year, and the bloc page counts them per
year and links there. What is escaped: ``SITEURL``, the bloc-years' URLs, the names of the
award types, of the roles and of the organisations (registry text), the reports' URLs and
titles; numbers are not.
"""

from __future__ import annotations

from markupsafe import Markup

from ..domain.model import BlocRecord
from .charts import bloc_award_counts
from .escaping import escaped
from .links import org_link
from .pieces import role_holders_text
from .tables import member_cells_text

UNKNOWN_TYPE = "Không rõ hình thức"


def award_year_rows(record: BlocRecord, siteurl: str) -> Markup:
    """A row per year with awards: the year (a link to that year's awards), the units
    honoured and proposed, the kinds of award, one row a line."""
    base = escaped(siteurl)
    province = record.bloc.province
    rows = []
    for count in bloc_award_counts(record):
        bloc_year = record.years.get(count.year)
        if bloc_year is None or not bloc_year.awards:
            continue
        kinds = dict.fromkeys(award.award.type.name_in(province) if award.award.type else UNKNOWN_TYPE
                              for award in bloc_year.awards)
        rows.append(f'    <tr><th scope="row"><a href="{base}/{escaped(bloc_year.url)}#khen-thuong">{count.year}</a>'
                    f"</th><td>{count.conferred}</td><td>{count.proposed}</td>"
                    f"<td>{escaped('; '.join(kinds))}</td></tr>")
    return Markup("\n".join(rows))


def year_links(record: BlocRecord, siteurl: str) -> Markup:
    """A link to each year's page, `` · `` between them."""
    base = escaped(siteurl)
    return Markup(" · ".join([f'<a href="{base}/{escaped(bloc_year.url)}">{escaped(year)}</a>'
                              for year, bloc_year in record.years.items()]))


def leader_rows(record: BlocRecord, siteurl: str) -> Markup:
    """A row per year whose leader or deputies a report names (or says were chosen unnamed),
    each line ended; one row saying that no report names them when none does."""
    base = escaped(siteurl)
    rows = [f'    <tr>\n      <th scope="row"><a href="{base}/{escaped(bloc_year.url)}">{escaped(year)}</a></th>\n'
            f'      <td>{role_holders_text(bloc_year, "truong-khoi", base)}</td>\n'
            f'      <td>{role_holders_text(bloc_year, "pho-khoi", base)}</td>\n    </tr>\n'
            for year, bloc_year in record.years.items()
            if bloc_year.leader or bloc_year.deputies or bloc_year.unnamed_roles]
    if not rows:
        bloc = record.bloc
        rows.append(f'    <tr><td colspan="3">Các bài chưa nêu {escaped(bloc.leader_label)}, '
                    f"{escaped(bloc.deputy_label)}.</td></tr>\n")
    return Markup("".join(rows))


def member_rows(record: BlocRecord, siteurl: str) -> Markup:
    """A row per organisation of the membership table (:func:`.tables.member_cells`), each
    line ended."""
    base = escaped(siteurl)
    return Markup("".join([f'    <tr><th scope="row">{org_link(row.organisation, base)}</th>'
                           f"{member_cells_text(row.cells)}</tr>\n" for row in record.member_rows]))


GLOBALS = {
    "bloc_award_year_rows": award_year_rows,
    "bloc_year_links": year_links,
    "bloc_leader_rows": leader_rows,
    "bloc_member_rows": member_rows,
}
