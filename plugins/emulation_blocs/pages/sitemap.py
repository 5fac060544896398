"""``sitemap.xml`` and ``robots.txt``, written once Pelican has written every page.

The pelican-sitemap plugin stamps every page that is not an article with the time of the
build, so two builds of the same content would differ; here a page has a ``lastmod`` only
when its content has a date (articles), and the file lists pages in a fixed order.
The pages are those Pelican reports writing (``content_written``), so the plugin's pages
are included with the theme's; a page written with ``noindex`` in its context (the redirect
page of an old URL) is left out.
"""

from __future__ import annotations

import datetime
import logging
import os
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..incremental.writer import write_if_changed
from .structured_data import absolute

logger = logging.getLogger(__name__)
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"

# Pages written during the current build: absolute file path → date of their content.
_written: dict[str, datetime.datetime | None] = {}


def record_page(path: str, context: dict[str, Any]) -> None:
    """``content_written`` handler: remember each HTML page and its content's date."""
    if not path.endswith(".html") or context.get("noindex"):
        return
    content = context.get("article") or context.get("page")
    date = getattr(content, "modified", None) or getattr(content, "date", None) if content is not None else None
    folder, name = os.path.split(path)
    _written[os.path.join(_real_folder(folder), name)] = date


@lru_cache(maxsize=4096)  # a national site has tens of thousands of pages in a few thousand folders
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def _pages_under(output: Path) -> dict[str, datetime.datetime | None]:
    """The pages written into ``output`` (forgotten here, so that the next build starts anew)."""
    _real_folder.cache_clear()  # a later build may put another folder at the same path
    root = str(output.resolve()) + os.sep
    pages = {path: date for path, date in _written.items() if path.startswith(root)}
    for path in pages:
        del _written[path]
    return {path[len(root):].replace(os.sep, "/"): date for path, date in pages.items()}


def sitemap_xml(settings: dict[str, Any], pages: dict[str, datetime.datetime | None]) -> str | None:
    """The sitemap text, or None when SITEURL is not absolute (a sitemap needs full URLs)."""
    if absolute(settings, "index.html") is None:
        return None
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NAMESPACE})
    for relative in sorted(pages):
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = absolute(settings, relative)
        if pages[relative] is not None:
            ET.SubElement(url, "lastmod").text = pages[relative].isoformat()  # type: ignore[union-attr]
    ET.indent(urlset)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"


def robots_txt(settings: dict[str, Any]) -> str:
    lines = ["User-agent: *", "Allow: /"]
    sitemap_url = absolute(settings, str(settings.get("BLOCS_SITEMAP_SAVE_AS") or ""))
    if sitemap_url and settings.get("BLOCS_SITEMAP_SAVE_AS"):
        lines.append(f"Sitemap: {sitemap_url}")
    return "\n".join(lines) + "\n"


def write_site_files(pelican: Any) -> None:
    """``finalized`` handler."""
    settings, output = pelican.settings, Path(pelican.output_path)
    pages = _pages_under(output)
    sitemap_name = settings.get("BLOCS_SITEMAP_SAVE_AS")
    text = sitemap_xml(settings, pages) if sitemap_name else None
    if text is not None:
        _write(output / str(sitemap_name), text)
    robots_name = settings.get("BLOCS_ROBOTS_SAVE_AS")
    if robots_name:
        _write(output / str(robots_name), robots_txt(settings))


def _write(path: Path, text: str) -> None:
    if write_if_changed(str(path), text.encode("utf-8")):
        logger.info("Writing %s", path)
