"""Name keys: the spellings of one name compare equal, different names do not."""

from __future__ import annotations

import textwrap

import pytest
from conftest import FixtureContent
from emulation_blocs.registry.names import SEAT_WORDS, name_key, strip_diacritics, without_seat_word
from emulation_blocs.registry.registry import Registry, load_registry
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Hội Liên hiệp Phụ nữ tỉnh", "Hội Liên hiệp phụ nữ"),
        ("Ủy ban MTTQ", "Uỷ ban MTTQ"),
        ("Hội Nông dân Hòa Bình", "Hội Nông dân Hoà Bình"),
        ("các tổ chức chính trị-xã hội", "các tổ chức chính trị - xã hội"),
        ("Hội  Luật gia tỉnh Bắc Kạn", "hội luật gia"),
        ("Hội Người khuyết tật, Nạn nhân da cam", "Hội Người khuyết tật Nạn nhân da cam"),
    ],
)
def test_spellings_of_one_name_share_a_key(first: str, second: str) -> None:
    assert name_key(first, ("Bắc Kạn",)) == name_key(second, ("Bắc Kạn",))


@pytest.mark.parametrize(
    ("first", "second"),
    [("Hội Nông dân", "Hội Nông dần"), ("Hội Cựu chiến binh", "Hội Cựu giáo chức"), ("tỉnh", "")],
)
def test_different_names_keep_different_keys(first: str, second: str) -> None:
    assert name_key(first) != name_key(second)


def test_slugs_are_ascii_and_follow_pelican() -> None:
    substitutions = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    assert slugify("Đoàn TNCS Hồ Chí Minh", regex_subs=substitutions) == "doan-tncs-ho-chi-minh"


def test_strip_diacritics() -> None:
    assert strip_diacritics("Hội Liên hiệp Phụ nữ Đắk Lắk") == "Hoi Lien hiep Phu nu Dak Lak"


CITY = ("Thành phố Thử Nghiệm", "TP Thử Nghiệm")
CITY_SEATS = SEAT_WORDS["thanh-pho"]


@pytest.mark.parametrize(
    "spelling",
    ["Hội Nông dân thành phố", "Hội Nông dân Thành phố Thử Nghiệm", "Hội Nông dân TP Thử Nghiệm",
     "Hội Nông dân TP", "Hội Nông dân tp. Thử Nghiệm", "hội nông dân"],
)
def test_a_city_s_own_organisations_lose_thanh_pho_as_a_province_s_lose_tinh(spelling: str) -> None:
    assert name_key(spelling, CITY, CITY_SEATS) == name_key("Hội Nông dân")


def test_in_a_province_thanh_pho_names_one_of_its_cities() -> None:
    """"Hội Nông dân thành phố Bắc Kạn" is the district-level city's, not the province's."""
    province, own = ("Bắc Kạn",), name_key("Hội Nông dân")
    assert name_key("Hội Nông dân tỉnh Bắc Kạn", province) == own
    assert name_key("Hội Nông dân thành phố Bắc Kạn", province) != own
    assert name_key("Hội Nông dân thành phố", province) != own


@pytest.mark.parametrize(
    ("name", "seats", "expected"),
    [("Hội Nông dân tỉnh", SEAT_WORDS["tinh"], "Hội Nông dân"),
     ("Hội Nông dân Thành phố", CITY_SEATS, "Hội Nông dân"),
     ("Hội Nông dân TP", CITY_SEATS, "Hội Nông dân"),
     ("Hội Nông dân thành phố", SEAT_WORDS["tinh"], "Hội Nông dân thành phố"),
     ("Thành phố", CITY_SEATS, "Thành phố")],
)
def test_the_seat_word_never_reaches_a_slug(name: str, seats: tuple[str, ...], expected: str) -> None:
    assert without_seat_word(name, seats) == expected


