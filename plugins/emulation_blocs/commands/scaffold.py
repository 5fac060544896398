"""``python -m emulation_blocs new``: the skeleton of a new report.

Given a province, a bloc, a kind of conference and a date (as options, or asked for on a
terminal), it writes ``content/articles/<province>/<year>/<date>-<slug>.md`` with front
matter filled in from what is already known — the registry's names and paper, the members
of the latest year that has a list, the leader and deputy of the year reviewed — and a
Vietnamese comment on every field. It never replaces an existing file.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pelican.settings import read_settings

from ..domain.aggregate import Archive
from ..domain.model import CHOSEN, CONFERENCE_KINDS, REVIEW_KINDS, Bloc, BlocYear, Fact, Organisation, Province, Report
from ..domain.pipeline import load_site_registry
from ..registry.names import fold_words
from ..registry.registry import Registry
from ..settings import apply_defaults
from ..source.field_rules import PLACEHOLDER_BODY
from ..source.validation import parse_date
from .check import read_archive

Ask = Callable[[str], str]

# How a title names each kind of conference.
TITLE_WORDS = {
    "tong-ket": "tổng kết",
    "so-ket": "sơ kết 6 tháng",
    "trien-khai": "triển khai nhiệm vụ",
    "ky-ket-giao-uoc": "ký kết giao ước thi đua",
    "ban-giao": "bàn giao {leader}",
}
_PROVINCE_WORD = fold_words("tỉnh")

Entry = TypeVar("Entry", Province, Bloc)  # what a name may be looked up as


class ScaffoldError(Exception):
    """A request that cannot give a valid report; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Request:
    """What the writer asked for; ``None`` where nothing was given."""

    province: str | None = None
    bloc: str | None = None
    kind: str | None = None
    date: str | None = None
    author: str | None = None
    paper: str | None = None


@dataclass(frozen=True)
class MemberList:
    """The members one year's reports list (in ``members.list``), complete or not."""

    year: int
    organisations: tuple[Organisation, ...]
    complete: bool
    sources: tuple[Report, ...]
    stated_count: int | None

    @classmethod
    def of(cls, bloc_year: BlocYear) -> MemberList | None:
        sources = tuple(report for report in bloc_year.reports if _lists_members(report, bloc_year.year))
        if not sources:
            return None
        if bloc_year.members_complete:
            organisations = tuple(bloc_year.members)
        else:
            organisations = tuple(dict.fromkeys(organisation for report in sources if report.membership
                                                for organisation in report.membership.organisations))
        return cls(bloc_year.year, organisations, bloc_year.members_complete, sources, bloc_year.stated_count)


def _lists_members(report: Report, year: int) -> bool:
    return report.membership is not None and report.membership.year == year and bool(report.membership.organisations)


@dataclass(frozen=True)
class Draft:
    """Everything the new file says, worked out before it is written."""

    province: Province
    bloc: Bloc
    kind: str
    date: datetime.date
    author: str | None  # None: the writer fills it in, or leaves it out when the report has no byline
    paper: str
    year: int  # the year reviewed for a review, else the year the meeting is for
    members: MemberList | None  # the latest list of members, up to that year
    current: BlocYear | None  # that year, if reports already speak of it
    earlier_leaders: BlocYear | None  # the latest earlier year with a leader or deputy

    @property
    def reviews(self) -> bool:
        return self.kind in REVIEW_KINDS

    @property
    def relative_path(self) -> str:
        slug = f"{self.province.id}-{self.bloc.id}-{self.kind}-{self.year}"
        return f"{self.province.id}/{self.date.year}/{self.date.isoformat()}-{slug}.md"

    @property
    def title(self) -> str:
        name = self.bloc.name
        if fold_words(name)[-1:] == _PROVINCE_WORD:
            name = f"{name} {self.province.name}"
        words = TITLE_WORDS[self.kind].format(leader=self.bloc.leader_label)
        return f"{name} {words} năm {self.year}"


def guess_year(kind: str, day: datetime.date) -> int:
    """The year a meeting is about. A half-year review looks at its own year; a year review
    held from July on looks at that year, one held in January–June at the year before (they
    meet Nov–Feb). A meeting that reviews nothing (a pact signing, a handover, a launch) is
    for its own year, or for the next one when held in November or December."""
    if kind in REVIEW_KINDS:
        if kind == "so-ket" or day.month >= 7:
            return day.year
        return day.year - 1
    return day.year + 1 if day.month >= 11 else day.year


