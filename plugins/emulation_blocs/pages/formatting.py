"""Jinja filters for the pages: Vietnamese labels and dates, so templates only format.

Dates come from Babel's ``vi`` locale (CLDR data), not from the system's C library, whose
Vietnamese locale may be missing on the build machine.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from babel.dates import format_date

from ..domain.model import BLOC_KINDS, CHOSEN, CONFERENCE_KINDS, LEVELS, ROLES, STATUSES, Leadership
from ..registry.registry import transition_date
from ..source.sanitise import web_url

LOCALE = "vi"
_LABELS = {**CONFERENCE_KINDS, **ROLES, **CHOSEN, **STATUSES, **BLOC_KINDS}
_LABELS.update({"ca-nam": "cả năm", "6-thang": "6 tháng"})


def label(code: str) -> str:
    """The Vietnamese words for an enumerated code."""
    return _LABELS.get(code, code)


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
    """One entry per year and role, in year order, Khối trưởng first: a report states a role
    once in ``leadership`` and again through its ``handover``; the entry that says how the
    organisation was chosen wins."""
    chosen: dict[tuple[int, str], Leadership] = {}
    for entry in leaderships:
        key = (entry.year, entry.role)
        if key not in chosen or chosen[key].chosen == "khong-ro":
            chosen[key] = entry
    return [chosen[key] for key in sorted(chosen, key=lambda key: (key[0], list(ROLES).index(key[1])))]


FILTERS = {
    "web_url": web_url,
    "distinct_roles": distinct_roles,
    "label": label,
    "level_label": level_label,
    "vi_date": vi_date,
    "vi_full_date": vi_full_date,
    "iso_date": iso_date,
    "transition_date": transition_date,
}
