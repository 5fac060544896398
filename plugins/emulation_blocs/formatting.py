"""Jinja filters for the pages: Vietnamese labels and dates, so templates only format."""

from __future__ import annotations

import datetime

from .model import BLOC_KINDS, CHOSEN, CONFERENCE_KINDS, LEVELS, ROLES, STATUSES
from .registry import transition_date

_LABELS = {**CONFERENCE_KINDS, **ROLES, **CHOSEN, **STATUSES, **BLOC_KINDS}
_LABELS.update({"ca-nam": "cả năm", "6-thang": "6 tháng"})


def label(code: str) -> str:
    """The Vietnamese words for an enumerated code."""
    return _LABELS.get(code, code)


def level_label(code: str) -> str:
    return LEVELS.get(code, code)


def vi_date(value: datetime.date | None) -> str:
    """29/12/2020 — the way Vietnamese papers write dates."""
    return value.strftime("%d/%m/%Y") if value else ""


def iso_date(value: datetime.date | None) -> str:
    return value.isoformat()[:10] if value else ""


FILTERS = {"label": label, "level_label": level_label, "vi_date": vi_date, "iso_date": iso_date,
           "transition_date": transition_date}
