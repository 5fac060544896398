"""Normalising Vietnamese names so that the spellings of one name compare equal.

The news writes the same organisation many ways: "Hội Liên hiệp Phụ nữ tỉnh", "Hội Liên hiệp
phụ nữ", "Uỷ ban"/"Ủy ban", "chính trị-xã hội"/"chính trị - xã hội". A *name key* erases exactly
those differences and nothing else, so that a lookup by key is an exact match.

The word for the province at the end of a name depends on its kind: "tỉnh" everywhere, and in a
centrally-run city also "thành phố" or "TP" ("Hội Nông dân thành phố" is the city's own). In a
province the same words name one of its district-level cities ("Hội Nông dân thành phố Bắc
Kạn" is not "Hội Nông dân tỉnh Bắc Kạn"), so there they stay part of the name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks of the five Vietnamese tones (huyền, sắc, ngã, hỏi, nặng).
_TONE_MARKS = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
# Dashes and punctuation, spaces between words (one search for both; str.split splits at
# the spaces that \s matches).
_DASHES_AND_PUNCTUATION = re.compile(r"[\-\u2010-\u2015\u2212.,;:()\"'“”‘’/]")
_PROVINCE_WORD = "tỉnh"
# The words that may end a name in place of the province's name, by the province's kind.
SEAT_WORDS: dict[str, tuple[str, ...]] = {"tinh": (_PROVINCE_WORD,),
                                          "thanh-pho": (_PROVINCE_WORD, "thành phố", "tp")}


@lru_cache(maxsize=1 << 16)  # a few thousand syllables make up every name
def _syllable_key(word: str) -> str:
    """Move the tone of one syllable to its end, so "hoà" and "hòa" give the same key."""
    decomposed = unicodedata.normalize("NFD", word)
    tone = ""
    letters = []
    for char in decomposed:
        if char in _TONE_MARKS:
            tone = _TONE_MARKS[char]
        else:
            letters.append(char)
    return unicodedata.normalize("NFC", "".join(letters)) + tone


def fold_words(text: str) -> list[str]:
    """Lower-case words of ``text`` with dashes and punctuation removed, tones canonical."""
    text = _DASHES_AND_PUNCTUATION.sub(" ", unicodedata.normalize("NFC", text).casefold())
    return [_syllable_key(word) for word in text.split()]


@lru_cache(maxsize=1 << 16)  # every province's registry has its "Hội Nông dân tỉnh"
def _folded(text: str) -> tuple[str, ...]:
    return tuple(fold_words(text))


@lru_cache(maxsize=1 << 16)  # the same few thousand names come back in every report
def name_key(text: str, province_names: tuple[str, ...] = (),
             seat_words: tuple[str, ...] = (_PROVINCE_WORD,)) -> str:
    """The comparison key of a name: case, spacing, dashes, tone placement and a final
    "tỉnh" (or another of ``seat_words``), optionally followed by the province's name, do not
    matter."""
    words = _folded(text)
    for tail in _seat_tails(province_names, seat_words):
        if len(words) > len(tail) and words[-len(tail) :] == tail:
            return " ".join(words[: -len(tail)])
    return " ".join(words)


@lru_cache(maxsize=256)  # one set per province
def _seat_tails(province_names: tuple[str, ...], seat_words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The endings a name may lose, longest first: any seat word and the province's name
    ("tỉnh Bắc Kạn"; "thành phố Hà Nội" or "TP Hà Nội", also when the registry names the city
    "Thành phố Hà Nội"), or a seat word alone. Tuples: every call gets the same cached answer."""
    seats = sorted((tuple(fold_words(word)) for word in seat_words), key=len, reverse=True)
    tails: dict[tuple[str, ...], None] = {}
    for province in province_names:
        name = _without_seat(tuple(fold_words(province)), seats)
        tails.update(((*seat, *name), None) for seat in seats)
    tails.update(dict.fromkeys(seats))
    return tuple(sorted(tails, key=len, reverse=True))


def _without_seat(name: tuple[str, ...], seats: list[tuple[str, ...]]) -> tuple[str, ...]:
    """A province's name without the seat word it starts with: the registry may write
    "Thành phố Hà Nội" and a report "TP Hà Nội" or "thành phố Hà Nội"."""
    for seat in seats:
        if name[: len(seat)] == seat:
            return name[len(seat):]
    return name


def without_seat_word(name: str, seat_words: tuple[str, ...] = (_PROVINCE_WORD,)) -> str:
    """"Hội Nông dân tỉnh" → "Hội Nông dân": the word comes and goes, a slug must not."""
    words = name.split()
    for seat in sorted((fold_words(word) for word in seat_words), key=len, reverse=True):
        ending = [folded for word in words[-len(seat):] for folded in fold_words(word)]
        if len(words) > len(seat) and ending == seat:
            return " ".join(words[: -len(seat)])
    return name


def strip_diacritics(text: str) -> str:
    """ASCII-folded text: "Phụ nữ" → "Phu nu"; "Đ" → "D"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
