"""The registry: provinces, blocs, organisations, award types and authorities, read once
from ``content/<BLOCS_REGISTRY_PATH>/``, and looked up by any of their names."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..domain.model import Authority, AwardType, Bloc, Organisation, Province
from ..domain.slugs import slug_fits, slug_problem, stand_in
from ..problems import Place, Problem, did_you_mean, problem
from ..source.content_files import refused_link
from ..source.limits import Limits, limits_of
from ..source.sourcetext import read_text
from ..source.validation import parse_date, read_yaml
from ..source.yamlsource import JsonPath, Located, field_name
from .former_ids import check_former_ids, former_ids, former_ids_place
from .names import SEAT_WORDS, name_key, without_seat_word

T = TypeVar("T")
Slugify = Callable[[str], str]

NATIONAL_FILE = "national.yaml"
PROVINCES_FOLDER = "provinces"


@dataclass
class NameIndex(Generic[T]):
    """Entries by name key. A key that two entries share is ambiguous, never a guess."""

    province_names: tuple[str, ...] = ()
    seat_words: tuple[str, ...] = SEAT_WORDS["tinh"]
    by_key: dict[str, list[T]] = field(default_factory=dict)
    spelled: dict[str, str] = field(default_factory=dict)
    # Every report names its bloc and members again: each spelling is keyed once.
    _found: dict[str, list[T]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, name: str, entry: T) -> T | None:
        """Index ``entry`` under ``name``; return the other entry that has it, if any."""
        key = name_key(name, self.province_names, self.seat_words)
        self._found.clear()
        entries = self.by_key.setdefault(key, [])
        self.spelled.setdefault(key, name)
        other = next((known for known in entries if known is not entry), None)
        if entry not in entries:
            entries.append(entry)
        return other

    def find(self, name: str) -> list[T]:
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = self.by_key.get(name_key(name, self.province_names, self.seat_words), [])
        return found

    def suggest(self, name: str) -> str:
        """" Có phải là «…»?" with the closest known spelling, or ""."""
        return did_you_mean(name, list(self.spelled.values()))


@dataclass
class Registry:
    provinces: dict[str, Province] = field(default_factory=dict)
    province_index: NameIndex[Province] = field(default_factory=NameIndex)
    blocs: dict[str, list[Bloc]] = field(default_factory=dict)
    bloc_index: dict[str, NameIndex[Bloc]] = field(default_factory=dict)
    organisations: dict[str, list[Organisation]] = field(default_factory=dict)
    organisation_index: dict[str, NameIndex[Organisation]] = field(default_factory=dict)
    award_types: dict[str, AwardType] = field(default_factory=dict)
    award_index: NameIndex[AwardType] = field(default_factory=NameIndex)
    authorities: dict[str, Authority] = field(default_factory=dict)
    authority_index: NameIndex[Authority] = field(default_factory=NameIndex)
    problems: list[Problem] = field(default_factory=list)
    limits: Limits = field(default_factory=lambda: limits_of({}))

    def province_of_folder(self, folder: str) -> Province | None:
        """The province whose id (or former id) names an articles folder."""
        found = self.provinces.get(folder)
        if found is not None:
            return found
        return next((province for province in self.provinces.values() if folder in province.former_ids), None)

    def all_blocs(self) -> Iterable[Bloc]:
        for province_id in sorted(self.blocs):
            yield from self.blocs[province_id]

    def all_organisations(self) -> Iterable[Organisation]:
        for province_id in sorted(self.organisations):
            yield from self.organisations[province_id]


def load_registry(folder: Path, content_root: Path, slugify: Slugify, limits: Limits | None = None) -> Registry:
    registry = Registry(limits=limits or limits_of({}))
    if not all(_readable(linked, content_root, registry) for linked in (folder, folder / PROVINCES_FOLDER)):
        return registry  # a registry folder that is a refused link: nothing in it is read
    national = folder / NATIONAL_FILE
    if _readable(national, content_root, registry) and national.exists():
        _load_national(registry, national, _relative(national, content_root))
    provinces: list[tuple[Province, Place]] = []
    successors: dict[str, _Entry] = {}
    for path in sorted((folder / PROVINCES_FOLDER).glob("*.yaml")):
        if _readable(path, content_root, registry):
            _load_province(registry, path, _relative(path, content_root), slugify, successors, provinces)
    registry.problems.extend(check_former_ids(provinces, "tỉnh"))
    _link_successors(registry, successors)
    return registry


def _readable(path: Path, content_root: Path, registry: Registry) -> bool:
    """False for a link refused as the articles' links are (TD601–TD603), its problem kept."""
    refused = refused_link(str(path), str(content_root)) if path.is_symlink() else None
    if refused is not None:
        registry.problems.append(refused)
    return refused is None


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read(path: Path, schema: str, shown: str, registry: Registry) -> Located:
    text, encoding_problems = read_text(path, shown, registry.limits.file_bytes)
    located = Located({}, problems=encoding_problems) if encoding_problems else \
        read_yaml(text, schema, Place(shown, 1), lines=False)
    registry.problems.extend(located.problems)
    if located.problems:
        located.data = {}
    return located


