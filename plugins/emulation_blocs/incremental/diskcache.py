"""Every cache the plugin keeps on disk goes through here: written atomically, read defensively.

Writing: the bytes go to a temporary file of a unique name in the cache's own folder, which
then replaces the cache in one ``rename(2)``. A build killed at any moment, or two builds
saving at once, leave either the former cache or a whole new one, never half of one; a
temporary file left by a killed build never has the name another build writes.

Reading: a cache that cannot be read (truncated, written by another version of Python, or
holding objects of classes that have since moved or gone: ``ModuleNotFoundError``,
``AttributeError`` while unpickling) is dropped with a warning (TD750) and built again from
the sources, never a crash. A cache is only ever a shortcut: deleting it changes how long
a build takes, not what it writes.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any, TypeVar

from ..failures import failure

T = TypeVar("T")
logger = logging.getLogger(__name__)
_MISSING = object()
TEMPORARY_SUFFIX = ".tmp"


def write_atomically(path: str | os.PathLike, write: Callable[[IO[bytes]], object]) -> None:
    """Call ``write`` with a binary file that, once it returns, replaces ``path`` in one rename."""
    folder = os.path.dirname(os.fspath(path)) or "."
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=TEMPORARY_SUFFIX, dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def save_bytes(path: str | os.PathLike, data: bytes) -> None:
    write_atomically(path, lambda stream: stream.write(data))


def save_pickle(path: str | os.PathLike, value: object, compressed: bool = False) -> None:
    """``value`` pickled into ``path`` (gzip-compressed when ``compressed``), atomically."""
    def write(stream: IO[bytes]) -> None:
        if compressed:
            with gzip.GzipFile(fileobj=stream, mode="wb", mtime=0) as packed:
                pickle.dump(value, packed, protocol=pickle.HIGHEST_PROTOCOL)
        else:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
    write_atomically(path, write)


def load_pickle(path: str | os.PathLike, default: Any = None, compressed: bool = False) -> Any:
    """What ``path`` holds, or ``default`` when there is no such file; a file that cannot be
    unpickled gives ``default`` too, with warning TD750."""
    try:
        with open(path, "rb") as raw:
            if compressed:
                with gzip.GzipFile(fileobj=raw, mode="rb") as packed:
                    return pickle.load(packed)
            return pickle.load(raw)
    except FileNotFoundError:
        return default
    # Unpickling can fail in nearly any way for bytes that are not a whole pickle of the classes
    # that exist now; whatever the failure, the cache is only rebuilt.
    except Exception as error:
        dropped(path, error)
        return default


def load_text(path: str | os.PathLike) -> str:
    """The text of ``path``; empty when it is missing or unreadable (with TD750)."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as error:
        dropped(path, error)
        return ""


def dropped(path: str | os.PathLike, error: BaseException) -> None:
    logger.warning("%s", failure("TD750", path=os.fspath(path), detail=f"{type(error).__name__}: {error}"))


def remembered(settings: Mapping, name: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave last time for the same ``key``: a value worked out from
    files, kept in Pelican's cache folder while its inputs are unchanged (read with
    ``LOAD_CONTENT_CACHE``, written with ``CACHE_CONTENT``)."""
    path = Path(settings["CACHE_PATH"]) / f"emulation_blocs-{name}.pickle"
    if settings.get("LOAD_CONTENT_CACHE"):
        stored = load_pickle(path, _MISSING)
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
            return stored[1]
    value = compute()
    if settings.get("CACHE_CONTENT"):
        save_pickle(path, (key, value))
    return value
