"""Every file of the content folder is read or reported.

Pelican reads, under ``ARTICLE_PATHS`` and ``PAGE_PATHS``, only the files whose extension is
one of its readers' (here Markdown's, lower case); the plugin reads the registry files. Any
other file was once dropped without a word: a report saved as ``.MD`` or ``.txt``, or named
``..md`` (which has no extension to Pelican), never reached the site. Each such file is a
TD701 problem, in check as in the build: the preview says it, the published build stops.

Not reported: files matched by ``IGNORE_FILES``, files under ``STATIC_PATHS`` (copied as they
are), and hidden files (a name starting with «.») that do not look like a report or a
registry file — the ones that systems, editors and git leave (``.DS_Store``, ``.gitkeep``,
``.bai.md.swp``).
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..problems import Place, Problem, problem
from ..settings import DEFAULTS
from .content_files import sorted_entries
from .reader import ReportReader

NATIONAL_FILE = "national.yaml"
PROVINCES_FOLDER = "provinces"
REGISTRY_EXTENSION = ".yaml"
_READ_EXTENSIONS = frozenset(ReportReader.file_extensions)
_CONTENT_EXTENSIONS = (*ReportReader.file_extensions, "yaml", "yml")

_NO_NAME = ("tên tệp không có phần tên trước đuôi «{extension}», nên không được coi là bài",
            "Đặt tên tệp theo dạng NĂM-THÁNG-NGÀY-tên-bài.md, ví dụ «2021-12-30-khoi-mttq-tong-ket-2021.md».")
_UPPER_CASE = ("đuôi «{extension}» phải viết chữ thường",
               "Đổi tên tệp, viết đuôi bằng chữ thường: «{lower}».")
_NOT_MARKDOWN = ("trong thư mục bài chỉ các tệp Markdown «.md» được đọc",
                 "Nếu đây là một bài, chép nội dung sang một tệp .md có phần khai báo (xem "
                 "docs/huong-dan-bien-tap.md); nếu không, chuyển tệp ra khỏi thư mục content/.")
_NOT_REGISTRY = ("trong thư mục danh mục chỉ «national.yaml» và các tệp «provinces/<mã tỉnh>.yaml» được đọc",
                 "Đặt danh mục của một tỉnh vào «provinces/<mã tỉnh>.yaml» (đuôi .yaml viết thường); "
                 "tệp khác thì chuyển ra khỏi thư mục content/.")
_NOT_YAML = ("tệp danh mục phải có đuôi «.yaml» viết thường, không phải «{extension}»",
             "Đổi tên tệp thành «{name}.yaml».")
_ELSEWHERE = ("chỉ các tệp trong thư mục bài ({articles}) và thư mục danh mục ({registry}) được đọc",
              "Chuyển tệp vào đúng thư mục, hoặc ra khỏi thư mục content/.")


def unread_files(settings: Mapping[str, Any]) -> list[Problem]:
    """A TD701 problem for every file of the content folder that nothing reads."""
    root = os.path.abspath(str(settings["PATH"]))
    sources = _prefixes(settings, "ARTICLE_PATHS", "PAGE_PATHS")
    static = _prefixes(settings, "STATIC_PATHS")
    registry = _prefixes(settings, "BLOCS_REGISTRY_PATH")
    ignored = re.compile("|".join(fnmatch.translate(pattern) for pattern in settings.get("IGNORE_FILES", []))
                         or "(?!)")
    found = []
    links: list[str] = []
    files = list(_files(root, links=links))
    # What a link among the sources leads to is read through it (or refused, TD601-TD603).
    reached = tuple(os.path.realpath(os.path.join(root, link)) for link in links if link.startswith(sources))
    for relative, name in files:
        if reached and _reached(os.path.realpath(os.path.join(root, relative)), reached):
            continue
        # Nearly every file is an article: one test of its folder and one of its extension.
        if relative.startswith(sources) and os.path.splitext(name)[1][1:] in _READ_EXTENSIONS:
            continue
        if ignored.match(name) or relative.startswith(static):
            continue
        reason = _why_unread(relative, name, sources, registry, settings)
        if reason is not None:
            detail, fix = reason
            found.append(problem("TD701", Place(relative, 1), name, detail=detail, fix=fix))
    return found


def _prefixes(settings: Mapping[str, Any], *names: str) -> tuple[str, ...]:
    """``"articles/"`` for the folder ``articles`` of a setting; ``""`` (every path) for the
    content folder itself."""
    folders = [value for name in names for value in _as_list(settings.get(name, DEFAULTS.get(name, [])))]
    return tuple("" if str(folder).strip("/.") == "" else f"{str(folder).strip('/')}/" for folder in folders)


def _as_list(value: object) -> list:
    return list(value) if isinstance(value, list | tuple) else [value]


def _reached(path: str, targets: tuple[str, ...]) -> bool:
    return any(path == target or path.startswith(target + os.sep) for target in targets)


def _files(root: str, folder: str = "", links: list[str] | None = None) -> Iterator[tuple[str, str]]:
    """``(path from root, name)`` of every file, depth first. Links are left to the listing of
    the content (:mod:`.content_files`), which follows or refuses each (TD601–TD603); their
    paths go to ``links``."""
    for entry in sorted_entries(os.path.join(root, folder)):
        relative = f"{folder}/{entry.name}" if folder else entry.name
        if entry.is_symlink():
            if links is not None:
                links.append(relative)
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _files(root, relative, links)
        else:
            yield relative, entry.name


def _why_unread(relative: str, name: str, sources: tuple[str, ...], registry: tuple[str, ...],
                settings: Mapping[str, Any]) -> tuple[str, str] | None:
    """``(detail, fix)`` for a file nothing reads, or None for one that is read or left alone."""
    extension = name.rsplit(".", 1)[1] if "." in name else ""
    if name.startswith(".") and extension.lower() not in _CONTENT_EXTENSIONS:
        return None  # left by the system, an editor or git
    if relative.startswith(registry):  # first: the articles' folder may hold it ("" is every folder)
        inside = relative[len(next(prefix for prefix in registry if relative.startswith(prefix))):]
        if inside == NATIONAL_FILE or (inside.startswith(f"{PROVINCES_FOLDER}/") and "/" not in
                                       inside[len(PROVINCES_FOLDER) + 1:] and name.endswith(REGISTRY_EXTENSION)):
            return None
        return _registry_reason(name, extension)
    if relative.startswith(sources):
        return _article_reason(name, extension)
    articles = ", ".join(prefix or "./" for prefix in _prefixes(settings, "ARTICLE_PATHS"))
    return _ELSEWHERE[0].format(articles=articles, registry=registry[0] if registry else "registry/"), _ELSEWHERE[1]


def _article_reason(name: str, extension: str) -> tuple[str, str]:
    if extension in ReportReader.file_extensions:  # only a dot or dots before it: "..md", ".md"
        return _NO_NAME[0].format(extension=f".{extension}"), _NO_NAME[1]
    if extension.lower() in ReportReader.file_extensions:
        return _UPPER_CASE[0].format(extension=f".{extension}"), _UPPER_CASE[1].format(lower=_lowered(name))
    return _NOT_MARKDOWN


def _registry_reason(name: str, extension: str) -> tuple[str, str]:
    if extension.lower() in ("yaml", "yml") and extension != "yaml":
        return _NOT_YAML[0].format(extension=f".{extension}"), _NOT_YAML[1].format(name=name.rsplit(".", 1)[0])
    return _NOT_REGISTRY


def _lowered(name: str) -> str:
    stem, extension = name.rsplit(".", 1)
    return f"{stem}.{extension.lower()}"
