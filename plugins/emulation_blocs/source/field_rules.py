"""Rules between the fields of one front matter that a JSON schema cannot word well: which
year a conference needs (a review has a year reviewed, a pact signing or a handover only the
year it is for), fields that exclude each other, an unknown province outside drafts, and the
placeholders ``make new`` writes. Checked per file, after the schema, so the reader's cache
keeps the result."""

from __future__ import annotations

from collections.abc import Iterator

from ..domain.model import REVIEW_KINDS
from ..problems import Place, Problem, problem
from ..registry.names import strip_diacritics
from .yamlsource import JsonPath, Located, field_name

# What ``make new`` writes for the writer to replace (see scaffold.py).
PLACEHOLDER_BODY = "Viết nội dung bài ở đây"
PLACEHOLDER_VALUE = "…"
_UNKNOWN_PROVINCE = frozenset({"khong-ro", "khong ro", "chua ro"})


def is_unknown_province(name: str) -> bool:
    """``province: khong-ro`` (or "không rõ", "chưa rõ"): the report does not tell."""
    return " ".join(strip_diacritics(name).lower().split()) in _UNKNOWN_PROVINCE


def check_rules(data: dict, located: Located, place: Place, body: str, body_line: int) -> list[Problem]:
    """The problems of these rules in one checked front matter and its body (which starts
    at line ``body_line``)."""
    rules = _Rules(located, place, body_line)
    rules.conference(data.get("conference", {}))
    rules.roles(data.get("leadership", []))
    rules.movements(data.get("movements", []))
    rules.province(data)
    rules.placeholders(data, body)
    return rules.problems


class _Rules:
    def __init__(self, located: Located, place: Place, body_line: int) -> None:
        self.located = located
        self.base = place
        self.body_line = body_line
        self.problems: list[Problem] = []

    def place(self, path: JsonPath) -> Place:
        return self.base.at(field_name(path), self.located.line(path))

    def conference(self, conference: dict) -> None:
        kinds = conference.get("kinds", [])
        shown = ", ".join(kinds)
        if any(kind in REVIEW_KINDS for kind in kinds):
            if "year_reviewed" not in conference:
                self.problems.append(problem(
                    "TD107", self.place(("conference", "kinds")), shown, key="year_reviewed",
                    why="Hội nghị tổng kết, sơ kết đánh giá một năm: ghi năm đó (tổng kết năm N họp từ "
                        "tháng 11 năm N đến tháng 2 năm N+1).",
                    example="year_reviewed: 2020"))
        else:
            if "year" not in conference:
                self.problems.append(problem(
                    "TD107", self.place(("conference", "kinds")), shown, key="year",
                    why="Hội nghị không tổng kết năm nào (ký kết giao ước, bàn giao, triển khai): ghi năm "
                        "mà hội nghị hướng tới, ví dụ năm của giao ước.",
                    example="year: 2021"))
            for key in ("year_reviewed", "period"):
                if key in conference:
                    self.problems.append(problem(
                        "TD108", self.place(("conference", key)), conference[key],
                        reason=f"hội nghị ({shown}) không tổng kết, sơ kết",
                        fix="Bỏ trường này và ghi năm hội nghị hướng tới vào «conference.year»; chỉ "
                            "hội nghị tong-ket hoặc so-ket mới có năm được tổng kết."))
        if "date" in conference and "not_after" in conference:
            self.problems.append(problem(
                "TD108", self.place(("conference", "not_after")), conference["not_after"],
                reason="đã có ngày họp «conference.date»",
                fix="Giữ «date» khi biết ngày họp (hoặc tháng họp), «not_after» khi bài chỉ cho biết "
                    "hội nghị họp không muộn hơn một ngày."))

    def roles(self, leadership: list) -> None:
        for number, entry in enumerate(leadership):
            for key in ("leader", "deputy"):
                unnamed = f"{key}_unnamed"
                if entry.get(unnamed) and key in entry:
                    self.problems.append(problem(
                        "TD108", self.place(("leadership", number, unnamed)), "true",
                        reason=f"đã ghi tên ở «{key}»",
                        fix=f"Bỏ «{unnamed}»: trường này chỉ dùng khi bài nói đã chọn mà không nêu tên."))

    def movements(self, movements: list) -> None:
        for number, entry in enumerate(movements):
            if "scope" in entry and "organisation" in entry:
                self.problems.append(problem(
                    "TD108", self.place(("movements", number, "scope")), entry["scope"],
                    reason="phong trào đã có tổ chức phát động («organisation»)",
                    fix="Bỏ «scope» (phong trào của tổ chức), hoặc bỏ «organisation» nếu phong trào là "
                        "của khối (khoi), của tỉnh (tinh) hay toàn quốc (toan-quoc)."))

    def province(self, data: dict) -> None:
        name = data.get("province")
        if isinstance(name, str) and is_unknown_province(name) and data.get("status") != "draft":
            self.problems.append(problem("TD109", self.place(("province",)), name))

    def placeholders(self, data: dict, body: str) -> None:
        if PLACEHOLDER_BODY in body:
            line = self.body_line + body[: body.index(PLACEHOLDER_BODY)].count("\n")
            self.problems.append(problem("TD312", self.base.at("nội dung bài", line), PLACEHOLDER_BODY))
        for path, value in _strings(data, ()):
            if value.strip() in (PLACEHOLDER_VALUE, "..."):
                self.problems.append(problem("TD312", self.place(path), value.strip()))


def _strings(value: object, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _strings(item, (*path, number))
