"""The bloc page's summary of its awards, a row per year, as a Jinja global written in Python
(as the other pages' lists are, :mod:`.organisation_lists`).

The bloc page is the bloc's overview across every year the archive holds: each award, with
its recipients and sources, is on the page of its year, and the bloc page counts them per
year and links there. What is escaped: ``SITEURL``, the bloc-years' URLs and the names of the
award types (registry text); numbers are not.
"""

from __future__ import annotations

from markupsafe import Markup

from ..domain.model import BlocRecord
from .charts import bloc_award_counts
from .escaping import escaped

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


GLOBALS = {"bloc_award_year_rows": award_year_rows}
