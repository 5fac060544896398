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
    "ban-giao": "Bàn giao",
}
# The kinds that review a period: only they have a year reviewed.
REVIEW_KINDS = ("tong-ket", "so-ket")
# Role codes stay "truong-khoi"/"pho-khoi" for both kinds of bloc; the words follow the kind.
ROLES = {"truong-khoi": "Khối trưởng", "pho-khoi": "Khối phó"}
BLOC_WORDS = {"khoi": "khối", "cum": "cụm"}
PROVINCE_KINDS = {"tinh": "tỉnh", "thanh-pho": "thành phố"}
MOVEMENT_KINDS = {
    "phong-trao": "Phong trào",
    "mo-hinh": "Mô hình",
    "cuoc-van-dong": "Cuộc vận động",
    "chu-de": "Chủ đề thi đua",
    "quy": "Quỹ",
}
MOVEMENT_SCOPES = {"khoi": "của khối", "tinh": "chung của tỉnh", "toan-quoc": "toàn quốc"}
RECIPIENT_KINDS = {"tap-the": "tập thể", "ca-nhan": "cá nhân"}
RANKS = {1: "Nhất", 2: "Nhì", 3: "Ba"}
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
LEVELS = {"national": "Trung ương", "central": "bộ, ngành, đoàn thể Trung ương", "province": "tỉnh",
          "organisation": "cơ quan, tổ chức"}
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
    kind: str = "tinh"  # tinh | thanh-pho (a centrally-run city)
    successor: Province | None = field(default=None, init=False)
    predecessors: list[Province] = field(default_factory=list, init=False)

    @property
    def slug(self) -> str:
        return self.id

    def existed_on(self, day: datetime.date) -> bool:
        return self.until is None or day <= self.until

    @property
    def word(self) -> str:
        """"tỉnh" or "thành phố", for running text."""
        return PROVINCE_KINDS[self.kind]

    @cached_property  # on nearly every page, several times; a registry's province never changes
    def title(self) -> str:
        """"tỉnh Bắc Kạn", "thành phố Hà Nội"; a name that already says it stays as it is
        ("Thành phố Hồ Chí Minh")."""
        if self.name.lower().startswith(self.word):
            return self.name
        return f"{self.word} {self.name}"

    @cached_property
    def heading(self) -> str:
        """:attr:`title` with a capital, to open a sentence or a title."""
        return self.title[:1].upper() + self.title[1:]


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

    @property
    def word(self) -> str:
        """"khối" or "cụm", for running text."""
        return BLOC_WORDS[self.kind]

    @property
    def leader_label(self) -> str:
        return role_label("truong-khoi", self.kind)

    @property
    def deputy_label(self) -> str:
        return role_label("pho-khoi", self.kind)


def role_label(role: str, bloc_kind: str = "khoi") -> str:
    """"Khối trưởng", "Cụm phó", …: the role's words follow the kind of bloc."""
    label = ROLES[role]
    return label.replace("Khối", "Cụm") if bloc_kind == "cum" else label


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
    city_name: str = ""  # the name in a centrally-run city ("… của UBND Thành phố"), if it differs

    def name_in(self, province: Province) -> str:
        return self.city_name if province.kind == "thanh-pho" and self.city_name else self.name


@dataclass(frozen=True)
class Authority:
    code: str
    name: str
    level: str
    aliases: tuple[str, ...]
    city_name: str = ""

    def name_in(self, province: Province) -> str:
        return self.city_name if province.kind == "thanh-pho" and self.city_name else self.name


# Observations: what one report says, with names resolved.


