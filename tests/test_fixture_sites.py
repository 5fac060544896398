"""Small sites written by the tests: aliases, escaping, strict builds, open data."""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path

import pytest
from conftest import BuiltSite, FixtureContent, build_site
from emulation_blocs.commands.build import BuildFailed
from pelican import signals

PROVINCE = """
id: thu-nghiem
name: Thử Nghiệm
papers: [Báo Thử Nghiệm]
blocs:
  - id: doan-the
    kind: khoi
    name: Khối thi đua các đoàn thể tỉnh
    aliases: [Khối đoàn thể]
organisations:
  - id: hoi-lien-hiep-phu-nu
    name: Hội Liên hiệp Phụ nữ tỉnh
    aliases: [Hội LHPN]
    kind: chinh-tri-xa-hoi
  - name: Hội Nông dân tỉnh
    kind: chinh-tri-xa-hoi
  - name: Đoàn TNCS Hồ Chí Minh
    kind: chinh-tri-xa-hoi
"""


def report(day: str, year_reviewed: int, leader: str, title: str = "Tổng kết", extra: str = "") -> str:
    return f"""
    ---
    title: "{title}"
    date: {day}
    author: Phóng viên
    source:
      paper: Báo Thử Nghiệm
    province: Thử Nghiệm
    bloc: Khối đoàn thể
    conference:
      kinds: [tong-ket]
      date: {day}
      year_reviewed: {year_reviewed}
    leadership:
      - year: {year_reviewed}
        leader: {leader}
    {extra}
    ---
    Nội dung bài.
    """


def provincial_flag(as_written: str, decision: str = "") -> str:
    """An ``awards:`` block (to pass as ``extra``) with one proposed provincial flag."""
    more = f", decision: {decision}" if decision else ""
    return ("awards:\n      - {type: co-thi-dua-tinh, authority: UBND tỉnh, year: 2020, status: de-nghi, "
            f"as_written: {as_written}{more}}}")


@pytest.fixture
def content(fixture_content: FixtureContent) -> FixtureContent:
    fixture_content.province("thu-nghiem", PROVINCE)
    return fixture_content


def test_alias_and_full_name_land_on_one_organisation_page(content: FixtureContent, build_fixture) -> None:
    content.article("a/2020-12-20-a.md", report("2020-12-20", 2020, "Hội LHPN tỉnh"))
    content.article("a/2021-12-20-b.md", report("2021-12-20", 2021, "Hội Liên hiệp phụ nữ"))
    site = build_fixture(content)
    soup = site.page("to-chuc/thu-nghiem/hoi-lien-hiep-phu-nu.html")
    roles = [" ".join(item.get_text(" ").split()) for item in soup.find(id="vai-tro").find_next("ul").find_all("li")]
    assert [role.split(",")[0].strip() for role in roles] == ["Khối trưởng năm 2020", "Khối trưởng năm 2021"]
    written = sorted(path.name for path in (site.output / "to-chuc" / "thu-nghiem").iterdir())
    assert written == ["hoi-lien-hiep-phu-nu.html"]  # one page; the registry's others are named by no report


def test_front_matter_is_escaped(content: FixtureContent, build_fixture) -> None:
    content.article(
        "a/2020-12-20-a.md",
        report("2020-12-20", 2020, "Hội Nông dân", title="<script>alert(1)</script> & co",
               extra=provincial_flag('"<img src=x onerror=alert(1)>"')),
    )
    site = build_fixture(content)
    for page in ("tin/2020/2020-12-20-a.html", "khoi/thu-nghiem/doan-the/2020.html", "index.html"):
        soup = site.page(page)
        # The only scripts are JSON-LD data, whose "<" are JSON escapes.
        assert all(script.get("type") == "application/ld+json" for script in soup.find_all("script")), page
        assert not soup.find("img"), page
    article = site.page("tin/2020/2020-12-20-a.html")
    assert article.find("h1").get_text() == "<script>alert(1)</script> & co"
    (data,) = article.find_all("script", type="application/ld+json")
    assert "<" not in data.string
    assert json.loads(data.string)["headline"] == "<script>alert(1)</script> & co"
    year = site.page("khoi/thu-nghiem/doan-the/2020.html")
    assert year.find("q").get_text() == "<img src=x onerror=alert(1)>"


HOSTILE_BLOC = 'Khối </script><script>alert(1)</script> & <!-- "đoàn thể"'


def test_json_ld_never_closes_its_script(fixture_content: FixtureContent, build_fixture) -> None:
    """Names from the registry and titles from front matter go into the JSON-LD of the bloc,
    bloc-year, province and year pages: "<", ">" and "&" are JSON escapes there, so the data
    reads back whole and no "</script" ends the element early."""
    fixture_content.province("thu-nghiem", PROVINCE.replace("name: Khối thi đua các đoàn thể tỉnh",
                                                            f"name: '{HOSTILE_BLOC}'"))
    fixture_content.article("a/2020-12-20-a.md", report("2020-12-20", 2020, "Hội LHPN",
                                                        title="</script><b>x</b> & y"))
    site = build_fixture(fixture_content)
    pages = {"khoi/thu-nghiem/doan-the.html": "Organization", "khoi/thu-nghiem/doan-the/2020.html": "ItemList",
             "tinh/thu-nghiem.html": "ItemList", "nam/2020.html": "Dataset", "nam/2020/thu-nghiem.html": "Dataset"}
    for url, kind in pages.items():
        html = (site.output / url).read_text(encoding="utf-8")
        (script,) = site.page(url).find_all("script", type="application/ld+json")
        assert html.count("</script") == len(site.page(url).find_all("script")), url
        assert not {"<", ">", "&"} & set(script.string), url
        data = json.loads(script.string)
        assert data["@type"] == kind, url
    assert json.loads(site.page("khoi/thu-nghiem/doan-the.html").find(
        "script", type="application/ld+json").string)["name"] == HOSTILE_BLOC
    (event,) = json.loads(site.page("khoi/thu-nghiem/doan-the/2020.html").find(
        "script", type="application/ld+json").string)["itemListElement"]
    assert event["item"]["organizer"]["name"] == HOSTILE_BLOC
    assert event["item"]["subjectOf"]["headline"] == "</script><b>x</b> & y"


