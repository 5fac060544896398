"""Slugs that cannot make a file: empty, or too long.

A name with no letter or digit left once slugified ("!!!", "..."), gives a hidden file
(``tin/2020/.html``) that web servers refuse to serve; a slug of a few hundred bytes gives a
file name longer than the 255 bytes file systems allow, and the build would stop. Both are
coded problems, in check as in the build. So that a preview can still be written, such an
article or registry entry is given a stand-in slug made from where it comes from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath
from typing import Any

from ..problems import Place, Problem, problem
from .collisions import slug_place

# The longest file name that common file systems (ext4, XFS, Btrfs, APFS, NTFS) accept, in bytes.
NAME_MAX = 255
PathOf = Callable[[Any], str]
_ARTICLE_EMPTY = ("Đặt tên tệp có chữ hoặc số, ví dụ «2021-12-30-khoi-mttq-tong-ket-2021.md», hoặc thêm "
                  "trường «slug: khoi-mttq-tong-ket-2021».")
_ARTICLE_LONG = ("Đặt tên tệp ngắn hơn (hoặc một trường «slug» ngắn hơn), tối đa {limit} byte: chỉ giữ "
                 "ngày, khối và loại hội nghị, ví dụ «2021-12-30-khoi-mttq-tong-ket-2021.md».")
_ENTRY_EMPTY = "Thêm trường «id» cho mục này, viết chữ thường không dấu nối bằng gạch ngang, ví dụ «id: khoi-1»."
_ENTRY_LONG = ("Đặt «id» ngắn hơn cho mục này (tối đa {limit} byte), ví dụ chữ viết tắt của tên: "
               "«id: hoi-lhpn»; tên đầy đủ vẫn hiện trên trang.")


def stand_in(origin: str) -> str:
    """A slug for what has none that can be used, the same for the same origin in every build."""
    return "tam-" + hashlib.sha256(origin.encode("utf-8")).hexdigest()[:12]


def slug_fits(slug: str, limit: int) -> bool:
    """Whether ``slug`` can make a file: :func:`slug_problem` finds nothing."""
    return bool(slug.strip("-")) and len(slug.encode("utf-8")) <= limit


def slug_problem(slug: str, name: str, place: Place, limit: int, from_name: bool = True) -> Problem | None:
    """TD702 or TD703 for the id of a registry entry (``slug``, made from ``name`` when
    ``from_name``), or None when it can make a file."""
    if not slug.strip("-"):
        return problem("TD702", place, name, fix=_ENTRY_EMPTY)
    length = len(slug.encode("utf-8"))
    if length > limit:
        fix = _ENTRY_LONG.format(limit=limit)
        if not from_name:
            fix = fix.replace("cho mục này", "cho mục này (và giữ «id» cũ trong «former_ids» nếu đã công bố)")
        return problem("TD703", place, slug, length=length, limit=limit, fix=fix)
    return None


def article_slug_problems(articles: Iterable, path_of: PathOf, save_as_of: PathOf, limit: int) -> list[Problem]:
    """TD702 or TD703 for every article whose file would be hidden or too long."""
    return [found for article in articles
            for found in [_article_problem(article, path_of(article), save_as_of(article), limit)] if found]


def _article_problem(article: Any, path: str, save_as: str, limit: int) -> Problem | None:
    slug = str(getattr(article, "slug", "") or "")
    if not save_as or _certainly_fits(slug, save_as, limit):
        return None
    given = "slug" in article.metadata.get("report_data", {})
    place = slug_place(article, path)
    parts = PurePosixPath(save_as).parts
    if not slug.strip("-") or any(part.startswith(".") for part in parts):
        return problem("TD702", place, slug if given else PurePosixPath(path).name, fix=_ARTICLE_EMPTY)
    longest = max([len(slug.encode("utf-8")) - limit, *(len(part.encode("utf-8")) - NAME_MAX for part in parts)])
    if longest > 0:
        shown = slug if len(slug.encode("utf-8")) > limit else max(parts, key=len)
        bound = limit if shown == slug else NAME_MAX
        return problem("TD703", place, shown, length=len(shown.encode("utf-8")), limit=bound,
                       fix=_ARTICLE_LONG.format(limit=limit))
    return None


def _certainly_fits(slug: str, save_as: str, limit: int) -> bool:
    """True when :func:`_article_problem` finds nothing, as for nearly every article: a slug
    that fits, no name in the path that begins with a dot, and the whole path no longer than
    a name may be (without splitting it into its parts)."""
    return slug_fits(slug, limit) and "/." not in "/" + save_as and len(save_as.encode("utf-8")) <= NAME_MAX


def move_to_stand_ins(problems: Iterable[Problem], articles: Iterable, path_of: PathOf) -> None:
    """Give every article with a TD702 or TD703 a file named by its stand-in slug (in the
    same folder as the file it would have had), so that a preview can be written."""
    refused = {found.path for found in problems if found.code in ("TD702", "TD703")}
    if not refused:
        return
    for article in articles:
        path = path_of(article)
        if path in refused and article.save_as:
            name = stand_in(path)
            article.override_save_as = _renamed(article.save_as, name)
            article.override_url = _renamed(article.url, name) if article.url else article.override_save_as


def _renamed(address: str, name: str) -> str:
    """``tin/2020/.html`` → ``tin/2020/tam-….html``; the folders kept if they can be."""
    parts = PurePosixPath(address).parts
    folders = [part if not part.startswith(".") and len(part.encode("utf-8")) <= NAME_MAX else name
               for part in parts[:-1]]
    last = parts[-1] if parts else ""
    suffix = "." + last.rsplit(".", 1)[1] if "." in last else ""
    return str(PurePosixPath(*folders, name + (suffix if len(suffix) < 16 else "")))
