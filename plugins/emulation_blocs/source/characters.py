"""Characters that no page may hold: C0 and C1 control characters (but tab and line breaks),
DEL, and Unicode's noncharacters (U+FDD0–U+FDEF, and the last two code points of every plane,
U+FFFE, U+FFFF, U+1FFFE…).

XML 1.0 refuses the C0 controls and U+FFFE/U+FFFF (an Atom feed holding one does not parse,
and Pelican's feed generator stops on it); HTML calls every one of them a parse error. They
come into reports pasted from Word, PDF or web pages. A file that holds one gets a coded
problem, and what is read is cleaned (each such character becomes U+FFFD, «�»), so a preview
page or feed never holds one.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
# Two searches, because one class that also holds characters beyond U+FFFF is several times
# slower on Vietnamese text; past U+FFFF, only the last two code points of a plane are refused.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}
_QUOTED = 60  # characters quoted either side of the first one found


def not_allowed(text: str) -> list[int]:
    """The positions in ``text`` of the characters not allowed, in order."""
    found = [match.start() for match in _CONTROLS.finditer(text)]
    found += [match.start() for match in _BEYOND_BMP.finditer(text) if ord(match.group()) & 0xFFFE == 0xFFFE]
    return sorted(found)


def cleaned(text: str) -> str:
    """``text`` with every character not allowed replaced by U+FFFD."""
    positions = not_allowed(text)
    if not positions:
        return text
    characters = list(text)
    for position in positions:
        characters[position] = REPLACEMENT
    return "".join(characters)


def described(character: str) -> str:
    """``U+000C (FF)``, the way an editor's "go to character" or a search can find it."""
    name = _NAMES.get(ord(character))
    code = f"U+{ord(character):04X}"
    return f"{code} ({name})" if name else code


def line_at(text: str, at: int) -> tuple[str, int]:
    """The line of ``text`` that holds position ``at``, and where in it ``at`` is."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)], at - start


def quoted(text: str, at: int) -> str:
    """The text around position ``at``, cleaned, to quote in a message."""
    start, end = max(0, at - _QUOTED), at + _QUOTED
    return f"{'…' if start else ''}{cleaned(text[start:end]).strip()}{'…' if end < len(text) else ''}"
