"""A value worked out from files, kept pickled in Pelican's cache folder while its inputs are
unchanged (read with ``LOAD_CONTENT_CACHE``, written with ``CACHE_CONTENT``)."""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def remembered(settings: Mapping, name: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave last time for the same ``key``."""
    path = Path(settings["CACHE_PATH"]) / f"emulation_blocs-{name}.pickle"
    if settings.get("LOAD_CONTENT_CACHE") and path.exists():
        with contextlib.suppress(OSError, EOFError, AttributeError, ValueError, pickle.PickleError):
            stored_key, value = pickle.loads(path.read_bytes())
            if stored_key == key:
                return value
    value = compute()
    if settings.get("CACHE_CONTENT"):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
    return value