def plan(registry: Registry, archive: Archive, settings: Mapping[str, Any], request: Request) -> Draft:
    """The draft for a complete request (every choice given or defaulted)."""
    province = find_province(registry, str(request.province))
    bloc = find_bloc(registry, province, str(request.bloc))
    kind = str(request.kind)
    if kind not in TITLE_WORDS:
        raise ScaffoldError(f"Loại hội nghị «{kind}» không có; chọn một trong: {', '.join(TITLE_WORDS)}.")
    day = read_date(str(request.date))
    if not province.existed_on(day):
        successor = province.successor.name if province.successor else "tỉnh kế thừa"
        until = province.until.strftime("%d/%m/%Y") if province.until else ""
        raise ScaffoldError(f"Tỉnh {province.name} chỉ tồn tại đến {until}; bài ngày {day:%d/%m/%Y} "
                            f"xếp vào tỉnh {successor}.")
    paper = request.paper or next(iter(province.papers), "")
    if not paper:
        raise ScaffoldError(f"Danh mục chưa ghi báo của tỉnh {province.name}: cho biết tên báo bằng --paper.")
    year = guess_year(kind, day)
    years = next(record for record in archive.blocs if record.bloc is bloc).years
    return Draft(
        province=province, bloc=bloc, kind=kind, date=day, year=year, paper=paper,
        author=request.author or settings.get("AUTHOR") or None,
        members=next((found for found in map(MemberList.of, _down_from(years, year)) if found), None),
        current=years.get(year),
        earlier_leaders=next((entry for entry in _down_from(years, year - 1) if entry.leader or entry.deputy), None),
    )


def _down_from(years: dict[int, BlocYear], year: int) -> Iterator[BlocYear]:
    """The bloc's years from ``year`` back to the first."""
    return (years[known] for known in sorted(years, reverse=True) if known <= year)


def find_province(registry: Registry, name: str) -> Province:
    found = registry.provinces.get(name) or _only(registry.province_index.find(name), name)
    if found is None:
        known = ", ".join(province.name for province in registry.provinces.values())
        raise ScaffoldError(f"Tỉnh «{name}» không có trong danh mục.{registry.province_index.suggest(name)} "
                            f"Các tỉnh: {known}.")
    return found


def find_bloc(registry: Registry, province: Province, name: str) -> Bloc:
    by_id = {bloc.id: bloc for bloc in registry.blocs[province.id]}
    index = registry.bloc_index[province.id]
    found = by_id.get(name) or _only(index.find(name), name)
    if found is None:
        known = "; ".join(bloc.name for bloc in registry.blocs[province.id]) or "chưa có khối nào"
        raise ScaffoldError(f"Khối «{name}» không có trong danh mục tỉnh {province.name}.{index.suggest(name)} "
                            f"Các khối: {known}.")
    return found


def _only(found: list[Entry], name: str) -> Entry | None:
    if len(found) > 1:
        raise ScaffoldError(f"Tên «{name}» khớp với nhiều mục: {', '.join(entry.name for entry in found)}.")
    return found[0] if found else None


def read_date(text: str) -> datetime.date:
    day = parse_date(text.strip())
    if day is None:
        try:
            day = datetime.datetime.strptime(text.strip(), "%d/%m/%Y").date()
        except ValueError:
            raise ScaffoldError(f"Ngày «{text}» không hợp lệ; viết NĂM-THÁNG-NGÀY, ví dụ 2021-12-28.") from None
    return day


# Writing


