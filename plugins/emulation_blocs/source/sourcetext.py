"""Reading a content file as text: UTF-8, with or without a byte-order mark.

Files typed on office machines are sometimes saved in a legacy Vietnamese encoding
(TCVN3, VNI, Windows-1258); such a file must give a coded problem, not a traceback.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..problems import Place, Problem, problem
from .limits import FILE_LIMIT

_BOM = "\ufeff"
Stamp = tuple[int, int]  # (modification time in ns, size)
# What was read of each file since its pages were last keyed: path → (stamp before reading,
# hash of the bytes read). The page keys show a report's file by that hash
# (incremental.pagecache), which then need not read the file again; each entry is taken once.
_READ: dict[str, tuple[Stamp, str]] = {}


def bytes_digest(data: bytes) -> str:
    """The hash by which a key shows a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def take_read_digest(path: str) -> tuple[Stamp, str] | None:
    """The stamp and hash of ``path`` as :func:`read_text` last read it, if it has since
    it was last asked."""
    return _READ.pop(path, None)


def read_text(path: Path | str, shown: str, max_bytes: int, keyed: bool = False) -> tuple[str, list[Problem]]:
    """The file's text with universal newlines, and a TD004 problem if it is not UTF-8
    (the text is then decoded with replacement characters, so reading can go on). A file of
    more than ``max_bytes`` is not read: its text is empty, with a TD705 problem. ``keyed``:
    the build keys its pages, and notes what was read (:func:`take_read_digest`)."""
    stat = os.stat(path)  # before reading: a file changed meanwhile has another stamp next time
    size = stat.st_size
    if size > max_bytes:
        return "", [problem("TD705", Place(shown, 1), size, limit=max_bytes, setting=FILE_LIMIT)]
    data = Path(path).read_bytes()
    if keyed:
        _READ[os.fspath(path)] = ((stat.st_mtime_ns, size), bytes_digest(data))
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