def _load_national(registry: Registry, path: Path, shown: str) -> None:
    located = _read(path, "national.schema.json", shown, registry)
    tables = (
        ("award_types", AwardType, registry.award_types, registry.award_index),
        ("authorities", Authority, registry.authorities, registry.authority_index),
    )
    for key, kind, table, index in tables:
        for number, entry in enumerate(located.data.get(key, [])):
            item = kind(entry["code"], entry["name"], entry["level"], tuple(entry.get("aliases", ())),
                        entry.get("city_name", ""))
            at = _Entry(located, shown, (key, number))
            _register(registry, table, index, item.code, item, [(item.code, ("code",)), *at.names(entry)], at, "code")


def _load_province(registry: Registry, path: Path, shown: str, slugify: Slugify,
                   successors: dict[str, _Entry], provinces: list[tuple[Province, Place]]) -> None:
    located = _read(path, "province.schema.json", shown, registry)
    data = located.data
    if not data:
        return
    until = parse_date(data["until"]) if "until" in data else None
    top = _Entry(located, shown, ())
    former = tuple(data.get("former_ids", ()))
    former_place = _former_ids_place(top, data, former)
    province = Province(
        id=data["id"],
        name=data["name"],
        aliases=tuple(data.get("aliases", ())),
        papers=tuple(data.get("papers", ())),
        until=until,
        successor_id=data.get("successor"),
        registry_file=shown,
        former_ids=_usable_former_ids(registry, former, former_place),
        merged_by=data.get("merged_by", ""),
        kind=data.get("kind", "tinh"),
    )
    if not _usable_slug(registry, province.id, province.name, lambda: top.place("id"), from_name=False):
        return
    if not _register(registry, registry.provinces, registry.province_index, province.id, province,
                     top.names(data), top, "id"):
        return
    provinces.append((province, former_place))
    if province.successor_id:
        successors[province.id] = top
    names = (province.name, *province.aliases)
    registry.blocs[province.id] = []
    registry.organisations[province.id] = []
    seats = SEAT_WORDS.get(province.kind, SEAT_WORDS["tinh"])
    registry.bloc_index[province.id] = NameIndex(names, seats)
    registry.organisation_index[province.id] = NameIndex(names, seats)
    blocs: dict[str, Bloc] = {}
    bloc_former_ids: list[tuple[Bloc, Place]] = []
    for number, entry in enumerate(data.get("blocs", [])):
        at = _Entry(located, shown, ("blocs", number))
        bloc_id = _entry_id(registry, entry, entry["id"] if "id" in entry else slugify(entry["name"]), at)
        slugs = former_ids(entry, bloc_id, slugify)
        place = _former_ids_place(at, entry, slugs)
        bloc = Bloc(
            id=bloc_id,
            province=province,
            kind=entry["kind"],
            number=entry.get("number"),
            name=entry["name"],
            aliases=tuple(entry.get("aliases", ())),
            former_names=tuple(entry.get("former_names", ())),
            former_ids=_usable_former_ids(registry, slugs, place),
        )
        bloc_former_ids.append((bloc, place))
        _register_scoped(registry, blocs, registry.blocs[province.id], registry.bloc_index[province.id],
                         bloc, entry, at)
    organisations: dict[str, Organisation] = {}
    organisation_former_ids: list[tuple[Organisation, Place]] = []
    for number, entry in enumerate(data.get("organisations", [])):
        at = _Entry(located, shown, ("organisations", number))
        organisation_id = _entry_id(registry, entry, entry["id"] if "id" in entry else
                                    slugify(without_seat_word(entry["name"], seats)), at)
        slugs = former_ids(entry, organisation_id, lambda name: slugify(without_seat_word(name, seats)))
        place = _former_ids_place(at, entry, slugs)
        organisation = Organisation(
            id=organisation_id,
            province=province,
            name=entry["name"],
            aliases=tuple(entry.get("aliases", ())),
            former_names=tuple(entry.get("former_names", ())),
            kind=entry["kind"],
            former_ids=_usable_former_ids(registry, slugs, place),
        )
        organisation_former_ids.append((organisation, place))
        _register_scoped(registry, organisations, registry.organisations[province.id],
                         registry.organisation_index[province.id], organisation, entry, at)
    registry.problems.extend(check_former_ids(bloc_former_ids, "khối"))
    registry.problems.extend(check_former_ids(organisation_former_ids, "tổ chức"))


