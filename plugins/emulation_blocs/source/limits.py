"""The limits on what is read, from the settings (defaults in :mod:`.settings`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..settings import DEFAULTS

FRONT_MATTER_LIMIT = "BLOCS_MAX_FRONT_MATTER_BYTES"
SLUG_LIMIT = "BLOCS_MAX_SLUG_BYTES"
FILE_LIMIT = "BLOCS_MAX_FILE_BYTES"


@dataclass(frozen=True)
class Limits:
    file_bytes: int
    front_matter_bytes: int
    slug_bytes: int


def limits_of(settings: Mapping[str, object]) -> Limits:
    def value(name: str) -> int:
        return int(settings.get(name, DEFAULTS[name]))  # type: ignore[call-overload]

    return Limits(value(FILE_LIMIT), value(FRONT_MATTER_LIMIT), value(SLUG_LIMIT))
