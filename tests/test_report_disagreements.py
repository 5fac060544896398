"""What two reports of one bloc-year may say differently: a bloc may have several deputies, so a
report that names fewer of them agrees with one that names more, while two that each name one
the other lacks disagree (TD314); two reports of one handover that name different givers
disagree (TD303), and one that does not name the giver agrees with any. Small sites are built
(the preview, which shows every problem on the article's page) and checked."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import ROOT, BuiltSite, FixtureContent
from emulation_blocs.commands.check import find_problems
from emulation_blocs.problems import Problem
from pelican.settings import read_settings
from test_fixture_sites import PROVINCE

FARMERS, VETERANS, YOUTH = "Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh", "Đoàn TNCS Hồ Chí Minh"
FIRST, SECOND, THIRD = "a/2021-07-16-so-ket.md", "a/2021-12-30-tong-ket.md", "a/2022-01-20-ban-giao.md"


def article(day: str, conference: str, body: str) -> str:
    """A report of the meeting held on ``day``: ``conference``'s fields, then ``body``."""
    return (f"---\ntitle: Hội nghị ngày {day}\ndate: {day}\nsource:\n  paper: Báo Thử Nghiệm\n"
            f"province: Thử Nghiệm\nbloc: Khối đoàn thể\nconference:\n{conference}{body}---\nNội dung bài.\n")


def review(day: str, body: str) -> str:
    """A 2021 review held on ``day`` (half-year from March to October), then ``body``."""
    kind = "so-ket" if 3 <= int(day[5:7]) <= 10 else "tong-ket"
    return article(day, f"  kinds: [{kind}]\n  date: {day}\n  year_reviewed: 2021\n", body)


def deputies(*names: str) -> str:
    return f"leadership:\n  - year: 2021\n    leader: Hội LHPN\n    deputy: [{', '.join(names)}]\n"


def handover(day: str, role: str, to: str, giver: str | None, year: int = 2022) -> str:
    """A meeting on ``day`` that only hands ``role`` for ``year`` over to ``to``, from ``giver``."""
    given = f"  from: {giver}\n" if giver else ""
    return article(day, f"  kinds: [ban-giao]\n  date: {day}\n  year: {year}\n",
                   f"handover:\n  year: {year}\n  role: {role}\n{given}  to: {to}\n")


@pytest.fixture
def content(fixture_content: FixtureContent) -> FixtureContent:
    fixture_content.province("thu-nghiem", PROVINCE + f"  - name: {VETERANS}\n    kind: chinh-tri-xa-hoi\n")
    return fixture_content


def found(content: FixtureContent) -> list[Problem]:
    """What ``check`` finds in ``content``."""
    return find_problems(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content.root)}))


def checked(content: FixtureContent) -> list[tuple[str, str, int, str, str]]:
    """``(code, file, line, field, value)`` of every problem ``check`` finds."""
    return [(problem.code, problem.path, problem.line, problem.field, problem.value) for problem in found(content)]


def message(content: FixtureContent) -> str:
    """The line ``check`` prints for the one problem it finds."""
    (problem,) = found(content)
    return problem.format()


def shown(site: BuiltSite, relative: str) -> list[tuple[str, int, str, str]]:
    """The code, line, field and text of each problem the preview shows on an article's page."""
    page = site.page(f"tin/{relative[2:6]}/{relative[2:-3]}.html")
    found = []
    for item in page.select("section.problems li"):
        code, field = (element.get_text() for element in item.select("code"))
        line = re.search(r"dòng (\d+)", item.get_text())
        found.append((code, int(line.group(1)) if line else 0, field, " ".join(item.get_text(" ").split())))
    return found


def year_2021(site: BuiltSite) -> dict:
    return next(year for year in site.data()["blocs"][0]["years"] if year["year"] == 2021)


def test_a_report_naming_fewer_deputies_agrees(content: FixtureContent, build_fixture: Callable) -> None:
    content.article(FIRST, review("2021-07-16", deputies(FARMERS)))
    content.article(SECOND, review("2021-12-30", deputies(VETERANS, FARMERS)))
    site = build_fixture(content)
    assert checked(content) == []
    assert [deputy["id"] for deputy in year_2021(site)["deputies"]] == ["hoi-nong-dan", "hoi-cuu-chien-binh"]
    assert shown(site, FIRST) == shown(site, SECOND) == []


def test_reports_naming_one_deputy_each_agree_when_a_third_names_both(content: FixtureContent) -> None:
    content.article(FIRST, review("2021-07-16", deputies(FARMERS)))
    content.article(SECOND, review("2021-12-30", deputies(VETERANS)))
    content.article("a/2022-01-05-tong-ket.md", review("2022-01-05", deputies(VETERANS, FARMERS)))
    assert checked(content) == []


