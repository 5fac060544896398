"""Step 3 of the pipeline: resolve the names of one report against the registry of its
province, and check what one report can check alone (dates, award levels, roles)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from ..problems import Place, Problem, problem
from ..registry.registry import NameIndex, Registry
from ..source.validation import parse_date, parse_date_or_datetime, parse_month
from ..source.yamlsource import JsonPath, field_name
from .model import (
    LEVELS,
    Award,
    Conference,
    Handover,
    Leadership,
    MeetingDate,
    Membership,
    Movement,
    Organisation,
    Province,
    Rank,
    Report,
    role_label,
)

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

    def line(self, path: JsonPath) -> int:
        """``self.place(path).line``, for the facts that keep only their line."""
        return self.where(path)[0]

    def where(self, path: JsonPath) -> tuple[int, str]:
        """The line and field of :meth:`place`, for the facts that keep them (every report
        has several, each a place that no problem names)."""
        line = self.lines.get(path)
        if line is None:
            place = self.place(path)
            return place.line, place.field
        return line, field_name(path)

    def resolve(self, article: Any, data: dict) -> Report | None:
        province = self._province(data["province"])
        if province is None:
            return None
        self._check_folder(province)
        blocs = self.registry.blocs[province.id]
        bloc = self._find(self.registry.bloc_index[province.id], data["bloc"], ("bloc",), "TD202", province,
                          accepted=lambda: ", ".join(f"«{bloc.name}»" for bloc in blocs) or "chưa có khối nào")
        conference = self._conference(data["conference"])
        published = parse_date_or_datetime(data["date"]) if "date" in data else None
        self._check_dates(province, conference, published.date() if published else None, data)
        report = Report(
            article=article,
            path=self.path,
            province=province,
            bloc=bloc,  # type: ignore[arg-type]  # None only when a problem was reported
            conference=conference,
            membership=self._membership(province, data, conference),
            leaderships=self._leaderships(province, data, bloc.kind if bloc else "khoi"),
            awards=self._awards(province, data),
            movements=self._movements(province, data),
            pact_year=data.get("pact", {}).get("year"),
            handovers=self._handovers(province, data),
            ranking=self._ranking(province, data),
            published=published.date() if published and "date" in data else None,
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

    def _check_folder(self, province: Province) -> None:
        """An article saved under another province's folder (articles/<province id>/…) would be
        listed under one province and filed under another: say so. Folders that are no
        province's id (or former id) are left alone."""
        folders = self.path.split("/")[1:-1]
        if not folders:
            return
        folder = folders[0]
        owner = self.registry.province_of_folder(folder)
        if owner is None or owner is province:
            return
        self.problems.append(problem(
            "TD313", self.place(("province",)), province.name, folder=folder, other=owner.title,
            expected=f"«{self.path.split('/')[0]}/{province.id}/»"))

    def _find(self, index: NameIndex[T], name: str, path: JsonPath, code: str,
              province: Province | None = None, accepted: Callable[[], str] = str) -> T | None:
        """The entry ``name`` names, or None with a problem; ``accepted`` says what the
        problem lists as accepted (made only for the problem)."""
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
                accepted=accepted(),
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
                found[organisation] = self.line((*path, number))
        return tuple(found), tuple(found.values())

    # Facts

    def _conference(self, data: dict) -> Conference:
        kinds = tuple(dict.fromkeys(data["kinds"]))
        reviewed = data.get("year_reviewed")
        period = None
        if reviewed is not None:
            period = data.get("period") or ("6-thang" if "so-ket" in kinds else "ca-nam")
        return Conference(
            kinds=kinds,
            date=_meeting_date(data),
            place=data.get("place", ""),
            year_reviewed=reviewed,
            period=period,
            year=reviewed if reviewed is not None else data.get("year", 0),
        )

    def _membership(self, province: Province, data: dict, conference: Conference) -> Membership | None:
        members = data.get("members")
        if members is None:
            return None
        organisations, _lines = self._organisations(province, members.get("list", []), ("members", "list"))
        return Membership(
            year=members.get("year", conference.year),
            organisations=organisations,
            count=members.get("count"),
            complete=members.get("complete", False),
            note=members.get("note", ""),
            line=self.line(("members", "count")),
        )

    def _leaderships(self, province: Province, data: dict, bloc_kind: str) -> tuple[Leadership, ...]:
        found: list[Leadership] = []
        for number, entry in enumerate(data.get("leadership", [])):
            chosen, decision = entry.get("chosen", "khong-ro"), entry.get("decision", "")
            for key, role in (("leader", "truong-khoi"), ("deputy", "pho-khoi")):
                names = entry.get(key, [])
                for index, name in enumerate([names] if isinstance(names, str) else names):
                    path: JsonPath = ("leadership", number, key) if isinstance(names, str) else \
                        ("leadership", number, key, index)
                    self._add_role(found, province, name, path, entry["year"], role, chosen, decision)
                if entry.get(f"{key}_unnamed"):
                    line, field = self.where(("leadership", number, f"{key}_unnamed"))
                    found.append(Leadership(entry["year"], role, None, chosen, line, field, decision))
        handover = data.get("handover")
        if handover:
            role = handover.get("role", "truong-khoi")
            if "from" in handover:
                self._add_role(found, province, handover["from"], ("handover", "from"), handover["year"] - 1,
                               role, "khong-ro")
            self._add_role(found, province, handover["to"], ("handover", "to"), handover["year"], role,
                           "ban-giao")
        self._check_leader_is_not_deputy(found, bloc_kind)
        return tuple(found)

    def _add_role(self, found: list[Leadership], province: Province, name: str, path: JsonPath,
                  year: int, role: str, chosen: str, decision: str = "") -> None:
        organisation = self._organisation(province, name, path)
        if organisation is None:
            return
        line, field = self.where(path)
        found.append(Leadership(year, role, organisation, chosen, line, field, decision))

    def _handovers(self, province: Province, data: dict) -> tuple[Handover, ...]:
        handover = data.get("handover")
        if not handover:
            return ()
        receiver = self._organisation(province, handover["to"], ("handover", "to"))
        giver = self._organisation(province, handover["from"], ("handover", "from")) if "from" in handover else None
        if receiver is None:
            return ()
        return (Handover(handover["year"], handover.get("role", "truong-khoi"), giver, receiver,
                         tuple(handover.get("items", ())), self.line(("handover",)),
                         self.line(("handover", "from")) if giver else 0),)

    def _ranking(self, province: Province, data: dict) -> tuple[Rank, ...]:
        ranks = []
        for number, entry in enumerate(data.get("ranking", [])):
            organisation = self._organisation(province, entry["organisation"], ("ranking", number, "organisation"))
            if organisation is not None:
                ranks.append(Rank(entry["year"], entry["rank"], organisation))
        return tuple(ranks)

    def _check_leader_is_not_deputy(self, found: list[Leadership], bloc_kind: str) -> None:
        leaders = {(entry.year, entry.organisation) for entry in found
                   if entry.role == "truong-khoi" and entry.organisation is not None}
        for entry in found:
            if entry.role == "pho-khoi" and (entry.year, entry.organisation) in leaders:
                assert entry.organisation is not None
                place = Place(self.path, entry.line, entry.field)
                self.problems.append(problem("TD302", place, entry.organisation.name, year=entry.year,
                                             leader=role_label("truong-khoi", bloc_kind),
                                             deputy=role_label("pho-khoi", bloc_kind)))

    def _awards(self, province: Province, data: dict) -> tuple[Award, ...]:
        awards = []
        for number, entry in enumerate(data.get("awards", [])):
            path: JsonPath = ("awards", number)
            award_type = authority = None
            if "type" in entry:
                award_type = self._find(self.registry.award_index, entry["type"], (*path, "type"), "TD204",
                                        accepted=lambda: ", ".join(self.registry.award_types))
            if "authority" in entry:
                authority = self._find(self.registry.authority_index, entry["authority"], (*path, "authority"),
                                       "TD205", accepted=lambda: ", ".join(self.registry.authorities))
            recipients, recipient_lines = self._organisations(province, entry.get("recipients", []),
                                                              (*path, "recipients"))
            if ("type" in entry and award_type is None) or ("authority" in entry and authority is None):
                continue
            if award_type is not None and authority is not None:
                self._check_levels(award_type, authority, (*path, "authority"))
            line, field = self.where(path)
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
                    line=line,
                    field=field,
                    recipient_lines=recipient_lines,
                    remaining_line=self.line((*path, "remaining_members")),
                    recipient_kind=entry.get("recipient_kind", "tap-the"),
                    people=tuple(entry.get("people", ())),
                )
            )
        return tuple(awards)

    def _check_levels(self, award_type: Any, authority: Any, path: JsonPath) -> None:
        # The Government's awards come from the Prime Minister, a ministry's or a central mass
        # organisation's from itself; the others from provincial or local authorities.
        mismatched = any(len({award_type.level == level, authority.level == level}) == 2
                         for level in ("national", "central"))
        if mismatched:
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
            scope = "to-chuc" if "organisation" in entry else entry.get("scope", "khoi")
            movements.append(Movement(entry["name"], organisation, entry.get("kind", "phong-trao"), scope))
        return tuple(movements)

    # Dates

    def _check_dates(self, province: Province, conference: Conference, published: datetime.date | None,
                     data: dict) -> None:
        held = conference.date.day
        shown = conference.date.value or ""
        if held is not None and conference.year_reviewed is not None and conference.year_reviewed > held.year:
            self.problems.append(
                problem("TD307", self.place(("conference", "year_reviewed")), conference.year_reviewed,
                        date=shown)
            )
        if held is not None and conference.date.precision != "not-after" and "so-ket" in conference.kinds \
                and held.month not in HALF_YEAR_MONTHS:
            self.problems.append(problem("TD308", self.place(("conference", "date")), shown))
        if published is None:
            return
        if held is not None and held > published:
            self.problems.append(
                problem("TD311", self.place(("conference", "date")), shown, date=published.isoformat())
            )
        if not province.existed_on(published) and not data.get("historical", False):
            successor = province.successor.name if province.successor else "kế thừa"
            self.problems.append(
                problem("TD310", self.place(("province",)), province.name,
                        until=province.until.isoformat() if province.until else "",
                        date=published.isoformat(), successor=successor)
            )


def _meeting_date(data: dict) -> MeetingDate:
    if "date" in data:
        day = parse_date(data["date"])
        if day is not None:
            return MeetingDate("day", day)
        return MeetingDate("month", parse_month(data["date"]))
    if "not_after" in data:
        return MeetingDate("not-after", parse_date(data["not_after"]))
    return MeetingDate("unknown")


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