def render(draft: Draft) -> str:
    """The new file: front matter with a comment on every field, and a body to replace."""
    lines = [
        "---",
        "# Tiêu đề bài, như tờ báo đặt (sửa lại cho đúng bài).",
        f"title: {_scalar(draft.title)}",
        "# Ngày báo đăng bài, NĂM-THÁNG-NGÀY (có thể thêm giờ: 2021-12-30 14:30).",
        "# Bỏ dòng này nếu bản báo còn lại không ghi ngày đăng: trang sẽ ghi «không rõ ngày đăng».",
        f"date: {draft.date.isoformat()}",
        *_author(draft),
        "# Tóm tắt một hai câu, hiện ở danh sách tin (không bắt buộc).",
        "# summary: …",
        "# Nguồn của bài.",
        "source:",
        "  # Tờ báo đã đăng bài; «url» là địa chỉ bài gốc nếu biết.",
        f"  paper: {_scalar(draft.paper)}",
        "  # url: https://…",
        f"# Tỉnh và khối, viết như trong danh mục ({draft.province.registry_file}).",
        f"province: {_scalar(draft.province.name)}",
        f"bloc: {_scalar(draft.bloc.name)}",
        "# Hội nghị mà bài đưa tin.",
        "conference:",
        "  # Các loại của hội nghị: tong-ket (tổng kết năm), so-ket (sơ kết 6 tháng), trien-khai",
        f"  # (triển khai nhiệm vụ), ky-ket-giao-uoc (ký kết giao ước), ban-giao (bàn giao {draft.bloc.leader_label}).",
        f"  kinds: [{draft.kind}]",
        "  # Ngày họp; báo thường ghi «ngày 29/12»: năm lấy theo ngày đăng. Chỉ biết tháng: 2020-12.",
        "  # Bài không nêu ngày họp: bỏ dòng này (hoặc thay bằng «not_after: …» nếu bài chỉ cho biết",
        "  # hội nghị họp không muộn hơn ngày nào).",
        f"  date: {draft.date.isoformat()}",
        "  # Nơi họp (không bắt buộc).",
        "  # place: …",
        *_conference_year(draft),
        *_members(draft),
        *_leadership(draft),
        *_optional_blocks(draft),
        "---",
        f"{PLACEHOLDER_BODY}: thời gian, địa điểm, kết quả thi đua, khen thưởng, {draft.bloc.leader_label} năm sau.",
        "",
    ]
    return "\n".join(lines)


def _author(draft: Draft) -> list[str]:
    lines = ["# Tác giả, như ghi dưới bài báo; bỏ trống (giữ dấu #) nếu bài không ghi tác giả."]
    return [*lines, f"author: {_scalar(draft.author)}" if draft.author else "# author: …"]


def _conference_year(draft: Draft) -> list[str]:
    if draft.reviews:
        return [
            "  # Năm được tổng kết: tổng kết năm N họp từ tháng 11 năm N đến tháng 2 năm N+1.",
            f"  year_reviewed: {draft.year}",
            "  # Kỳ: ca-nam (cả năm) hoặc 6-thang (sơ kết 6 tháng).",
            f"  period: {'6-thang' if draft.kind == 'so-ket' else 'ca-nam'}",
        ]
    return [
        "  # Hội nghị không tổng kết năm nào: ghi năm mà hội nghị hướng tới (năm của giao ước, năm",
        "  # đơn vị nhận bàn giao bắt đầu làm trưởng). Họp tháng 11, 12 thường là cho năm sau.",
        f"  year: {draft.year}",
    ]


def _members(draft: Draft) -> list[str]:
    source = draft.members
    year = draft.year
    if source is None:
        return [
            f"# Thành viên khối năm {year}: các bài trước chưa nêu; ghi các tổ chức bài báo nêu tên.",
            "# members:",
            "#   list:",
            "#     - …",
            "#   complete: false",
        ]
    members = source.organisations
    # A complete list that lacks this year's leader or deputy has changed: do not claim it.
    complete = source.complete and all(fact.value in members for fact in _roles(draft.current) if fact is not None)
    sources = ", ".join(report.path for report in source.sources)
    lines = [
        f"# Thành viên khối năm {year}. Danh sách chép từ năm {source.year} ({sources}): sửa theo bài báo.",
        "members:",
        "  # Năm của danh sách thành viên (thường là năm của hội nghị).",
        f"  year: {year}",
        "  # Tên tổ chức, viết như trong danh mục hoặc bằng một tên gọi khác có trong «aliases».",
        "  list:",
        *(f"    - {_scalar(organisation.name)}" for organisation in members),
        "  # true: danh sách trên là toàn bộ thành viên khối; false: chỉ là các tổ chức bài báo nêu tên.",
        f"  complete: {'true' if complete else 'false'}",
        "  # Số thành viên nếu bài báo ghi (không bắt buộc).",
    ]
    stated = source.stated_count
    lines.append(f"  # count: {stated}" if stated is not None else "  # count: …")
    return lines


def _roles(bloc_year: BlocYear | None) -> tuple[Fact | None, Fact | None]:
    return (bloc_year.leader, bloc_year.deputy) if bloc_year else (None, None)


