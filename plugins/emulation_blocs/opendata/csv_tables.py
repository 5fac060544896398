"""The open data as CSV tables: one row per membership, per leadership, per award.

UTF-8 with a byte-order mark, because spreadsheet software reads a CSV file without one in the
machine's legacy code page and shows "Há»™i" for "Hội". Python's ``csv`` module does the
quoting (names contain commas and quotes); rows end with CRLF as RFC 4180 says. Columns are
stable identifiers, codes come with their Vietnamese label, sources are the site-relative URLs
of the reports, separated by spaces.

A text cell that a spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return, or their full-width forms) gets a single quote in front, as
OWASP's "CSV Injection" page recommends: a name or a quotation from a report is content, and
must not run in the spreadsheet of whoever opens the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter

from ..domain.model import CHOSEN, BlocYear, Report, role_label

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
LIST_SEPARATOR = "; "  # between names in one cell: names may contain commas, never ";"

Row = dict[str, object]


@dataclass(frozen=True)
class Table:
    name: str  # the {table} of the URL settings
    title: str  # Vietnamese, for the pages
    columns: tuple[str, ...]
    rows: Callable[[BlocYear], list[Row]]


def _sources(reports: Iterable[Report]) -> str:
    return " ".join(report.url for report in reports)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _bloc_columns(bloc_year: BlocYear) -> Row:
    bloc = bloc_year.bloc
    return {
        "year": bloc_year.year,
        "province_id": bloc.province.id,
        "province": bloc.province.name,
        "bloc_id": f"{bloc.province.id}/{bloc.id}",
        "bloc": bloc.name,
        "page": bloc_year.url,
    }


BLOC_COLUMNS = ("year", "province_id", "province", "bloc_id", "bloc")


def membership_rows(bloc_year: BlocYear) -> list[Row]:
    common = {
        **_bloc_columns(bloc_year),
        "list_complete": _flag(bloc_year.members_complete),
        "stated_count": "" if bloc_year.stated_count is None else bloc_year.stated_count,
    }
    return [
        {**common, "organisation_id": organisation.id, "organisation": organisation.name, "sources": _sources(reports)}
        for organisation, reports in bloc_year.members.items()
    ]


def leadership_rows(bloc_year: BlocYear) -> list[Row]:
    """Every leader and deputy named, then a row without organisation for each role that a
    report says was filled without naming who."""
    kind = bloc_year.bloc.kind
    common = _bloc_columns(bloc_year)
    named = [
        {
            **common,
            "role": role,
            "role_label": role_label(role, kind),
            "organisation_id": fact.value.id,
            "organisation": fact.value.name,
            "chosen": fact.detail,
            "chosen_label": CHOSEN.get(fact.detail, fact.detail),
            "decision": fact.decision,
            "sources": _sources(fact.sources),
        }
        for role, fact in bloc_year.role_facts()
    ]
    unnamed = [
        {**common, "role": role, "role_label": role_label(role, kind), "organisation_id": "",
         "organisation": "", "chosen": "", "chosen_label": "", "decision": "", "sources": _sources(reports)}
        for role, reports in sorted(bloc_year.unnamed_roles.items())
    ]
    return named + unnamed


def handover_rows(bloc_year: BlocYear) -> list[Row]:
    rows = []
    common = _bloc_columns(bloc_year)
    for fact in bloc_year.handovers:
        handover = fact.value
        rows.append({
            **common,
            "role": handover.role,
            "role_label": role_label(handover.role, bloc_year.bloc.kind),
            "from_id": handover.giver.id if handover.giver else "",
            "from": handover.giver.name if handover.giver else "",
            "to_id": handover.receiver.id,
            "to": handover.receiver.name,
            "items": LIST_SEPARATOR.join(handover.items),
            "sources": _sources(fact.sources),
        })
    return rows


def award_rows(bloc_year: BlocYear) -> list[Row]:
    rows = []
    common = _bloc_columns(bloc_year)
    province = bloc_year.bloc.province
    for record in bloc_year.awards:
        award = record.award
        rows.append({
            **common,
            "type": award.type.code if award.type else "",
            "type_name": award.type.name_in(province) if award.type else "",
            "authority": award.authority.code if award.authority else "",
            "authority_name": award.authority.name_in(province) if award.authority else "",
            "recipient_kind": award.recipient_kind,
            "people": LIST_SEPARATOR.join(award.people),
            "status": award.status,
            "status_label": award.status_label,
            "recipient_ids": LIST_SEPARATOR.join(organisation.id for organisation in record.recipients),
            "recipients": LIST_SEPARATOR.join(organisation.name for organisation in record.recipients),
            "count": "" if award.count is None else award.count,
            "remaining_members": _flag(award.remaining_members),
            "as_written": award.as_written,
            "decision": award.decision,
            "sources": record.source.url,
        })
    return rows


MEMBERSHIP_COLUMNS = (*BLOC_COLUMNS, "organisation_id", "organisation", "list_complete", "stated_count",
                      "sources", "page")
LEADERSHIP_COLUMNS = (*BLOC_COLUMNS, "role", "role_label", "organisation_id", "organisation", "chosen",
                      "chosen_label", "decision", "sources", "page")
HANDOVER_COLUMNS = (*BLOC_COLUMNS, "role", "role_label", "from_id", "from", "to_id", "to", "items", "sources", "page")
AWARD_COLUMNS = (*BLOC_COLUMNS, "type", "type_name", "authority", "authority_name", "status", "status_label",
                 "recipient_kind", "recipient_ids", "recipients", "people", "count", "remaining_members", "as_written",
                 "decision", "sources", "page")
TABLES = (
    Table("thanh-vien", "Thành viên", MEMBERSHIP_COLUMNS, membership_rows),
    Table("khoi-truong", "Trưởng, phó khối (cụm)", LEADERSHIP_COLUMNS, leadership_rows),
    Table("khen-thuong", "Khen thưởng", AWARD_COLUMNS, award_rows),
    Table("ban-giao", "Bàn giao", HANDOVER_COLUMNS, handover_rows),
)


def csv_head(columns: tuple[str, ...]) -> bytes:
    """The start of a table: the byte-order mark and the columns' names."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(columns)
    return (BOM + buffer.getvalue()).encode("utf-8")


def csv_rows(columns: tuple[str, ...], rows: list[Row]) -> bytes:
    """The lines of ``rows``, every row with every column (a missing one is a KeyError, not an
    empty cell); a table is its head, then the lines of its parts. The cells are taken in the
    columns' order by ``itemgetter`` rather than by ``csv.DictWriter``, which checks each row's
    keys against the columns in Python."""
    buffer = io.StringIO(newline="")
    cells = itemgetter(*columns)
    # A text cell as a spreadsheet will show it, never as a formula; numbers as they are.
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [("'" + value) if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
         for value in cells(row)] for row in rows)
    return buffer.getvalue().encode("utf-8")
