"""Checking that a folder of HTML pages works opened from disk: every link and every loaded
file of every page resolves, relative to the page, to a file inside the folder, and every
fragment to an anchor of its page. External links are allowed (news sources); loading anything
from another host is not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .htmllinks import Link, anchors, find_links

HTML_SUFFIXES = {".html", ".htm"}
_NOT_CHECKED = {"mailto", "tel", "data", "javascript"}


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # relative to the folder
    url: str
    reason: str  # Vietnamese

    def format(self) -> str:
        return f"{self.page}: «{self.url}» — {self.reason}"


def _loads(link: Link) -> bool:
    """Whether the browser fetches the URL to show the page (not a link to follow)."""
    return link.attribute == "src" or (link.tag == "link" and link.attribute == "href")


@cache
def _anchors_of(path: Path) -> frozenset[str]:
    return frozenset(anchors(path.read_text(encoding="utf-8")))


def _target(root: Path, page: Path, path: str) -> Path | None:
    """The file a relative URL path leads to, or None when it leaves the folder."""
    joined = PurePosixPath(page.relative_to(root).parent.as_posix(), unquote(path))
    parts: list[str] = []
    for part in joined.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return root.joinpath(*parts)


def _problem(root: Path, page: Path, link: Link) -> str | None:
    url = urlsplit(link.url)
    if url.scheme in _NOT_CHECKED:
        return None
    if url.scheme or url.netloc:
        return "tải tệp từ máy khác" if _loads(link) else None
    if url.path.startswith("/"):
        return "đường dẫn tính từ gốc máy chủ, không mở được từ ổ đĩa"
    target = page if not url.path else _target(root, page, url.path)
    if target is None:
        return "dẫn ra ngoài thư mục"
    if target.is_dir():
        return "dẫn tới một thư mục, không phải một tệp"
    if not target.is_file():
        return "không có tệp này"
    if url.fragment and target.suffix in HTML_SUFFIXES and unquote(url.fragment) not in _anchors_of(target):
        return f"trang không có mục #{url.fragment}"
    return None


def check_page(root: Path, page: Path) -> list[BrokenLink]:
    shown = page.relative_to(root).as_posix()
    found = []
    for link in find_links(page.read_text(encoding="utf-8")):
        reason = _problem(root, page, link)
        if reason:
            found.append(BrokenLink(shown, link.url, reason))
    return found


def html_pages(root: Path) -> Iterable[Path]:
    return sorted(path for path in root.rglob("*") if path.suffix in HTML_SUFFIXES and path.is_file())


def check_folder(root: Path) -> list[BrokenLink]:
    """Every broken link of every page under ``root``, sorted."""
    root = root.resolve()
    _anchors_of.cache_clear()
    return sorted(broken for page in html_pages(root) for broken in check_page(root, page))