def _leadership(draft: Draft) -> list[str]:
    year = draft.year
    leader, deputy = _roles(draft.current)
    bloc = draft.bloc
    lines = [f"# {bloc.leader_label}, {bloc.deputy_label} từng năm; cách chọn (chosen): {', '.join(CHOSEN)}.",
             "# Nhiều phó: «deputy: [tên 1, tên 2]»; bầu phó mà bài không nêu tên: «deputy_unnamed: true»;",
             "# số quyết định công nhận (nếu bài nêu): «decision: 123/QĐ-UBND»."]
    if leader is None and deputy is None:
        return [*lines, *_earlier_leaders(draft), "# leadership:", f"#   - year: {year}", "#     leader: …",
                "#     deputy: …"]
    lines += ["leadership:", f"  - year: {year}"]
    for key, fact in (("leader", leader), ("deputy", deputy)):
        if fact is not None:
            lines.append(f"    {key}: {_scalar(fact.value.name)}")
    chosen = next((fact.detail for fact in (leader, deputy) if fact is not None and fact.detail), "khong-ro")
    return [*lines, f"    chosen: {chosen}",
            f"  # {bloc.leader_label}, {bloc.deputy_label} năm sau, nếu hội nghị đã bầu hoặc suy tôn:",
            f"  # - year: {year + 1}", "  #   leader: …", "  #   deputy: …"]


def _earlier_leaders(draft: Draft) -> list[str]:
    earlier = draft.earlier_leaders
    leader_label = draft.bloc.leader_label
    if earlier is None:
        return [f"# Các bài trước chưa nêu {leader_label} năm {draft.year}."]
    leader, deputy = _roles(earlier)
    said = "; ".join(f"{role} là {fact.value.name}" for role, fact in ((leader_label, leader),
                                                                     (draft.bloc.deputy_label, deputy)) if fact)
    return [f"# Các bài trước chưa nêu {leader_label} năm {draft.year}; năm {earlier.year}: {said}."]


def _handover(draft: Draft) -> list[str]:
    year = draft.year if not draft.reviews else draft.year + 1
    leader = draft.bloc.leader_label
    lines = [f"# Bàn giao vai trò {leader} tại hội nghị: «to» nhận cho năm «year»; «from» (đơn vị làm {leader}",
             "# năm trước) bỏ trống nếu bài không nêu; «items»: vật, giấy tờ được bàn giao (Cờ luân lưu, hồ sơ)."]
    body = [f"  year: {year}", "  # from: …", "  to: …", "  # items: [Cờ luân lưu]"]
    if draft.kind == "ban-giao":
        return [*lines, "handover:", *body]
    return [*lines, "# handover:", *(f"#{line}" for line in body)]


def _pact(draft: Draft) -> list[str]:
    year = draft.year if not draft.reviews else draft.year + 1
    lines = ["# Giao ước thi đua ký tại hội nghị, cho năm nào."]
    if draft.kind == "ky-ket-giao-uoc":
        return [*lines, "pact:", f"  year: {year}"]
    return [*lines, "# pact:", f"#   year: {year}"]


def _optional_blocks(draft: Draft) -> list[str]:
    year = draft.year
    return [
        *_handover(draft),
        "# Khen thưởng khối bình xét: de-nghi (đề nghị) hoặc da-tang (đã tặng); «as_written» chép câu trong bài.",
        "# awards:",
        "#   - type: co-thi-dua-tinh",
        "#     authority: UBND tỉnh",
        "#     recipients: [ … ]",
        f"#     year: {year}",
        "#     status: de-nghi",
        "#     as_written: \"…\"",
        "# Phong trào (kind: phong-trao, mo-hinh, cuoc-van-dong, chu-de, quy) bài báo nêu tên, và tổ chức",
        f"# phát động; không có tổ chức: «scope: khoi» (của {draft.bloc.word}), «tinh» hoặc «toan-quoc».",
        "# movements:",
        "#   - name: …",
        "#     organisation: …",
        *_pact(draft),
    ]


