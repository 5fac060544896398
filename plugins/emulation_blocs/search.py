"""The search index, written by Pagefind after every build (``finalized`` signal), so that
``make html``, ``make devserver``, ``make publish`` and the tests all get one.

Pagefind (the PyPI package ships its binary) indexes the text of each page's
``data-pagefind-body`` element and matches words without their tone marks: "phu nu"
finds "phụ nữ". It does not fold "đ" into "d", which is a letter of its own rather than a
"d" with a mark, yet people type "doan" for "đoàn". So each page is handed to Pagefind
with an extra, low-weight block listing its words that contain "đ", spelt with "d"; the
HTML files on disk are not changed.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)
_WORD_WITH_D = re.compile(r"\w*[đĐ]\w*")
_BODY_END = "</main>"
BODY_MARKER = "data-pagefind-body"
# Starts the block of folded words; the search page cuts result excerpts there, so that
# people never see the folded spellings (templates/search.html uses the same word).
FOLD_MARK = "xdfoldx"


class _TextParser(HTMLParser):
    """The text of a page, without scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def fold_d(word: str) -> str:
    return word.replace("đ", "d").replace("Đ", "D")


def words_with_d(html: str) -> list[str]:
    """The page's distinct words containing "đ", spelt with "d", in a fixed order."""
    parser = _TextParser()
    parser.feed(html)
    return sorted({fold_d(word.lower()) for word in _WORD_WITH_D.findall(" ".join(parser.parts))})


def with_folded_words(html: str) -> str:
    """The page as Pagefind should read it: the folded words appended to the indexed body."""
    if BODY_MARKER not in html or _BODY_END not in html:
        return html
    words = words_with_d(html)
    if not words:
        return html
    block = f'<p data-pagefind-weight="0.5">{FOLD_MARK} {" ".join(words)}</p>'
    at = html.rindex(_BODY_END)
    return html[:at] + block + html[at:]


def _index(output: Path, bundle: str) -> int:
    """Copy the pages, with their folded words, to a scratch folder and run Pagefind's
    command line on it, writing the bundle into ``output``. (Pagefind's Python API indexes
    one page per 0.1 s poll: a minute for 600 pages; the command line takes a second.)"""
    pages = sorted(path for path in output.rglob("*.html") if bundle not in path.relative_to(output).parts)
    with tempfile.TemporaryDirectory(prefix="pagefind-") as scratch:
        for path in pages:
            copy = Path(scratch) / path.relative_to(output)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(with_folded_words(path.read_text(encoding="utf-8")), encoding="utf-8")
        command = [sys.executable, "-m", "pagefind", "--site", scratch, "--output-path", str(output / bundle),
                   "--force-language", "vi", "--silent"]
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise RuntimeError(f"pagefind thoát với mã {finished.returncode}: {finished.stderr.strip()[-500:]}")
    return len(pages)


def write_index(pelican: Any) -> None:
    """``finalized`` handler: index the output folder in place."""
    settings = pelican.settings
    if not settings.get("BLOCS_SEARCH_INDEX"):
        return
    output = Path(pelican.output_path)
    try:
        count = _index(output, str(settings["BLOCS_SEARCH_INDEX_PATH"]))
    except Exception as error:  # the binary is missing, or it stopped: the site is still usable
        logger.error("Không tạo được chỉ mục tìm kiếm (Pagefind): %s. Trang tìm kiếm sẽ báo không dùng được; "
                     "kiểm tra gói pagefind trong requirements.txt đã được cài.", error)
        return
    logger.info("Pagefind: %d trang đã được đưa vào chỉ mục tìm kiếm", count)
