"""Step 3 of the pipeline: resolve the names of one report against the registry of its
province, and check what one report can check alone (dates, award levels, roles)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from ..problems import Place, Problem, problem
from ..registry.registry import NameIndex, Registry
from ..source.validation import parse_date, parse_date_or_datetime
from ..source.yamlsource import JsonPath, field_name
from .model import LEVELS, Award, Conference, Leadership, Membership, Movement, Organisation, Province, Report

T = TypeVar("T")
HALF_YEAR_MONTHS = range(3, 11)  # a half-year review outside March–October is a slip


class ReportResolver:
    """Turns the checked front matter of one article into a :class:`Report`."""

    def __init__(self, registry: Registry, path: str, lines: dict[JsonPath, int]) -> None:
        self.registry = registry
        self.path = path
        self.lines = lines
        self.problems: list[Problem] = []

    def place(self, path: JsonPath) -> Place:
        while path and path not in self.lines:
            path = path[:-1]
        return Place(self.path, self.lines.get(path, 0), field_name(path))

    def resolve(self, article: Any, data: dict) -> Report | None:
        province = self._province(data["province"])
        if province is None:
            return None
        blocs = ", ".join(f"«{bloc.name}»" for bloc in self.registry.blocs[province.id]) or "chưa có khối nào"
        bloc = self._find(self.registry.bloc_index[province.id], data["bloc"], ("bloc",), "TD202", province,
                          accepted=blocs)
        conference = self._conference(data["conference"])
        published = parse_date_or_datetime(data["date"])
        self._check_dates(province, conference, published.date() if published else None, data)
        report = Report(
            article=article,
            path=self.path,
            province=province,
            bloc=bloc,  # type: ignore[arg-type]  # None only when a problem was reported
            conference=conference,
            membership=self._membership(province, data, conference),
            leaderships=self._leaderships(province, data),
            awards=self._awards(province, data),
            movements=self._movements(province, data),
            pact_year=data.get("pact", {}).get("year"),
        )
        return None if bloc is None or self.problems else report

    # Names

    def _province(self, name: str) -> Province | None:
        index = self.registry.province_index
        found = index.find(name)
        if len(found) == 1:
            return found[0]
        if found:
            self._ambiguous(found, name, ("province",))
            return None
        accepted = ", ".join(province.name for province in self.registry.provinces.values())
        self.problems.append(
            problem("TD201", self.place(("province",)), name, suggestion=index.suggest(name), accepted=accepted)
        )
        return None

    def _find(self, index: NameIndex[T], name: str, path: JsonPath, code: str,
              province: Province | None = None, accepted: str = "") -> T | None:
        found = index.find(name)
        if len(found) == 1:
            return found[0]
        if found:
            self._ambiguous(found, name, path)
            return None
        self.problems.append(
            problem(
                code,
                self.place(path),
                name,
                suggestion=index.suggest(name),
                province=province.name if province else "",
                registry_file=province.registry_file if province else "",
                accepted=accepted,
            )
        )
        return None

    def _ambiguous(self, found: list, name: str, path: JsonPath) -> None:
        matches = ", ".join(f"«{getattr(entry, 'name', entry)}»" for entry in found)
        self.problems.append(problem("TD206", self.place(path), name, matches=matches))

    def _organisation(self, province: Province, name: str, path: JsonPath) -> Organisation | None:
        return self._find(self.registry.organisation_index[province.id], name, path, "TD203", province)

    def _organisations(self, province: Province, names: list[str],
                       path: JsonPath) -> tuple[tuple[Organisation, ...], tuple[int, ...]]:
        """The organisations named (each once) and the line of each."""
        found: dict[Organisation, int] = {}
        for number, name in enumerate(names):
            organisation = self._organisation(province, name, (*path, number))
            if organisation is not None and organisation not in found:
                found[organisation] = self.place((*path, number)).line
        return tuple(found), tuple(found.values())

    # Facts

    def _conference(self, data: dict) -> Conference:
        kinds = tuple(dict.fromkeys(data["kinds"]))
        period = data.get("period") or ("6-thang" if "so-ket" in kinds else "ca-nam")
        return Conference(
            kinds=kinds,
            date=parse_date(data["date"]) or datetime.date(1970, 1, 1),
            place=data.get("place", ""),
            year_reviewed=data["year_reviewed"],
            period=period,
        )

    def _membership(self, province: Province, data: dict, conference: Conference) -> Membership | None:
        members = data.get("members")
        if members is None:
            return None
        organisations, _lines = self._organisations(province, members.get("list", []), ("members", "list"))
        return Membership(
            year=members.get("year", conference.year_reviewed),
            organisations=organisations,
            count=members.get("count"),
            complete=members.get("complete", False),
            note=members.get("note", ""),
            line=self.place(("members", "count")).line,
        )

    def _leaderships(self, province: Province, data: dict) -> tuple[Leadership, ...]:
        found: list[Leadership] = []
        for number, entry in enumerate(data.get("leadership", [])):
            for key, role in (("leader", "truong-khoi"), ("deputy", "pho-khoi")):
                if key in entry:
                    self._add_role(found, province, entry[key], ("leadership", number, key),
                                   entry["year"], role, entry.get("chosen", "khong-ro"))
        handover = data.get("handover")
        if handover:
            role = handover.get("role", "truong-khoi")
            self._add_role(found, province, handover["from"], ("handover", "from"), handover["year"] - 1,
                           role, "khong-ro")
            self._add_role(found, province, handover["to"], ("handover", "to"), handover["year"], role,
                           "ban-giao")
        self._check_leader_is_not_deputy(found)
        return tuple(found)

    def _add_role(self, found: list[Leadership], province: Province, name: str, path: JsonPath,
                  year: int, role: str, chosen: str) -> None:
        organisation = self._organisation(province, name, path)
        if organisation is None:
            return
        place = self.place(path)
        found.append(Leadership(year, role, organisation, chosen, place.line, place.field))

    def _check_leader_is_not_deputy(self, found: list[Leadership]) -> None:
        leaders = {(entry.year, entry.organisation) for entry in found if entry.role == "truong-khoi"}
        for entry in found:
            if entry.role == "pho-khoi" and (entry.year, entry.organisation) in leaders:
                place = Place(self.path, entry.line, entry.field)
                self.problems.append(problem("TD302", place, entry.organisation.name, year=entry.year))

    def _awards(self, province: Province, data: dict) -> tuple[Award, ...]:
        awards = []
        for number, entry in enumerate(data.get("awards", [])):
            path: JsonPath = ("awards", number)
            award_type = self._find(self.registry.award_index, entry["type"], (*path, "type"), "TD204",
                                    accepted=", ".join(self.registry.award_types))
            authority = self._find(self.registry.authority_index, entry["authority"], (*path, "authority"),
                                   "TD205", accepted=", ".join(self.registry.authorities))
            recipients, recipient_lines = self._organisations(province, entry.get("recipients", []),
                                                              (*path, "recipients"))
            if award_type is None or authority is None:
                continue
            self._check_levels(award_type, authority, (*path, "authority"))
            place = self.place(path)
            awards.append(
                Award(
                    type=award_type,
                    authority=authority,
                    recipients=recipients,
                    count=entry.get("count"),
                    remaining_members=entry.get("remaining_members", False),
                    year=entry["year"],
                    status=entry["status"],
                    as_written=entry["as_written"],
                    decision=entry.get("decision", ""),
                    line=place.line,
                    field=place.field,
                    recipient_lines=recipient_lines,
                    remaining_line=self.place((*path, "remaining_members")).line,
                )
            )
        return tuple(awards)

    def _check_levels(self, award_type: Any, authority: Any, path: JsonPath) -> None:
        national = {award_type.level == "national", authority.level == "national"}
        if len(national) == 2:
            self.problems.append(
                problem(
                    "TD309",
                    self.place(path),
                    authority.name,
                    award=award_type.name,
                    award_level=LEVELS[award_type.level],
                    authority=authority.name,
                    authority_level=LEVELS[authority.level],
                )
            )

    def _movements(self, province: Province, data: dict) -> tuple[Movement, ...]:
        movements = []
        for number, entry in enumerate(data.get("movements", [])):
            organisation = None
            if "organisation" in entry:
                path = ("movements", number, "organisation")
                organisation = self._organisation(province, entry["organisation"], path)
            movements.append(Movement(entry["name"], organisation))
        return tuple(movements)

    # Dates

    def _check_dates(self, province: Province, conference: Conference, published: datetime.date | None,
                     data: dict) -> None:
        held = conference.date
        if conference.year_reviewed > held.year:
            self.problems.append(
                problem("TD307", self.place(("conference", "year_reviewed")), conference.year_reviewed,
                        date=held.isoformat())
            )
        if "so-ket" in conference.kinds and held.month not in HALF_YEAR_MONTHS:
            self.problems.append(problem("TD308", self.place(("conference", "date")), held.isoformat()))
        if published is None:
            return
        if held > published:
            self.problems.append(
                problem("TD311", self.place(("conference", "date")), held.isoformat(), date=published.isoformat())
            )
        if not province.existed_on(published) and not data.get("historical", False):
            successor = province.successor.name if province.successor else "kế thừa"
            self.problems.append(
                problem("TD310", self.place(("province",)), province.name,
                        until=province.until.isoformat() if province.until else "",
                        date=published.isoformat(), successor=successor)
            )


def resolve_reports(
    articles: list, registry: Registry, path_of: Callable[[Any], str]
) -> tuple[list[Report], list[Problem]]:
    """Resolve every article whose front matter passed the schema."""
    reports, problems = [], []
    for article in articles:
        if article.metadata.get("problems") or "report_data" not in article.metadata:
            continue
        resolver = ReportResolver(registry, path_of(article), article.metadata.get("report_lines", {}))
        report = resolver.resolve(article, article.metadata["report_data"])
        problems.extend(resolver.problems)
        if report is not None:
            reports.append(report)
    return reports, problems

