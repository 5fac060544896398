"""The facts box of an article's page — its bloc, province, conference, date, year, leaders
chosen, handovers, pact — as a Jinja global written in Python, as the plugin's lists are
(:mod:`.organisation_lists`): each of the 4,000 or 40,000 articles shows one, and as template
it escaped each of its expressions in turn. Escaped as Jinja's autoescape escaped: every name
and text from the registry or front matter, every URL; not the words written here, numbers.
"""

from __future__ import annotations

from markupsafe import Markup

from ..domain.model import Report
from .escaping import escaped
from .formatting import bloc_role_label, distinct_roles, label
from .links import org
from .pieces import handover_text, meeting_date
from .province_pieces import province_name


def _year(report: Report) -> str:
    conference = report.conference
    if conference.reviews:  # a review has its period
        return (f"<dt>Năm được tổng kết</dt><dd>{escaped(conference.year_reviewed)} "
                f"({escaped(label(conference.period or ''))})</dd>\n")
    return f"<dt>Hội nghị cho năm</dt><dd>{escaped(conference.year)} <small>(không tổng kết năm nào)</small></dd>"


def report_facts(report: Report, siteurl: str) -> Markup:
    """The ``<dl>`` of an article's facts box."""
    base = escaped(siteurl)
    bloc, conference = report.bloc, report.conference
    place = f", {escaped(conference.place)}" if conference.place else ""
    lines = [
        "<dl>\n",
        f"      <dt>{escaped(bloc.word.capitalize())}</dt><dd><a href=\"{base}/{escaped(bloc.url)}\">"
        f"{escaped(bloc.name)}</a></dd>\n",
        f"      <dt>{escaped(report.province.word.capitalize())}</dt><dd>{province_name(report.province, siteurl)}"
        "</dd>\n",
        f"      <dt>Hội nghị</dt><dd>{', '.join(escaped(kind) for kind in conference.kind_labels)}</dd>\n",
        f"      <dt>Ngày họp</dt><dd>{meeting_date(conference.date)}{place}</dd>\n",
        _year(report),
    ]
    for leadership in distinct_roles(report.leaderships):
        holder = (org(leadership.organisation, siteurl) if leadership.organisation
                  else '<span class="unknown">bài không nêu tên</span>')
        decision = f", quyết định số {escaped(leadership.decision)}" if leadership.decision else ""
        lines.append(f"      <dt>{escaped(bloc_role_label(leadership.role, bloc))} năm {escaped(leadership.year)}</dt>"
                     f"<dd>{holder} <small>({escaped(label(leadership.chosen))}{decision})</small></dd>\n")
    lines += [f"      <dt>Bàn giao</dt><dd>{handover_text(handover, bloc, siteurl)}</dd>\n"
              for handover in report.handovers]
    if report.pact_year:
        lines.append(f"<dt>Giao ước thi đua</dt><dd>Ký kết giao ước năm {escaped(report.pact_year)}</dd>")
    lines.append("    </dl>")
    return Markup("".join(lines))


GLOBALS = {"report_facts": report_facts}
