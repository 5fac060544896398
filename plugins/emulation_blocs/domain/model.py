"""The data model: reference data from the registry, observations from reports, and the
aggregates built from them. Plain data classes; the logic lives in the pipeline modules."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

# Vietnamese labels of the enumerated codes, for pages and data.
CONFERENCE_KINDS = {
    "tong-ket": "Tổng kết năm",
    "so-ket": "Sơ kết 6 tháng",
    "trien-khai": "Triển khai nhiệm vụ",
    "ky-ket-giao-uoc": "Ký kết giao ước thi đua",
    "ban-giao": "Bàn giao Khối trưởng",
}
ROLES = {"truong-khoi": "Khối trưởng", "pho-khoi": "Khối phó"}
CHOSEN = {
    "bau": "bầu",
    "suy-ton": "suy tôn",
    "de-cu": "đề cử",
    "phan-cong": "phân công",
    "luan-phien": "luân phiên",
    "ban-giao": "nhận bàn giao",
    "khong-ro": "không nêu cách chọn",
}
STATUSES = {"de-nghi": "Đề nghị", "da-tang": "Đã tặng"}
LEVELS = {"national": "Trung ương", "province": "tỉnh", "organisation": "cơ quan, tổ chức"}
BLOC_KINDS = {"khoi": "Khối thi đua", "cum": "Cụm thi đua"}


@dataclass(eq=False)
class Entry:
    """Something with a page: its URL and file name are set by the generator."""

    url: str = field(default="", init=False)
    save_as: str = field(default="", init=False)
    feed_url: str = field(default="", init=False)  # its Atom feed, where it has one


@dataclass(eq=False)
class Province(Entry):
    id: str
    name: str
    aliases: tuple[str, ...]
    papers: tuple[str, ...]
    until: datetime.date | None
    successor_id: str | None
    registry_file: str
    # Ids this province had before (their URLs redirect here), and the act that merged it.
    former_ids: tuple[str, ...] = ()
    merged_by: str = ""
    successor: Province | None = field(default=None, init=False)
    predecessors: list[Province] = field(default_factory=list, init=False)

    @property
    def slug(self) -> str:
        return self.id

    def existed_on(self, day: datetime.date) -> bool:
        return self.until is None or day <= self.until


@dataclass(eq=False)
class Bloc(Entry):
    id: str
    province: Province
    kind: str
    number: str | None
    name: str
    aliases: tuple[str, ...]
    former_names: tuple[str, ...]
    # Ids the bloc had before a rename (their URLs redirect to the current ones).
    former_ids: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return self.id

    @property
    def kind_label(self) -> str:
        return BLOC_KINDS[self.kind]


@dataclass(eq=False)
class Organisation(Entry):
    id: str
    province: Province
    name: str
    aliases: tuple[str, ...]
    former_names: tuple[str, ...]
    kind: str
    former_ids: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return self.id


@dataclass(frozen=True)
class AwardType:
    code: str
    name: str
    level: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Authority:
    code: str
    name: str
    level: str
    aliases: tuple[str, ...]


# Observations: what one report says, with names resolved.


@dataclass(frozen=True)
class Conference:
    kinds: tuple[str, ...]
    date: datetime.date
    place: str
    year_reviewed: int
    period: str

    @property
    def kind_labels(self) -> list[str]:
        return [CONFERENCE_KINDS[kind] for kind in self.kinds]


@dataclass(frozen=True)
class Membership:
    year: int
    organisations: tuple[Organisation, ...]
    count: int | None
    complete: bool
    note: str
    line: int


@dataclass(frozen=True)
class Leadership:
    year: int
    role: str
    organisation: Organisation
    chosen: str
    line: int
    field: str


@dataclass(frozen=True)
class Award:
    type: AwardType
    authority: Authority
    recipients: tuple[Organisation, ...]
    count: int | None
    remaining_members: bool
    year: int
    status: str
    as_written: str
    decision: str
    line: int
    field: str
    recipient_lines: tuple[int, ...] = ()  # the line of each recipient, for problems
    remaining_line: int = 0  # the line of ``remaining_members``

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]


@dataclass(frozen=True)
class Movement:
    name: str
    organisation: Organisation | None


@dataclass(eq=False)
class Report:
    """One article's facts. ``article`` is Pelican's content object: its URL is the source link."""

    article: Any
    path: str
    province: Province
    bloc: Bloc
    conference: Conference
    membership: Membership | None
    leaderships: tuple[Leadership, ...]
    awards: tuple[Award, ...]
    movements: tuple[Movement, ...]
    pact_year: int | None
    bloc_year: BlocYear | None = field(default=None, init=False)  # of the year reviewed

    @cached_property
    def url(self) -> str:
        # Pelican works an article's URL out again at every access; pages link each report many times.
        return self.article.url

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def date(self) -> datetime.datetime:
        return self.article.date


# Aggregates


@dataclass(eq=False)
class Fact:
    """A value with the reports that state it."""

    value: Any
    sources: list[Report] = field(default_factory=list)
    detail: str = ""


@dataclass(eq=False)
class AwardRecord:
    """An award of one bloc-year, with its recipients worked out (``remaining_members``
    becomes the members not named elsewhere in the same report's awards)."""

    award: Award
    recipients: tuple[Organisation, ...]
    source: Report


@dataclass(eq=False)
class BlocYear(Entry):
    bloc: Bloc
    year: int
    members: dict[Organisation, list[Report]] = field(default_factory=dict)
    complete_sources: list[Report] = field(default_factory=list)
    stated_counts: list[Fact] = field(default_factory=list)
    member_notes: list[Fact] = field(default_factory=list)
    leader: Fact | None = None
    deputy: Fact | None = None
    awards: list[AwardRecord] = field(default_factory=list)
    movements: list[Fact] = field(default_factory=list)
    pacts: list[Report] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    previous: BlocYear | None = None
    next: BlocYear | None = None

    @property
    def members_complete(self) -> bool:
        return bool(self.complete_sources)

    @property
    def stated_count(self) -> int | None:
        return self.stated_counts[0].value if self.stated_counts else None


@dataclass(frozen=True)
class MemberRow:
    """One organisation across the years of a bloc: per year "member" (in a complete list),
    "named" (named in a report), "absent" (not in a complete list) or "unknown"."""

    organisation: Organisation
    cells: tuple[str, ...]


@dataclass(eq=False)
class BlocRecord:
    bloc: Bloc
    years: dict[int, BlocYear] = field(default_factory=dict)
    reports: list[Report] = field(default_factory=list)
    member_rows: list[MemberRow] = field(default_factory=list)

    @property
    def latest_members(self) -> BlocYear | None:
        with_members = [year for year in self.years.values() if year.members]
        return with_members[-1] if with_members else None


@dataclass(eq=False)
class OrganisationRecord:
    organisation: Organisation
    bloc_years: list[BlocYear] = field(default_factory=list)
    roles: list[tuple[BlocYear, str, Fact]] = field(default_factory=list)
    awards: list[tuple[BlocYear, AwardRecord]] = field(default_factory=list)
    movements: list[tuple[BlocYear, Fact]] = field(default_factory=list)

    @property
    def mentioned(self) -> bool:
        """Whether a report names the organisation: as a member, a leader or deputy, a
        recipient of an award or the organiser of a movement. Only such an organisation has a
        page; the registry's others are listed by name."""
        return bool(self.bloc_years or self.roles or self.awards or self.movements)


@dataclass(eq=False)
class ProvinceRecord:
    province: Province
    blocs: list[BlocRecord] = field(default_factory=list)
    organisations: list[OrganisationRecord] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
