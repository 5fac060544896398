"""Jinja filters for the pages: Vietnamese labels and dates, so templates only format.

Dates come from Babel's ``vi`` locale (CLDR data), not from the system's C library, whose
Vietnamese locale may be missing on the build machine.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from babel.dates import format_date

from ..domain.model import (
    BLOC_KINDS,
    CHOSEN,
    CONFERENCE_KINDS,
    LEVELS,
    MOVEMENT_KINDS,
    RECIPIENT_KINDS,
    ROLES,
    STATUSES,
    Bloc,
    Leadership,
    role_label,
)
from ..registry.registry import transition_date
from ..source.sanitise import web_url

LOCALE = "vi"
_LABELS = {**CONFERENCE_KINDS, **ROLES, **CHOSEN, **STATUSES, **BLOC_KINDS, **MOVEMENT_KINDS, **RECIPIENT_KINDS}
_LABELS.update({"ca-nam": "cả năm", "6-thang": "6 tháng"})


def label(code: str) -> str:
    """The Vietnamese words for an enumerated code."""
    return _LABELS.get(code, code)


def bloc_role_label(role: str, bloc: Bloc | None = None) -> str:
    """"Khối trưởng" in a khối, "Cụm trưởng" in a cụm."""
    return role_label(role, bloc.kind if bloc is not None else "khoi")


def level_label(code: str) -> str:
    return LEVELS.get(code, code)


# Babel reads its pattern anew at each call, and a national archive's pages show the same
# few thousand dates again and again.
@lru_cache(maxsize=8192)
def vi_date(value: datetime.date | None) -> str:
    """29/12/2020 — the way Vietnamese papers write dates in lists."""
    return format_date(value, "dd/MM/y", locale=LOCALE) if value else ""


@lru_cache(maxsize=8192)
def vi_full_date(value: datetime.date | None) -> str:
    """Thứ Ba, 29 tháng 12, 2020 — CLDR's full Vietnamese date, for an article's dateline."""
    return format_date(value, "full", locale=LOCALE) if value else ""


def iso_date(value: datetime.date | None) -> str:
    return value.isoformat()[:10] if value else ""


def distinct_roles(leaderships: tuple[Leadership, ...]) -> list[Leadership]:
    """One entry per year, role and organisation, in year order, the leader first: a report
    states a role once in ``leadership`` and again through its ``handover``; the entry that
    says how the organisation was chosen wins. A bloc may have several deputies."""
    chosen: dict[tuple[int, str, object], Leadership] = {}
    for entry in leaderships:
        key = (entry.year, entry.role, entry.organisation)
        if key not in chosen or chosen[key].chosen == "khong-ro":
            chosen[key] = entry
    return sorted(chosen.values(), key=lambda entry: (entry.year, list(ROLES).index(entry.role)))


FILTERS = {
    "web_url": web_url,
    "distinct_roles": distinct_roles,
    "label": label,
    "role_label": bloc_role_label,
    "level_label": level_label,
    "vi_date": vi_date,
    "vi_full_date": vi_full_date,
    "iso_date": iso_date,
    "transition_date": transition_date,
}