def test_blocs_json_matches_the_pages(content: FixtureContent, build_fixture) -> None:
    content.article("a/2020-12-20-a.md", report("2020-12-20", 2020, "Hội LHPN"))
    site = build_fixture(content)
    document = site.data()
    assert document["schema_version"] == 2
    (bloc,) = document["blocs"]
    assert bloc["id"] == "thu-nghiem/doan-the"
    assert bloc["url"] == "khoi/thu-nghiem/doan-the.html"
    assert (site.output / bloc["url"]).is_file()
    (year,) = bloc["years"]
    assert year["year"] == 2020
    assert year["leader"]["id"] == "hoi-lien-hiep-phu-nu"
    assert year["leader"]["sources"] == ["tin/2020/2020-12-20-a.html"]
    assert year["deputies"] == []
    assert (site.output / year["url"]).is_file()
    assert [member["id"] for member in year["members"]["organisations"]] == ["hoi-lien-hiep-phu-nu"]
    assert year["members"]["complete"] is False


def test_yaml_values_mean_what_was_typed(content: FixtureContent, build_fixture) -> None:
    content.article(
        "a/2020-12-20-a.md",
        report("2020-12-20", 2020, "Hội LHPN", title="no", extra=provincial_flag("12:30", decision="012")),
    )
    site = build_fixture(content)
    assert site.page("tin/2020/2020-12-20-a.html").find("h1").get_text() == "no"
    (award,) = site.data()["blocs"][0]["years"][0]["awards"]
    assert (award["as_written"], award["decision"]) == ("12:30", "012")


def test_strict_build_fails_and_keeps_the_previous_output(content: FixtureContent, tmp_path: Path) -> None:
    content.article("a/2020-12-20-a.md", report("2020-12-20", 2020, "Hội LHPN"))
    output = tmp_path / "output"
    build_site(content.root, output)
    before = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    content.article("a/2021-12-20-b.md", report("2021-12-20", 2021, "Hội Không Có"))
    with pytest.raises(BuildFailed):
        build_site(content.root, output, BLOCS_STRICT=True)
    after = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    assert after == before
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".output")] == []


def test_the_collector_rests_while_reading_and_works_while_writing(content: FixtureContent, build_fixture) -> None:
    """What is made while the articles are read lives until the build ends: no collection walks
    it then, nor while the pages are written (it is frozen, out of the collector's generations).
    Rendering leaves garbage: pages are written with the collector on. Once the build is done,
    what was frozen is collectable again."""
    content.article("a/2020-12-20-a.md", report("2020-12-20", 2020, "Hội LHPN"))
    seen: dict[str, object] = {}
    archives: list[weakref.ref] = []

    def when_read(_generator: object) -> None:
        seen["reading"] = gc.isenabled()

    def when_ready(generators: list) -> None:
        archives.extend(weakref.ref(generator.context["blocs_archive"]) for generator in generators[:1])

    def when_written(_path: object, **_context: object) -> None:
        seen["writing"] = gc.isenabled()
        seen["frozen while writing"] = gc.get_freeze_count() > 0

    with (signals.article_generator_finalized.connected_to(when_read),
          signals.all_generators_finalized.connected_to(when_ready),
          signals.content_written.connected_to(when_written)):
        build_fixture(content)
    assert seen == {"reading": False, "writing": True, "frozen while writing": True}
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.collect()
    assert len(archives) == 1 and archives[0]() is None


def test_a_build_that_stops_while_reading_leaves_the_collector_on(content: FixtureContent, tmp_path: Path) -> None:
    content.article("a/2021-12-20-b.md", report("2021-12-20", 2021, "Hội Không Có"))
    with pytest.raises(BuildFailed):  # strict: stops before any page is written
        build_site(content.root, tmp_path / "output", BLOCS_STRICT=True)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_preview_shows_problems_on_the_article_page(content: FixtureContent, build_fixture) -> None:
    content.article("a/2021-12-20-b.md", report("2021-12-20", 2021, "Hội Không Có"))
    site: BuiltSite = build_fixture(content)
    problems = site.page("tin/2021/2021-12-20-b.html").select(".problems li")
    assert len(problems) == 1
    assert problems[0].find("code").get_text() == "TD203"
    assert "Hội Không Có" in problems[0].get_text()


def test_same_content_gives_the_same_bytes(content: FixtureContent, tmp_path: Path) -> None:
    content.article("a/2020-12-20-a.md", report("2020-12-20", 2020, "Hội LHPN"))
    first = build_site(content.root, tmp_path / "one")
    second = build_site(content.root, tmp_path / "two")

    def files(site: BuiltSite) -> dict[str, bytes]:
        return {path.relative_to(site.output).as_posix(): path.read_bytes()
                for path in site.output.rglob("*") if path.is_file()}

    assert files(first) == files(second)


def test_build_does_not_modify_content(content: FixtureContent, build_fixture) -> None:
    content.article("a/2020-12-20-a.md", report("2020-12-20", 2020, "Hội LHPN"))
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in content.root.rglob("*") if path.is_file()}
    build_fixture(content)
    after = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in content.root.rglob("*") if path.is_file()}
    assert after == before
