"""Reading a content file as text: UTF-8, with or without a byte-order mark.

Files typed on office machines are sometimes saved in a legacy Vietnamese encoding
(TCVN3, VNI, Windows-1258); such a file must give a coded problem, not a traceback.
"""

from __future__ import annotations

from pathlib import Path

from ..problems import Place, Problem, problem

_BOM = "\ufeff"


def read_text(path: Path | str, shown: str) -> tuple[str, list[Problem]]:
    """The file's text with universal newlines, and a TD004 problem if it is not UTF-8
    (the text is then decoded with replacement characters, so reading can go on)."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
        problems: list[Problem] = []
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start : error.end].hex(" ").upper()
        problems = [problem("TD004", Place(shown, line), bad)]
    text = text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")
    return text, problems
