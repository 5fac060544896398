"""Pelican 4.12's listing of content files, with links checked (:mod:`..source.content_files`).

``Generator.get_files`` walks the content folder following every link. It is replaced, for
every generator (articles, pages, static files), by the same walk with each link checked: a
refused link is left out of the listing, and its problem is kept in the context, where the
bloc pages' generator reports it with the others. The static files' generator lists its files
after that report: it logs what it refuses itself, and stops a strict build.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from typing import Any

from pelican.generators import Generator

from ..problems import ContentError, Problem
from ..source.content_files import list_files

logger = logging.getLogger(__name__)
REFUSED = "BLOCS_REFUSED_FILES"  # context: the problems of the links refused so far
REPORTED = "BLOCS_REFUSED_FILES_REPORTED"  # context: set once the generator has reported problems


def apply() -> None:
    """Put the checked listing in the place of Pelican's (once per process)."""
    if not hasattr(Generator.get_files, "__wrapped__"):
        setattr(Generator, "get_files", _checked(Generator.get_files))  # noqa: B010 (mypy: no method assignment)


def refused_files(context: dict) -> list[Problem]:
    return context.get(REFUSED, [])


def _checked(get_files: Callable) -> Callable:
    @functools.wraps(get_files)
    def checked(self: Any, paths: str | Iterable[str], exclude: list[str] | None = None,
                extensions: Any = None) -> set[str]:
        listing = list_files(self.path, [paths] if isinstance(paths, str) else paths, exclude or [],
                             self.settings["IGNORE_FILES"], lambda path: self._include_path(path, extensions))
        if listing.problems:
            _record(self, listing.problems)
        return set(listing.files)
    return checked


def _record(generator: Any, problems: list[Problem]) -> None:
    generator.context.setdefault(REFUSED, []).extend(problems)
    if not generator.context.get(REPORTED):
        return
    for found in problems:
        logger.error("%s", found.format())
    if generator.settings.get("BLOCS_STRICT"):
        raise ContentError(f"{len(problems)} lỗi trong nội dung (xem các dòng ERROR ở trên); "
                           "bản dựng dừng lại và không ghi trang nào.")