@dataclass(frozen=True)
class MeetingDate:
    """When a conference was held, as far as the report tells: the day, only the month
    (``day`` is then the month's first day), no later than a day, or not at all."""

    precision: str  # day | month | not-after | unknown
    day: datetime.date | None = None

    @property
    def known_day(self) -> datetime.date | None:
        """The day, only when the report gives it exactly."""
        return self.day if self.precision == "day" else None

    @property
    def latest(self) -> datetime.date | None:
        """The last day the meeting can have been held on (None when unknown)."""
        if self.day is None:
            return None
        if self.precision == "month":
            following = datetime.date(self.day.year + self.day.month // 12, self.day.month % 12 + 1, 1)
            return following - datetime.timedelta(days=1)
        return self.day

    @property
    def iso(self) -> str:
        """For a ``<time datetime>``: a day or a month (HTML accepts both), else ""."""
        if self.day is None or self.precision == "not-after":
            return ""
        return self.day.isoformat()[:7] if self.precision == "month" else self.day.isoformat()

    @property
    def label(self) -> str:
        """The date as the pages write it."""
        if self.day is None:
            return "không rõ ngày họp"
        if self.precision == "month":
            return f"tháng {self.day.month}/{self.day.year}"
        if self.precision == "not-after":
            return f"không muộn hơn ngày {self.day:%d/%m/%Y}"
        return f"{self.day:%d/%m/%Y}"

    @property
    def value(self) -> str | None:
        """For the open data: "2020-12-29", "2020-12", "<=2021-01-26" or None."""
        if self.day is None:
            return None
        if self.precision == "not-after":
            return f"<={self.day.isoformat()}"
        return self.iso


@dataclass(frozen=True)
class Conference:
    kinds: tuple[str, ...]
    date: MeetingDate
    place: str
    year_reviewed: int | None  # only for a review (tong-ket, so-ket)
    period: str | None  # only for a review
    year: int  # the year the meeting is for: the year reviewed, else the pact's or handover's year

    @property
    def kind_labels(self) -> list[str]:
        return [CONFERENCE_KINDS[kind] for kind in self.kinds]

    @property
    def reviews(self) -> bool:
        return self.year_reviewed is not None


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
    """A leader or deputy of one year; ``organisation`` is None when the report says one
    was chosen but does not name it."""

    year: int
    role: str
    organisation: Organisation | None
    chosen: str
    line: int
    field: str
    decision: str = ""  # the number of the decision that appointed it, when known


@dataclass(frozen=True)
class Handover:
    """The leader's (or deputy's) role handed over at a conference: ``receiver`` takes it
    for ``year``; ``giver`` (None when the report does not name it) held it the year before."""

    year: int
    role: str
    giver: Organisation | None
    receiver: Organisation
    items: tuple[str, ...]  # what was handed over, as written ("Cờ luân lưu", "hồ sơ")
    line: int
    giver_line: int = 0  # the line of ``from``, for problems (0 without a giver)


@dataclass(frozen=True)
class Rank:
    """A place in the bloc's own ranking of its members (nhất, nhì, ba…): not an award."""

    year: int
    rank: int
    organisation: Organisation

    @property
    def label(self) -> str:
        return RANKS.get(self.rank, f"Hạng {self.rank}")


@dataclass(frozen=True)
class Award:
    type: AwardType | None  # None: the report does not say which award
    authority: Authority | None  # None: the report does not say who grants it
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
    recipient_kind: str = "tap-the"  # tap-the (collectives) | ca-nhan (individuals)
    people: tuple[str, ...] = ()  # individuals' names as written

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]


@dataclass(frozen=True)
class Movement:
    """A movement, model, campaign, theme or fund; without an organisation it belongs to
    the bloc, the province or the whole country (``scope``)."""

    name: str
    organisation: Organisation | None
    kind: str = "phong-trao"
    scope: str = "khoi"  # khoi | tinh | toan-quoc; "to-chuc" when an organisation runs it

    @property
    def kind_label(self) -> str:
        return MOVEMENT_KINDS[self.kind]


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
    handovers: tuple[Handover, ...] = ()
    ranking: tuple[Rank, ...] = ()
    published: datetime.date | None = None  # None: the report's publication date is not known
    bloc_year: BlocYear | None = field(default=None, init=False)  # of the year the meeting is for

    @cached_property
    def url(self) -> str:
        # Pelican works an article's URL out again at every access; pages link each report many times.
        return self.article.url

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def date(self) -> datetime.datetime:
        """The date the report is listed under: its publication date, or when that is not
        known the meeting's latest possible day (see docs/content-model.md)."""
        return self.article.date

    @property
    def date_known(self) -> bool:
        return self.published is not None


# Aggregates


@dataclass(eq=False)
class Fact:
    """A value with the reports that state it."""

    value: Any
    sources: list[Report] = field(default_factory=list)
    detail: str = ""
    decision: str = ""  # for a leader or deputy: the number of the decision appointing it


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
    deputies: list[Fact] = field(default_factory=list)
    # Roles a report says were filled without naming who ("bầu Khối phó"): role code → reports.
    unnamed_roles: dict[str, list[Report]] = field(default_factory=dict)
    handovers: list[Fact] = field(default_factory=list)  # Fact(Handover)
    ranking: list[Fact] = field(default_factory=list)  # Fact(Rank)
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

    @property
    def deputy(self) -> Fact | None:
        """The first deputy (a bloc usually has one)."""
        return self.deputies[0] if self.deputies else None

    def role_facts(self) -> list[tuple[str, Fact]]:
        """Every named leader and deputy with its role code."""
        found = [("truong-khoi", self.leader)] if self.leader else []
        return found + [("pho-khoi", fact) for fact in self.deputies]


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
    handovers: list[tuple[BlocYear, Fact]] = field(default_factory=list)  # given or received
    ranks: list[tuple[BlocYear, Fact]] = field(default_factory=list)
    awards: list[tuple[BlocYear, AwardRecord]] = field(default_factory=list)
    movements: list[tuple[BlocYear, Fact]] = field(default_factory=list)

    @property
    def mentioned(self) -> bool:
        """Whether a report names the organisation: as a member, a leader or deputy, a
        recipient of an award or the organiser of a movement. Only such an organisation has a
        page; the registry's others are listed by name."""
        return bool(self.bloc_years or self.roles or self.awards or self.movements)

    @property
    def award_records(self) -> list[AwardRecord]:
        """The awards of :attr:`awards` without their bloc-years, in the same order."""
        return [award for _bloc_year, award in self.awards]


@dataclass(eq=False)
class ProvinceRecord:
    province: Province
    blocs: list[BlocRecord] = field(default_factory=list)
    organisations: list[OrganisationRecord] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
