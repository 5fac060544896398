"""The rows the plugin's tables repeat most — the award tables' rows and the cells of a bloc's
membership table — as Jinja globals written in Python, as the links are (:mod:`.links`).

An award row was five macros deep (its type, its authority, its recipients, each link), and
the pages of a bloc, a bloc-year, an organisation and a province's year show thousands of
rows in all: each macro call builds a frame and escapes its expressions one by one.

What is escaped: every value from front matter (the award as written, its decision, the
people named) and from the registry (names of award types and authorities, organisations,
through :func:`.links.org`). Not escaped: the words and class names written here, the labels
of enumerated codes (:func:`.formatting.label` gives the plugin's own words for a code the
schema restricts; an unknown code is escaped) and numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from markupsafe import Markup

from ..domain.model import Authority, AwardRecord, AwardType, Province
from .escaping import escaped
from .formatting import label
from .links import org_link, source_links

AWARD_COLUMNS = ("Hình thức", "Cấp khen thưởng", "Tình trạng", "Đơn vị", "Báo viết")
YEAR_COLUMN = "Năm thành tích"


def award_rows(records: Iterable[AwardRecord], siteurl: str, show_year: bool = False) -> Markup:
    """The rows of an award table, one per award (with the year it is for, ``show_year``)."""
    return Markup(award_rows_text(records, escaped(siteurl), show_year))


def award_rows_text(records: Iterable[AwardRecord], base: str, show_year: bool = False) -> str:
    """:func:`award_rows`' text, ``base`` the escaped SITEURL."""
    return "".join([_award_row(record, base, show_year) for record in records])


def _award_row(record: AwardRecord, base: str, show_year: bool) -> str:
    award = record.award
    province = record.source.province
    year = f'<td data-label="{YEAR_COLUMN}">{escaped(award.year)}</td>' if show_year else ""
    decision = f" — QĐ số {escaped(award.decision)}" if award.decision else ""
    return (f"<tr>\n{year}"
            f"{_CELL_OPENINGS[0]}{_named(award.type, province, 'Không rõ hình thức')}</td>\n"
            f"{_CELL_OPENINGS[1]}{_named(award.authority, province, 'Không rõ cấp khen')}</td>\n"
            f"{_CELL_OPENINGS[2]}{escaped(label(award.status))}</td>\n"
            f"{_CELL_OPENINGS[3]}{_recipients_text(record, base)}</td>\n"
            f"{_CELL_OPENINGS[4]}<q>{escaped(award.as_written)}</q>{decision} {source_links([record.source], base)}"
            "</td>\n</tr>\n")


_CELL_OPENINGS = tuple(f'  <td data-label="{name}"{extra}>' for name, extra in zip(
    AWARD_COLUMNS, ("", "", "", ' class="cell-recipients"', ' class="cell-source"'), strict=True))


def _named(entry: AwardType | Authority | None, province: Province, unknown: str) -> str:
    if entry is None:
        return f'<span class="unknown">{unknown}</span>'
    return escaped(entry.name_in(province))


def recipients(record: AwardRecord, siteurl: str) -> Markup:
    """Who receives an award: the people named, the organisations (linked), or what the report
    does not say."""
    return Markup(_recipients_text(record, escaped(siteurl)))


def _recipients_text(record: AwardRecord, base: str) -> str:
    award = record.award
    individuals = award.recipient_kind == "ca-nhan"
    unit = "cá nhân" if individuals else "đơn vị"
    parts = ["<small>Cá nhân:</small> "] if individuals else []
    if award.people:
        parts.append(escaped("; ".join(award.people)))
        if record.recipients:
            parts.append(" — ")
    if record.recipients:
        parts.append("; ".join([org_link(organisation, base) for organisation in record.recipients]))
        if award.remaining_members:
            parts.append(" <small>(các đơn vị còn lại)</small>")
    elif award.people:
        pass
    elif award.count is not None:
        parts.append(f'{escaped(award.count)} {unit} <span class="unknown">(báo không nêu tên)</span>')
    else:
        parts.append(f'<span class="unknown">Báo không nêu tên, không nêu số {unit} nhận</span>')
    return "".join(parts)


_MEMBER_CELLS = {
    "member": '<td class="cell-member">✓<span class="visually-hidden"> thành viên</span></td>',
    "named": '<td class="cell-named">•<span class="visually-hidden"> được nêu tên</span></td>',
    "absent": '<td class="cell-absent">–<span class="visually-hidden"> không là thành viên</span></td>',
}


def member_cells(cells: Sequence[str]) -> Markup:
    """The cells of one organisation's row in a bloc's membership table, a year each: a
    member of the full list, named in a report, absent from the full list, or unknown."""
    return Markup(member_cells_text(cells))


def member_cells_text(cells: Sequence[str]) -> str:
    """:func:`member_cells`' text."""
    return "".join([_MEMBER_CELLS.get(cell) or f'<td class="cell-{escaped(cell)}"></td>' for cell in cells])


GLOBALS = {"award_table_rows": award_rows, "member_cells": member_cells, "AWARD_COLUMNS": AWARD_COLUMNS}
