"""Two articles written to the same file: the second would silently replace the first
(or stop Pelican's writer with a traceback). Each file after the first gets a problem that
names the first, and in the preview its page is moved aside so that both can be read. The
same for an article written to the file of a year's list of news (TD406)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from pathlib import PurePosixPath
from typing import Any

from ..problems import Place, Problem, problem

PathOf = Callable[[Any], str]


def slug_place(article: Any, path: str) -> Place:
    """Where a problem with the article's file is told: its ``slug`` field, or the file's first
    line when the front matter gives none."""
    return Place(path, article.metadata.get("report_lines", {}).get(("slug",), 1), "slug")


def url_collisions(articles: Iterable, path_of: PathOf, save_as_of: PathOf) -> list[Problem]:
    """A TD402 problem for every article whose output file an earlier one (in source path
    order) already has."""
    first: dict[str, str] = {}
    problems = []
    for article in sorted(articles, key=path_of):
        save_as = save_as_of(article)
        if not save_as:
            continue
        if save_as not in first:
            first[save_as] = path_of(article)
            continue
        problems.append(problem("TD402", slug_place(article, path_of(article)), save_as, other_path=first[save_as]))
    return problems


def list_page_collisions(articles: Iterable, path_of: PathOf, save_as_of: PathOf,
                         list_pages: Collection[str]) -> list[Problem]:
    """A TD406 problem for every article whose output file is one of ``list_pages`` (the
    pages of a year's news: ``index.html``, ``trang-2.html``, … beside the year's articles)."""
    problems = []
    for article in sorted(articles, key=path_of):
        save_as = save_as_of(article)
        if save_as and save_as in list_pages:
            problems.append(problem("TD406", slug_place(article, path_of(article)), save_as))
    return problems


def move_aside(articles: Iterable, path_of: PathOf, save_as_of: PathOf, reserved: Collection[str] = ()) -> None:
    """Give every article after the first that shares an output file, and every article whose
    file is ``reserved`` (a list page), a file of its own (``name-2.html``, ``name-3.html``, …),
    so that a preview can still be written."""
    taken: set[str] = set(reserved)
    for article in sorted(articles, key=path_of):
        save_as = save_as_of(article)
        if save_as in taken:
            number = 2
            while _numbered(article.url, save_as, number)[1] in taken:
                number += 1
            article.override_url, save_as = _numbered(article.url, save_as, number)
            article.override_save_as = save_as
        taken.add(save_as)


def _numbered(url: str, save_as: str, number: int) -> tuple[str, str]:
    """``tin/x.html`` → ``tin/x-2.html``; ``tin/x/`` (saved as ``tin/x/index.html``) → ``tin/x-2/``."""
    if url.endswith("/") and save_as == f"{url}index.html":
        url = f"{url[:-1]}-{number}/"
        return url, f"{url}index.html"
    return _with_number(url, number), _with_number(save_as, number)


def _with_number(name: str, number: int) -> str:
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{number}{path.suffix}"))