def _scalar(text: str) -> str:
    """``text`` as a YAML value: plain when it reads back unchanged, else in double quotes."""
    try:
        plain = yaml.safe_load(f"value: {text}") == {"value": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise ScaffoldError(f"Tệp {path} đã có; không ghi đè. Sửa tệp đó, hoặc chọn ngày hay loại hội nghị khác.") \
            from None


# Asking


def complete(request: Request, registry: Registry, ask: Ask | None) -> Request:
    """The request with every missing choice asked for (``ask`` is None when there is no
    terminal to ask on: then a missing choice is an error)."""
    missing = [name for name in ("province", "bloc", "kind") if getattr(request, name) is None]
    if ask is None:
        if missing:
            options = ", ".join(f"--{name}" for name in missing)
            raise ScaffoldError(f"Thiếu {options}. Chạy lệnh trong cửa sổ dòng lệnh để được hỏi từng mục, "
                                "hoặc ghi đủ các tuỳ chọn (xem --help).")
        return Request(request.province, request.bloc, request.kind, request.date or _today(), request.author,
                       request.paper)
    province_name = request.province or _choose(ask, "Tỉnh", [(p.id, p.name) for p in registry.provinces.values()])
    province = find_province(registry, province_name)
    bloc = request.bloc or _choose(ask, "Khối/cụm", [(b.id, b.name) for b in registry.blocs[province.id]])
    kind = request.kind or _choose(ask, "Loại hội nghị", list(CONFERENCE_KINDS.items()))
    day = request.date or ask(f"Ngày họp (NĂM-THÁNG-NGÀY) [{_today()}]: ").strip() or _today()
    paper = request.paper or (None if province.papers else ask("Tên báo đăng bài: ").strip() or None)
    return Request(province.id, bloc, kind, day, request.author, paper)


def _choose(ask: Ask, label: str, options: list[tuple[str, str]]) -> str:
    if not options:
        raise ScaffoldError(f"Danh mục chưa có {label.lower()} nào để chọn.")
    menu = "\n".join(f"  {number}. {name}" for number, (_key, name) in enumerate(options, 1))
    while True:
        answer = ask(f"{label}:\n{menu}\nChọn số (1–{len(options)}) hoặc gõ tên: ").strip()
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1][0]
        if answer:
            return answer


def _today() -> str:
    return datetime.date.today().isoformat()


def _ask_on_terminal(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        raise ScaffoldError("Đã dừng: không có câu trả lời.") from None


def new(settings_file: str, request: Request, interactive: bool | None = None) -> int:
    """Run the command: 0 and the new file's path, or 1 and why not."""
    if interactive is None:
        interactive = sys.stdin.isatty()
    settings = read_settings(settings_file)
    apply_defaults(settings)
    registry = load_site_registry(settings)
    try:
        request = complete(request, registry, _ask_on_terminal if interactive else None)
        archive, _problems = read_archive(settings, registry)
        draft = plan(registry, archive, settings, request)
        path = Path(settings["PATH"]) / settings.get("ARTICLE_PATHS", ["articles"])[0] / draft.relative_path
        write_new(path, render(draft))
    except ScaffoldError as error:
        print(f"LỖI: {error}", file=sys.stderr)
        return 1
    print(f"Đã tạo {path}")
    print("Sửa các trường theo bài báo, viết nội dung, rồi xem thử bằng «make devserver».")
    return 0


def add_new_command(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "new", help="tạo tệp bài mới, điền sẵn thông tin đã biết (hỏi từng mục nếu thiếu tuỳ chọn)",
        description="Tạo tệp bài mới trong content/articles/<tỉnh>/<năm>/, điền sẵn thành viên, Khối trưởng, "
                    "Khối phó theo danh mục và các bài trước. Không bao giờ ghi đè tệp đã có.")
    command.add_argument("-s", "--settings", default="pelicanconf.py")
    command.add_argument("--province", help="tỉnh: tên, tên gọi khác hoặc mã (bac-kan)")
    command.add_argument("--bloc", help="khối/cụm: tên, tên gọi khác hoặc mã")
    command.add_argument("--kind", choices=list(TITLE_WORDS), help="loại hội nghị")
    command.add_argument("--date", help="ngày họp, NĂM-THÁNG-NGÀY (mặc định: hôm nay)")
    command.add_argument("--author", help="tác giả (mặc định: AUTHOR trong cấu hình)")
    command.add_argument("--paper", help="báo đăng bài (mặc định: báo đầu tiên của tỉnh trong danh mục)")
    command.set_defaults(run=lambda arguments: new(arguments.settings, Request(
        arguments.province, arguments.bloc, arguments.kind, arguments.date, arguments.author, arguments.paper)))