@dataclass(frozen=True)
class _Entry:
    """One entry of a registry file, to name the line of each of its fields."""

    located: Located
    shown: str
    path: JsonPath

    def place(self, *key: str | int) -> Place:
        path = (*self.path, *key)
        return Place(self.shown, self.located.line(path), field_name(path))

    def names(self, entry: dict) -> list[tuple[str, JsonPath]]:
        """The entry's name, aliases and former names, each with the key of its field (a
        place is made only for a problem: the registry names a country's organisations)."""
        named: list[tuple[str, JsonPath]] = [(entry["name"], ("name",))]
        for key in ("aliases", "former_names"):
            named.extend((name, (key, number)) for number, name in enumerate(entry.get(key, ())))
        return named


def _former_ids_place(at: _Entry, entry: dict, slugs: tuple[str, ...]) -> Place:
    """Where the entry's former ids (``slugs``) are written; nowhere when it has none, as
    then no problem can name it."""
    return former_ids_place(at.located, at.shown, at.path, entry) if slugs else _NOWHERE


_NOWHERE = Place("")


def _entry_id(registry: Registry, entry: dict, slug: str, at: _Entry) -> str:
    """The id of a bloc or organisation, or, when it cannot make a file (TD702, TD703, reported
    here), a stand-in id for the preview."""
    from_name = "id" not in entry
    if _usable_slug(registry, slug, entry["name"], lambda: at.place("name" if from_name else "id"), from_name):
        return slug
    return stand_in(f"{at.shown}:{field_name(at.path)}")


def _usable_slug(registry: Registry, slug: str, name: str, place: Callable[[], Place], from_name: bool) -> bool:
    """Whether ``slug`` can make a file; if not, its problem (TD702, TD703) at ``place()``."""
    if slug_fits(slug, registry.limits.slug_bytes):
        return True
    found = slug_problem(slug, name, place(), registry.limits.slug_bytes, from_name)
    if found is not None:
        registry.problems.append(found)
    return found is None


def _usable_former_ids(registry: Registry, slugs: tuple[str, ...], place: Place) -> tuple[str, ...]:
    """The former ids that can make a file (each old URL answers with a page of its own)."""
    return tuple(slug for slug in slugs if _usable_slug(registry, slug, slug, lambda: place, from_name=False))


def _register(registry: Registry, table: dict, index: NameIndex, code: str, entry: object,
              names: list[tuple[str, JsonPath]], at: _Entry, code_key: str) -> bool:
    if code in table:
        registry.problems.append(problem("TD501", at.place(code_key), code, other=f"«{_label(table[code])}»"))
        return False
    table[code] = entry
    _index_names(registry, index, entry, names, at)
    return True


def _register_scoped(registry: Registry, ids: dict[str, Any], entries: list, index: NameIndex,
                     entry: Bloc | Organisation, data: dict, at: _Entry) -> None:
    same_id = ids.get(entry.id)
    if same_id is not None:
        if "id" in data:
            registry.problems.append(problem("TD501", at.place("id"), entry.id, other=f"«{same_id.name}»"))
        else:
            registry.problems.append(
                problem("TD401", at.place("name"), entry.name, other_value=same_id.name, slug=entry.id)
            )
        return
    ids[entry.id] = entry
    entries.append(entry)
    _index_names(registry, index, entry, at.names(data), at)


def _index_names(registry: Registry, index: NameIndex, entry: object, names: list[tuple[str, JsonPath]],
                 at: _Entry) -> None:
    for name, key in names:
        other = index.add(name, entry)
        if other is not None:
            registry.problems.append(
                problem("TD502", at.place(*key), name, first=_label(other), second=_label(entry))
            )


def _label(entry: object) -> str:
    return str(getattr(entry, "name", entry))


def _link_successors(registry: Registry, entries: dict[str, _Entry]) -> None:
    for province_id, at in entries.items():
        province = registry.provinces[province_id]
        successor = registry.provinces.get(str(province.successor_id))
        if successor is None:
            registry.problems.append(problem("TD503", at.place("successor"), province.successor_id))
            continue
        province.successor = successor
        successor.predecessors.append(province)


def transition_date(province: Province) -> datetime.date | None:
    """The first day under the successor."""
    return province.until + datetime.timedelta(days=1) if province.until else None