def test_two_reports_naming_different_deputies_disagree(content: FixtureContent, build_fixture: Callable) -> None:
    content.article(FIRST, review("2021-07-16", deputies(FARMERS)))
    content.article(SECOND, review("2021-12-30", deputies(VETERANS)))
    assert checked(content) == [("TD314", f"articles/{SECOND}", 15, "leadership[0].deputy[0]", VETERANS)]
    assert message(content) == (
        f"articles/{SECOND}:15: TD314 [leadership[0].deputy[0]] Bài này ghi «{VETERANS}» là Khối phó năm "
        f"2021, nhưng articles/{FIRST} ghi Khối phó năm đó là «{FARMERS}»; không bài nào ghi đủ các Khối phó "
        "mà hai bài nêu. → Một khối có thể có nhiều Khối phó, và một bài ghi thiếu thì không sao, nhưng ở đây "
        "mỗi bài có một Khối phó mà bài kia không có. Đối chiếu hai bài với báo gốc và sửa bài ghi sai; nếu "
        "báo gốc nêu đủ các Khối phó, ghi đủ trong «deputy» của bài đó. Hệ thống không tự chọn một bên.")
    site = build_fixture(content)
    ((code, line, field, text),) = shown(site, SECOND)
    assert (code, line, field) == ("TD314", 15, "leadership[0].deputy[0]")
    assert VETERANS in text and f"articles/{FIRST}" in text
    assert shown(site, FIRST) == []


def test_each_deputy_outside_the_longest_list_is_told(content: FixtureContent) -> None:
    """{Nông dân, Cựu chiến binh} and {Nông dân, Đoàn}: neither names fewer than the other."""
    content.article(FIRST, review("2021-07-16", deputies(FARMERS, VETERANS)))
    content.article(SECOND, review("2021-12-30", deputies(FARMERS, YOUTH)))
    assert checked(content) == [("TD314", f"articles/{SECOND}", 15, "leadership[0].deputy[1]",
                                 "Đoàn TNCS Hồ Chí Minh")]


def test_a_deputy_handed_the_role_is_a_deputy_of_that_year(content: FixtureContent) -> None:
    """The receiver of a deputy's role is a deputy of the year: another report naming only
    someone else disagrees, as for the leader (the handover is the earlier report)."""
    content.article("a/2021-01-10-ban-giao.md", handover("2021-01-10", "pho-khoi", YOUTH, None, 2021))
    content.article(SECOND, review("2021-12-30", deputies(VETERANS)))
    assert checked(content) == [("TD314", f"articles/{SECOND}", 15, "leadership[0].deputy[0]", VETERANS)]


def test_two_givers_of_one_deputy_handover_disagree(content: FixtureContent, build_fixture: Callable) -> None:
    content.article(THIRD, handover("2022-01-20", "pho-khoi", FARMERS, VETERANS))
    later = "a/2022-01-22-ban-giao.md"
    content.article(later, handover("2022-01-22", "pho-khoi", FARMERS, YOUTH))
    # Once, as the handover's giver (not again as a deputy of 2021 outside the other's list).
    assert checked(content) == [("TD303", f"articles/{later}", 15, "handover.from", "Đoàn TNCS Hồ Chí Minh")]
    assert message(content).startswith(
        f"articles/{later}:15: TD303 [handover.from] Đơn vị bàn giao vai trò Khối phó năm 2022 cho "
        f"«{FARMERS}» là «Đoàn TNCS Hồ Chí Minh» ở bài này nhưng là «{VETERANS}» ở articles/{THIRD}.")
    site = build_fixture(content)
    assert [place for *place, _text in shown(site, later)] == [["TD303", 15, "handover.from"]]


def test_two_givers_of_one_leader_handover_are_told_once(content: FixtureContent) -> None:
    content.article(THIRD, handover("2022-01-20", "truong-khoi", FARMERS, VETERANS))
    later = "a/2022-01-22-ban-giao.md"
    content.article(later, handover("2022-01-22", "truong-khoi", FARMERS, YOUTH))
    assert checked(content) == [("TD303", f"articles/{later}", 15, "handover.from", "Đoàn TNCS Hồ Chí Minh")]


@pytest.mark.parametrize("role", ["truong-khoi", "pho-khoi"])
@pytest.mark.parametrize("unnamed_first", [True, False])
def test_a_handover_without_its_giver_agrees_with_one_that_names_it(
        content: FixtureContent, build_fixture: Callable, role: str, unnamed_first: bool) -> None:
    givers = (None, VETERANS) if unnamed_first else (VETERANS, None)
    content.article(THIRD, handover("2022-01-20", role, FARMERS, givers[0]))
    content.article("a/2022-01-22-ban-giao.md", handover("2022-01-22", role, FARMERS, givers[1]))
    assert checked(content) == []
    site = build_fixture(content)
    ((fact,),) = [year["handovers"] for year in site.data()["blocs"][0]["years"] if year["year"] == 2022]
    assert (fact["from"], fact["to"]) == ("hoi-cuu-chien-binh", "hoi-nong-dan")
