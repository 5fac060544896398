"""Results by year across provinces: the bloc-years of one year, grouped per province and
per award type, for the year pages, the per-year data and the per-year archive bundles."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from functools import cached_property

from .aggregate import Archive
from .model import STATUSES, AwardRecord, AwardType, BlocYear, Entry, Province, Report


@dataclass(eq=False)
class YearProvince(Entry):
    """One province's blocs in one year."""

    year: int
    province: Province
    bloc_years: list[BlocYear] = field(default_factory=list)
    previous: YearProvince | None = None
    next: YearProvince | None = None

    @cached_property
    def reports(self) -> list[Report]:
        # Asked for by each part of the province's year page; its bloc-years are all known
        # once years_of returns.
        return _reports(self.bloc_years)

    @property
    def award_count(self) -> int:
        return sum(len(bloc_year.awards) for bloc_year in self.bloc_years)


@dataclass(eq=False)
class AwardGroup:
    """The awards of one type in one year, per status ("de-nghi" before "da-tang")."""

    type: AwardType | None
    by_status: dict[str, list[tuple[BlocYear, AwardRecord]]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(records) for records in self.by_status.values())

    @property
    def counts(self) -> dict[str, int]:
        """How many awards of this type have each status, for every status, in their order."""
        return {status: len(self.by_status.get(status, [])) for status in STATUSES}

    @property
    def provinces(self) -> list[Province]:
        """The provinces whose blocs have an award of this type, in the year's order."""
        found = {bloc_year.bloc.province: None for records in self.by_status.values() for bloc_year, _ in records}
        return list(found)


@dataclass(eq=False)
class Year(Entry):
    year: int
    provinces: list[YearProvince] = field(default_factory=list)
    award_groups: list[AwardGroup] = field(default_factory=list)
    previous: Year | None = None
    next: Year | None = None

    @property
    def bloc_years(self) -> list[BlocYear]:
        return [bloc_year for entry in self.provinces for bloc_year in entry.bloc_years]

    @cached_property
    def reports(self) -> list[Report]:
        return _reports(self.bloc_years)  # as YearProvince.reports

    @property
    def award_count(self) -> int:
        return sum(group.count for group in self.award_groups)

    @property
    def updated(self) -> datetime.date | None:
        """The latest publication date of the reports behind the year: a date that changes
        only when the content does (the archive bundles use it as their files' time)."""
        dates = [report.date.date() for report in self.reports]
        return max(dates) if dates else None


def _reports(bloc_years: list[BlocYear]) -> list[Report]:
    reports = {report: None for bloc_year in bloc_years for report in bloc_year.reports}
    return sorted(reports, key=lambda report: (report.date, report.path))


def years_of(archive: Archive) -> list[Year]:
    """Every year that some bloc-year has, oldest first, with provinces in the archive's
    order (by id) and award types in the order they first appear."""
    years: dict[int, Year] = {}
    for record in archive.provinces:
        for bloc_record in record.blocs:
            for bloc_year in bloc_record.years.values():
                year = years.setdefault(bloc_year.year, Year(bloc_year.year))
                _province_of(year, record.province).bloc_years.append(bloc_year)
    ordered = [years[number] for number in sorted(years)]
    for year in ordered:
        year.award_groups = _award_groups(year)
    _link(ordered)
    _link_provinces(ordered)
    return ordered


def _province_of(year: Year, province: Province) -> YearProvince:
    if not year.provinces or year.provinces[-1].province is not province:
        year.provinces.append(YearProvince(year.year, province))
    return year.provinces[-1]


def _award_groups(year: Year) -> list[AwardGroup]:
    groups: dict[str, AwardGroup] = {}
    for bloc_year in year.bloc_years:
        for record in bloc_year.awards:
            award_type = record.award.type  # None: the report does not say which award
            group = groups.setdefault(award_type.code if award_type else "", AwardGroup(award_type))
            group.by_status.setdefault(record.award.status, []).append((bloc_year, record))
    for group in groups.values():
        present = group.by_status
        group.by_status = {status: present[status] for status in STATUSES if status in present}
    return list(groups.values())


def _link(years: list) -> None:
    for earlier, later in itertools.pairwise(years):
        earlier.next, later.previous = later, earlier


def _link_provinces(years: list[Year]) -> None:
    by_province: dict[Province, list[YearProvince]] = {}
    for year in years:
        for entry in year.provinces:
            by_province.setdefault(entry.province, []).append(entry)
    for entries in by_province.values():
        _link(entries)
