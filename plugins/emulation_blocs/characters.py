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
_NONCHARACTERS = "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
NOT_ALLOWED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef{_NONCHARACTERS}]")
_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}
_QUOTED = 60  # characters quoted either side of the first one found


def cleaned(text: str) -> str:
    """``text`` with every character not allowed replaced by U+FFFD."""
    return NOT_ALLOWED.sub(REPLACEMENT, text) if NOT_ALLOWED.search(text) else text


def described(character: str) -> str:
    """``U+000C (FF)``, the way an editor's "go to character" or a search can find it."""
    name = _NAMES.get(ord(character))
    code = f"U+{ord(character):04X}"
    return f"{code} ({name})" if name else code


def quoted(text: str, at: int) -> str:
    """The text around position ``at``, cleaned, to quote in a message."""
    start, end = max(0, at - _QUOTED), at + _QUOTED
    return f"{'…' if start else ''}{cleaned(text[start:end]).strip()}{'…' if end < len(text) else ''}"
