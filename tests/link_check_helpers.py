"""A link checker for a built site: every link, stylesheet, script, icon and image of every
HTML page must reach a file of the output, and every #fragment an id of that page.

Our own rather than linkinator: it reads the files, so it checks the relative-URL build
that archivists open from disk as well as the published one, and needs no server."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action"),
              ("source", "src"), ("iframe", "src"))


@dataclass(frozen=True)
class BrokenLink:
    page: str
    url: str
    reason: str


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(element["id"]) for element in soup.find_all(id=True))


def _target(output: Path, page: Path, url: str, site_url: str) -> Path | None:
    """The file a URL of ``page`` points to, or None for a URL of another site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if not site_url or not url.startswith(site_url.rstrip("/") + "/"):
            return None
        path = output / unquote(url[len(site_url.rstrip("/")) + 1:].split("#", 1)[0].split("?", 1)[0])
    elif parts.path.startswith("/"):
        path = output / unquote(parts.path.lstrip("/"))
    else:
        path = page.parent / unquote(parts.path) if parts.path else page
    path = Path(str(path))
    return path / "index.html" if path.is_dir() else path


def check_links(output: Path, site_url: str = "") -> tuple[int, list[BrokenLink]]:
    """Check every HTML page under ``output``; return how many links were followed and the
    broken ones. ``site_url``: links starting with it are this site's (published build)."""
    broken: list[BrokenLink] = []
    followed = 0
    for page in sorted(output.rglob("*.html")):
        shown = page.relative_to(output).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in ATTRIBUTES:
            for element in soup.find_all(tag, attrs={attribute: True}):
                url = str(element[attribute])
                if url.startswith(("mailto:", "tel:", "data:")):
                    continue
                target = _target(output, page, url, site_url)
                if target is None:
                    continue
                followed += 1
                resolved = target.resolve()
                if output.resolve() not in resolved.parents or not resolved.is_file():
                    broken.append(BrokenLink(shown, url, "no such file in the output"))
                    continue
                fragment = urlsplit(url).fragment
                if fragment and resolved.suffix == ".html" and unquote(fragment) not in _ids(resolved):
                    broken.append(BrokenLink(shown, url, f"no element with id {fragment!r}"))
    return followed, broken
