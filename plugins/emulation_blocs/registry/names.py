"""Normalising Vietnamese names so that the spellings of one name compare equal.

The news writes the same organisation many ways: "Hội Liên hiệp Phụ nữ tỉnh", "Hội Liên hiệp
phụ nữ", "Uỷ ban"/"Ủy ban", "chính trị-xã hội"/"chính trị - xã hội". A *name key* erases exactly
those differences and nothing else, so that a lookup by key is an exact match.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks of the five Vietnamese tones (huyền, sắc, ngã, hỏi, nặng).
_TONE_MARKS = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_DASHES = re.compile(r"[\-\u2010-\u2015\u2212]")
_PUNCTUATION = re.compile(r"[.,;:()\"'“”‘’/]")
_SPACES = re.compile(r"\s+")
_PROVINCE_WORD = "tỉnh"


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
    text = unicodedata.normalize("NFC", text).casefold()
    text = _PUNCTUATION.sub(" ", _DASHES.sub(" ", text))
    return [_syllable_key(word) for word in _SPACES.split(text.strip()) if word]


@lru_cache(maxsize=1 << 16)  # the same few thousand names come back in every report
def name_key(text: str, province_names: tuple[str, ...] = ()) -> str:
    """The comparison key of a name: case, spacing, dashes, tone placement and a final
    "tỉnh" (optionally followed by the province's name) do not matter."""
    words = fold_words(text)
    province_word = _syllable_key(_PROVINCE_WORD)
    for province in province_names:
        tail = [province_word, *fold_words(province)]
        if len(words) > len(tail) and words[-len(tail) :] == tail:
            words = words[: -len(tail)]
            break
    if len(words) > 1 and words[-1] == province_word:
        words = words[:-1]
    return " ".join(words)


def strip_diacritics(text: str) -> str:
    """ASCII-folded text: "Phụ nữ" → "Phu nu"; "Đ" → "D"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
