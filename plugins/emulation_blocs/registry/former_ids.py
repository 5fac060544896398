"""The ids an entry of the registry had before, so that its old URLs can still answer.

An id is part of every URL of its entry. It changes in two ways: someone edits ``id`` (and
should keep the old one in ``former_ids``), or an entry without an explicit ``id`` is renamed,
since its id is the slug of its name: then the slug of each former name was its id before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

from ..problems import Place, Problem, problem
from ..source.yamlsource import Located, field_name


class HasIds(Protocol):
    id: str
    name: str
    former_ids: tuple[str, ...]


def former_ids(entry: Mapping, current_id: str, slug_of_name: Callable[[str], str]) -> tuple[str, ...]:
    """``former_ids`` as written, plus, for an entry whose id comes from its name, the slug of
    each of its ``former_names``; never the current id, each id once."""
    found = list(entry.get("former_ids", ()))
    if "id" not in entry:
        found.extend(slug_of_name(name) for name in entry.get("former_names", ()))
    return tuple(dict.fromkeys(slug for slug in found if slug and slug != current_id))


def former_ids_place(located: Located, shown: str, path: tuple[str | int, ...], entry: Mapping) -> Place:
    """Where the former ids of the entry at ``path`` are written: ``former_ids``, or, for an
    entry whose id comes from its name, ``former_names``."""
    key = "former_names" if "id" not in entry and "former_ids" not in entry and path else "former_ids"
    return Place(shown, located.line((*path, key)), field_name((*path, key)))


def check_former_ids(entries: Sequence[tuple[HasIds, Place]], kind: str) -> list[Problem]:
    """A former id must belong to one entry and be nobody's current id: otherwise an old URL
    would lead to another entry's page, or to two. Each entry comes with the place of the
    field its former ids come from."""
    current = {entry.id: entry for entry, _place in entries}
    claimed: dict[str, HasIds] = {}
    problems = []
    for entry, place in entries:
        for old in entry.former_ids:
            other = current.get(old) or claimed.get(old)
            if other is not None and other is not entry:
                code = "TD404" if old in current else "TD405"
                problems.append(problem(code, place, old, kind=kind,
                                        entry=entry.name, other=other.name))
            claimed.setdefault(old, entry)
    return problems


def all_ids(entry: HasIds) -> Iterable[str]:
    yield entry.id
    yield from entry.former_ids
