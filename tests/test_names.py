"""Name keys: the spellings of one name compare equal, different names do not."""

from __future__ import annotations

import pytest
from emulation_blocs.registry.names import name_key, strip_diacritics
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
