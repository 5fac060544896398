"""A content object's path in the content folder, worked out once per file.

Pelican 4.12's ``Content.get_relative_source_path`` makes two absolute paths and a relative
one at every call, and a build calls it several times per article: when the article is made,
when it is recorded in the context, and each time its URL or file is formatted (the pattern
may use ``{path}``). The answer depends only on the content folder and the file's path: when
both are absolute (Pelican makes ``PATH`` absolute, and its generators give absolute source
paths) it is the same at every call, whatever the working folder, and is kept. Any other
call is left to Pelican's method.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

from pelican.contents import Content


def apply() -> None:
    """Put the remembering method in the place of Pelican's (once per process)."""
    if not hasattr(Content.get_relative_source_path, "__wrapped__"):
        setattr(Content, "get_relative_source_path",  # noqa: B010 (mypy: no method assignment)
                _remembering(Content.get_relative_source_path))


@functools.lru_cache(maxsize=1 << 16)
def _relative(method: Callable, content_root: str, source_path: str) -> str | None:
    return method(_Stub(content_root), source_path)


class _Stub:
    """What Pelican's method reads of a content object given a source path: its settings' ``PATH``."""

    def __init__(self, content_root: str) -> None:
        self.settings = {"PATH": content_root}


def _remembering(method: Callable) -> Callable:
    @functools.wraps(method)
    def get_relative_source_path(self: Any, source_path: str | None = None) -> str | None:
        path = source_path or self.source_path
        content_root = self.settings["PATH"]
        if isinstance(path, str) and isinstance(content_root, str) and os.path.isabs(path) \
                and os.path.isabs(content_root):
            return _relative(method, content_root, path)
        return method(self, source_path)
    return get_relative_source_path
