"""Checking the links of a folder of HTML pages: every link and every loaded file of every page
must lead to a file inside the folder, and every fragment to an anchor of its page. External
links are allowed (news sources); loading anything from another host is not.

Two ways to read a folder: opened from disk (the offline archive), where a link from the
server's root or to a folder does not work; or served by a web server (the published site and
the preview), where ``/x`` is the folder's ``x``, ``x/`` its ``x/index.html``, and a URL starting
with the site's own address (``site_url``) a file of the folder. Our own checker rather than
linkinator: it reads the files, so it needs no server, and it can tell what works from disk."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import SplitResult, unquote, urlsplit

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


@dataclass(frozen=True)
class Served:
    """The folder is served by a web server, at ``site_url`` when that is an absolute address."""

    site_url: str = ""

    def own_path(self, url: str) -> str | None:
        """The path inside the site of an absolute URL of the site itself, else None."""
        prefix = self.site_url.rstrip("/") + "/"
        return "/" + url[len(prefix):] if self.site_url and url.startswith(prefix) else None


def _local(link: Link, served: Served | None) -> SplitResult:
    """The link's URL, with the site's own address dropped when the folder is served."""
    url = urlsplit(link.url)
    own = served.own_path(link.url) if served is not None and (url.scheme or url.netloc) else None
    return urlsplit(own) if own is not None else url


def _problem(root: Path, page: Path, link: Link, served: Served | None) -> str | None:
    url = _local(link, served)
    if url.scheme in _NOT_CHECKED:
        return None
    if url.scheme or url.netloc:
        return "tải tệp từ máy khác" if _loads(link) else None
    if url.path.startswith("/"):
        if served is None:
            return "đường dẫn tính từ gốc máy chủ, không mở được từ ổ đĩa"
        target = _target(root, root / "index.html", url.path.lstrip("/"))
    else:
        target = _target(root, page, url.path) if url.path else page
    if target is None:
        return "dẫn ra ngoài thư mục"
    if target.is_dir() and served is not None:
        target = target / "index.html"
    if target.is_dir():
        return "dẫn tới một thư mục, không phải một tệp"
    if not target.is_file():
        return "không có tệp này"
    if url.fragment and target.suffix in HTML_SUFFIXES and unquote(url.fragment) not in _anchors_of(target):
        return f"trang không có mục #{url.fragment}"
    return None


def check_page(root: Path, page: Path, served: Served | None = None) -> list[BrokenLink]:
    shown = page.relative_to(root).as_posix()
    found = []
    for link in find_links(page.read_text(encoding="utf-8")):
        reason = _problem(root, page, link, served)
        if reason:
            found.append(BrokenLink(shown, link.url, reason))
    return found


def html_pages(root: Path) -> Iterable[Path]:
    return sorted(path for path in root.rglob("*") if path.suffix in HTML_SUFFIXES and path.is_file())


def check_folder(root: Path, served: Served | None = None) -> list[BrokenLink]:
    """Every broken link of every page under ``root``, sorted: as opened from disk, or, with
    ``served``, as served by a web server."""
    root = root.resolve()
    _anchors_of.cache_clear()
    return sorted(broken for page in html_pages(root) for broken in check_page(root, page, served))
