"""Step 4 of the pipeline: gather the reports per bloc and year, per organisation and per
province, once, and check what only several reports together can show."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from ..problems import Place, Problem, problem
from ..registry.registry import Registry
from .model import (
    AwardRecord,
    BlocRecord,
    BlocYear,
    Fact,
    Handover,
    Leadership,
    MemberRow,
    Organisation,
    OrganisationRecord,
    Province,
    ProvinceRecord,
    Report,
    role_label,
)


@dataclass
class Archive:
    """Everything the pages and the data files show."""

    provinces: list[ProvinceRecord] = field(default_factory=list)
    blocs: list[BlocRecord] = field(default_factory=list)
    organisations: list[OrganisationRecord] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def bloc_years(self) -> list[BlocYear]:
        return [year for record in self.blocs for year in record.years.values()]


def aggregate(reports: list[Report], registry: Registry) -> Archive:
    # In the order of their meetings (a meeting of unknown date first), as the pages list them.
    reports = sorted(reports, key=lambda report: (report.conference.date.latest or date.min, report.path))
    archive = Archive(reports=reports)
    blocs = {bloc: BlocRecord(bloc) for bloc in registry.all_blocs()}
    for report in reports:
        _add_report(blocs[report.bloc], report, archive.problems)
    reported = {(found.path, found.line, found.field) for found in archive.problems}
    for record in blocs.values():
        _order_years(record)
        for bloc_year in record.years.values():
            _check_members(bloc_year, archive.problems)
            _check_deputies(bloc_year, archive.problems, reported)
            _work_out_awards(bloc_year, archive.problems)
            _add_named_members(bloc_year)
        record.member_rows = _member_rows(record)
    archive.blocs = list(blocs.values())
    archive.organisations = _organisation_records(registry, archive.blocs)
    archive.provinces = _province_records(registry, archive)
    return archive


def _year(record: BlocRecord, year: int) -> BlocYear:
    if year not in record.years:
        record.years[year] = BlocYear(record.bloc, year)
    return record.years[year]


def _add_source(sources: list[Report], report: Report) -> None:
    if report not in sources:
        sources.append(report)


def _add_reported(sources: list[Report], report: Report) -> None:
    """:func:`_add_source` for the report being aggregated, without a look through the list:
    each report is aggregated once, and only its own facts are added meanwhile, so if
    ``sources`` has it already, it is the last (a bloc's years name the same reports again and
    again, and their lists grow long)."""
    if not sources or sources[-1] is not report:
        sources.append(report)


def _add_report(record: BlocRecord, report: Report, problems: list[Problem]) -> None:
    record.reports.append(report)
    report.bloc_year = _year(record, report.conference.year)
    _add_reported(report.bloc_year.reports, report)
    membership = report.membership
    if membership is not None:
        bloc_year = _year(record, membership.year)
        _add_reported(bloc_year.reports, report)
        for organisation in membership.organisations:
            _add_reported(bloc_year.members.setdefault(organisation, []), report)
        if membership.complete:
            bloc_year.complete_sources.append(report)
        if membership.count is not None:
            bloc_year.stated_counts.append(Fact(membership.count, [report]))
        if membership.note:
            _add_fact(bloc_year.member_notes, membership.note, report)
    for leadership in report.leaderships:
        _add_leadership(_year(record, leadership.year), leadership, report, problems)
    for award in report.awards:
        bloc_year = _year(record, award.year)
        _add_reported(bloc_year.reports, report)
        bloc_year.awards.append(AwardRecord(award, award.recipients, report))
    for movement in report.movements:
        _add_fact(_year(record, report.conference.year).movements, movement, report)
    for handover in report.handovers:
        bloc_year = _year(record, handover.year)
        _add_reported(bloc_year.reports, report)
        _add_handover(bloc_year, handover, report, problems)
    for rank in report.ranking:
        bloc_year = _year(record, rank.year)
        _add_reported(bloc_year.reports, report)
        _add_fact(bloc_year.ranking, rank, report)
    if report.pact_year is not None:
        bloc_year = _year(record, report.pact_year)
        _add_reported(bloc_year.pacts, report)
        _add_reported(bloc_year.reports, report)


def _add_fact(facts: list[Fact], value: object, report: Report) -> None:
    for fact in facts:
        if fact.value == value:
            _add_reported(fact.sources, report)
            return
    facts.append(Fact(value, [report]))


def _add_handover(bloc_year: BlocYear, handover: Handover, report: Report, problems: list[Problem]) -> None:
    """Two reports of one handover (the same receiver, role and year) are one fact; one that
    names the giver, or what was handed over, completes the other. Two that name different
    givers disagree (TD303); one that does not name it (unknown) disagrees with none."""
    for fact in bloc_year.handovers:
        known: Handover = fact.value
        if (known.receiver, known.role) == (handover.receiver, handover.role):
            # The leader's giver is also the leader of the year before, which _add_leadership
            # compares already: told once, there.
            if known.giver and handover.giver and known.giver is not handover.giver \
                    and handover.role != "truong-khoi":
                problems.append(_giver_disagreement(bloc_year, fact, handover, (known.giver, handover.giver), report))
            _add_reported(fact.sources, report)
            if known.giver is None or not known.items:
                fact.value = replace(known, giver=known.giver or handover.giver,
                                     giver_line=known.giver_line if known.giver else handover.giver_line,
                                     items=known.items or handover.items)
            return
    bloc_year.handovers.append(Fact(handover, [report]))


def _giver_disagreement(bloc_year: BlocYear, fact: Fact, handover: Handover,
                        givers: tuple[Organisation, Organisation], report: Report) -> Problem:
    """TD303 at the giver of ``report``'s ``handover`` (``givers[1]``), naming the reports
    that give the same handover (``fact``) the other one (``givers[0]``)."""
    known: Handover = fact.value
    naming = [source.path for source in fact.sources
              if any(other.giver is givers[0] and (other.receiver, other.role, other.year) ==
                     (known.receiver, known.role, known.year) for other in source.handovers)]
    role = role_label(known.role, bloc_year.bloc.kind)
    return problem(
        "TD303",
        Place(report.path, handover.giver_line, "handover.from"),
        givers[1].name,
        subject=f"Đơn vị bàn giao vai trò {role} năm {known.year} cho «{known.receiver.name}»",
        other_value=givers[0].name,
        other_path=", ".join(naming),
    )


def _add_leadership(bloc_year: BlocYear, leadership: Leadership, report: Report,
                    problems: list[Problem]) -> None:
    _add_reported(bloc_year.reports, report)
    if leadership.organisation is None:  # chosen, not named
        _add_reported(bloc_year.unnamed_roles.setdefault(leadership.role, []), report)
        return
    if leadership.role == "pho-khoi":
        _add_deputy(bloc_year, leadership, report)
        return
    known = bloc_year.leader
    if known is None:
        bloc_year.leader = _role_fact(leadership, report)
    elif known.value is leadership.organisation:
        _merge_role(known, leadership, report)
    else:
        problems.append(_disagreement(bloc_year, leadership, report, known))


def _add_deputy(bloc_year: BlocYear, leadership: Leadership, report: Report) -> None:
    """A bloc may have several deputies: each one named is added (a report that names only
    one of them does not contradict one that names both: :func:`_check_deputies`)."""
    for known in bloc_year.deputies:
        if known.value is leadership.organisation:
            _merge_role(known, leadership, report)
            return
    bloc_year.deputies.append(_role_fact(leadership, report))


def _role_fact(leadership: Leadership, report: Report) -> Fact:
    return Fact(leadership.organisation, [report], leadership.chosen, leadership.decision)


def _merge_role(known: Fact, leadership: Leadership, report: Report) -> None:
    _add_reported(known.sources, report)
    if known.detail == "khong-ro":
        known.detail = leadership.chosen
    if leadership.decision and not known.decision:
        known.decision = leadership.decision


def _disagreement(bloc_year: BlocYear, leadership: Leadership, report: Report, known: Fact) -> Problem:
    return problem(
        "TD303",
        Place(report.path, leadership.line, leadership.field),
        leadership.organisation.name if leadership.organisation else "",
        subject=f"{role_label(leadership.role, bloc_year.bloc.kind)} năm {bloc_year.year} của {bloc_year.bloc.word}",
        other_value=known.value.name,
        other_path=", ".join(source.path for source in known.sources),
    )


def _order_years(record: BlocRecord) -> None:
    record.years = dict(sorted(record.years.items()))
    years = list(record.years.values())
    for earlier, later in pairwise(years):
        earlier.next, later.previous = later, earlier


def _complete_list(bloc_year: BlocYear) -> set[Organisation] | None:
    if not bloc_year.members_complete:
        return None
    return {
        organisation
        for source in bloc_year.complete_sources
        for organisation in source.membership.organisations  # type: ignore[union-attr]
    }


def _check_members(bloc_year: BlocYear, problems: list[Problem]) -> None:
    members = _complete_list(bloc_year)
    if members is None:
        return
    members_source = ", ".join(source.path for source in bloc_year.complete_sources)
    for stated in bloc_year.stated_counts:
        if stated.value != len(members):
            report = stated.sources[0]
            place = Place(report.path, report.membership.line, "members.count")  # type: ignore[union-attr]
            problems.append(problem("TD304", place, stated.value, count=stated.value, listed=len(members)))
    for role, fact in bloc_year.role_facts():
        if fact.value in members:
            continue
        for report in fact.sources:
            place = _role_place(report, fact.value, role, bloc_year.year)
            problems.append(problem("TD301", place, fact.value.name, role=role_label(role, bloc_year.bloc.kind),
                                    year=bloc_year.year, members_source=members_source))
    for record in bloc_year.awards:
        award = record.award
        lines = award.recipient_lines or (award.line,) * len(award.recipients)
        for organisation, line in zip(award.recipients, lines, strict=True):
            if organisation not in members:
                place = Place(record.source.path, line, f"{award.field}.recipients")
                problems.append(problem("TD305", place, organisation.name, year=bloc_year.year))


def _role_place(report: Report, organisation: Organisation, role: str, year: int) -> Place:
    """Where ``report`` names ``organisation`` in ``role`` for ``year`` (the first place)."""
    leadership = next(entry for entry in report.leaderships
                      if entry.organisation is organisation and entry.role == role and entry.year == year)
    return Place(report.path, leadership.line, leadership.field)


def _check_deputies(bloc_year: BlocYear, problems: list[Problem], reported: set[tuple[str, int, str]]) -> None:
    """A bloc may have several deputies and a report may name fewer of them than another:
    the reports agree while one of them names every deputy that the others name. Else the
    report that names the most (the earliest of those) is compared with each other one, and
    each deputy another report names outside it is a problem (TD314), unless its place has
    one already (a handover's giver that differs from another report's, TD303)."""
    named = {report: deputies for report in bloc_year.reports
             if (deputies := [fact.value for fact in bloc_year.deputies if report in fact.sources])}
    if len(named) < 2:
        return
    reference = max(named, key=lambda report: len(named[report]))
    widest = named[reference]
    role = role_label("pho-khoi", bloc_year.bloc.kind)
    for report, deputies in named.items():
        for organisation in deputies:
            if organisation in widest:
                continue
            place = _role_place(report, organisation, "pho-khoi", bloc_year.year)
            if (place.path, place.line, place.field) not in reported:
                problems.append(problem("TD314", place, organisation.name, role=role, year=bloc_year.year,
                                        other_path=reference.path,
                                        others=", ".join(f"«{other.name}»" for other in widest)))


def _work_out_awards(bloc_year: BlocYear, problems: list[Problem]) -> None:
    """"Các đơn vị còn lại": the members that the same report names in no other award."""
    members = _complete_list(bloc_year)
    for record in bloc_year.awards:
        if not record.award.remaining_members:
            continue
        if members is None:
            line = record.award.remaining_line or record.award.line
            place = Place(record.source.path, line, f"{record.award.field}.remaining_members")
            problems.append(problem("TD306", place, "true", year=bloc_year.year))
            continue
        named = {
            organisation
            for other in bloc_year.awards
            if other.source is record.source and other is not record
            for organisation in other.award.recipients
        }
        remaining = [organisation for organisation in bloc_year.members if organisation in members
                     and organisation not in named and organisation not in record.award.recipients]
        record.recipients = (*record.award.recipients, *remaining)


def _add_named_members(bloc_year: BlocYear) -> None:
    """Where no report gives the whole list, whoever a report shows acting in the bloc
    (leader, deputy, award recipient, movement) is a member named in reports."""
    if bloc_year.members_complete:
        return
    named: list[tuple[Organisation, Report]] = []
    for _role, fact in bloc_year.role_facts():
        named.extend((fact.value, report) for report in fact.sources)
    for fact in bloc_year.handovers:
        named.extend((fact.value.receiver, report) for report in fact.sources)
    for fact in bloc_year.ranking:
        named.extend((fact.value.organisation, report) for report in fact.sources)
    for record in bloc_year.awards:
        named.extend((organisation, record.source) for organisation in record.recipients)
    for fact in bloc_year.movements:
        if fact.value.organisation is not None:
            named.extend((fact.value.organisation, report) for report in fact.sources)
    for organisation, report in named:
        _add_source(bloc_year.members.setdefault(organisation, []), report)


def _member_rows(record: BlocRecord) -> list[MemberRow]:
    organisations: dict[Organisation, None] = {}
    for bloc_year in record.years.values():
        organisations.update(dict.fromkeys(bloc_year.members))
    return [
        MemberRow(organisation,
                  tuple(_member_cell(bloc_year, organisation) for bloc_year in record.years.values()))
        for organisation in organisations
    ]


def _member_cell(bloc_year: BlocYear, organisation: Organisation) -> str:
    if organisation in bloc_year.members:
        return "member" if bloc_year.members_complete else "named"
    return "absent" if bloc_year.members_complete else "unknown"


def _organisation_records(registry: Registry, blocs: list[BlocRecord]) -> list[OrganisationRecord]:
    records = {organisation: OrganisationRecord(organisation)
               for organisation in registry.all_organisations()}
    for bloc_record in blocs:
        for bloc_year in bloc_record.years.values():
            for organisation in bloc_year.members:
                records[organisation].bloc_years.append(bloc_year)
            for role, fact in bloc_year.role_facts():
                records[fact.value].roles.append((bloc_year, role, fact))
            for fact in bloc_year.handovers:
                for organisation in dict.fromkeys((fact.value.giver, fact.value.receiver)):
                    if organisation is not None:
                        records[organisation].handovers.append((bloc_year, fact))
            for fact in bloc_year.ranking:
                records[fact.value.organisation].ranks.append((bloc_year, fact))
            for award in bloc_year.awards:
                for organisation in award.recipients:
                    records[organisation].awards.append((bloc_year, award))
            for fact in bloc_year.movements:
                if fact.value.organisation is not None:
                    records[fact.value.organisation].movements.append((bloc_year, fact))
    for record in records.values():
        record.bloc_years.sort(key=lambda bloc_year: (bloc_year.year, bloc_year.bloc.name))
        record.roles.sort(key=lambda entry: (entry[0].year, entry[1]))
        record.awards.sort(key=lambda entry: (entry[0].year, entry[1].award.type.code if entry[1].award.type else ""))
    return list(records.values())


def _province_records(registry: Registry, archive: Archive) -> list[ProvinceRecord]:
    records: dict[Province, ProvinceRecord] = {
        province: ProvinceRecord(province) for province in registry.provinces.values()
    }
    for bloc_record in archive.blocs:
        records[bloc_record.bloc.province].blocs.append(bloc_record)
        records[bloc_record.bloc.province].reports.extend(bloc_record.reports)
    for organisation_record in archive.organisations:
        records[organisation_record.organisation.province].organisations.append(organisation_record)
    return sorted(records.values(), key=lambda record: record.province.id)