def test_a_city_s_registry_finds_its_organisations_however_the_city_is_written(
        fixture_content: FixtureContent) -> None:
    fixture_content.province("tp-thu-nghiem", """
        id: tp-thu-nghiem
        name: Thành phố Thử Nghiệm
        kind: thanh-pho
        aliases: [TP Thử Nghiệm]
        organisations:
          - name: Hội Nông dân thành phố
            kind: chinh-tri-xa-hoi
        """)
    registry = load_registry(fixture_content.root / "registry", fixture_content.root,
                             lambda name: slugify(name, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]))
    assert registry.problems == []
    [farmers] = registry.organisations["tp-thu-nghiem"]
    assert farmers.id == "hoi-nong-dan"
    index = registry.organisation_index["tp-thu-nghiem"]
    for spelling in ("Hội Nông dân TP Thử Nghiệm", "Hội Nông dân Thành phố Thử Nghiệm", "Hội Nông dân"):
        assert index.find(spelling) == [farmers], spelling


HANOI = ("Thành phố Hà Nội",)


@pytest.mark.parametrize(
    "spelling",
    ["Liên đoàn Lao động thành phố", "Liên đoàn Lao động thành phố Hà Nội", "Liên đoàn Lao động",
     "Liên đoàn Lao động TP Hà Nội", "Liên đoàn Lao động TP. Hà Nội", "Liên đoàn Lao động Thành phố"],
)
def test_a_city_named_with_its_seat_word_loses_any_seat_word_and_its_name(spelling: str) -> None:
    """The registry writes "Thành phố Hà Nội" and no alias; a report writes "TP Hà Nội"."""
    assert name_key(spelling, HANOI, CITY_SEATS) == name_key("Liên đoàn Lao động")


def _city_registry(fixture_content: FixtureContent, organisations: str) -> Registry:
    """Hà Nội as the registry writes it, with ``organisations`` (YAML list items)."""
    header = "id: ha-noi\nname: Thành phố Hà Nội\nkind: thanh-pho\norganisations:\n"
    fixture_content.province("ha-noi", header + textwrap.dedent(organisations).lstrip("\n"))
    return load_registry(fixture_content.root / "registry", fixture_content.root,
                         lambda name: slugify(name, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]))


def test_a_city_s_own_organisation_and_one_of_a_city_inside_it_stay_apart(
        fixture_content: FixtureContent) -> None:
    """"thành phố Thủ Đức" is not the seat's name: only a final seat word, or one followed
    by the city's own name, is dropped, so the registry's check for shared names stays quiet."""
    registry = _city_registry(fixture_content, """
        - name: Liên đoàn Lao động thành phố
          kind: chinh-tri-xa-hoi
        - name: Liên đoàn Lao động thành phố Thủ Đức
          kind: chinh-tri-xa-hoi
        """)
    assert registry.problems == []
    city, inner = registry.organisations["ha-noi"]
    index = registry.organisation_index["ha-noi"]
    for spelling in ("Liên đoàn Lao động TP Hà Nội", "Liên đoàn Lao động thành phố", "Liên đoàn Lao động"):
        assert index.find(spelling) == [city], spelling
    assert index.find("Liên đoàn Lao động thành phố Thủ Đức") == [inner]


def test_two_organisations_named_alike_but_for_the_city_collide_in_the_registry(
        fixture_content: FixtureContent) -> None:
    registry = _city_registry(fixture_content, """
        - id: lien-doan-lao-dong
          name: Liên đoàn Lao động thành phố
          kind: chinh-tri-xa-hoi
        - id: cong-doan-vien-chuc
          name: Công đoàn Viên chức thành phố
          aliases: [Liên đoàn Lao động TP Hà Nội]
          kind: chinh-tri-xa-hoi
        """)
    assert [(found.code, found.field, found.value) for found in registry.problems] == [
        ("TD502", "organisations[1].aliases[0]", "Liên đoàn Lao động TP Hà Nội")]
