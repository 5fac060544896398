"""Fingerprints of what a page is made from, so that a rebuild can tell which pages may have
changed without rendering them.

A page is made from its sources (article files, the registry), the settings, the templates and
the code that renders it. :func:`site_fingerprint` covers what every page shares; the
generator adds each page's own sources. Two builds that give a page the same fingerprint
render it to the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_DISTRIBUTIONS = ("pelican", "jinja2", "markupsafe", "markdown", "pyyaml", "babel", "orjson")
PLUGIN_FOLDER = Path(__file__).parent.parent
# Settings that change how a build runs, not what a page shows.
BUILD_ONLY_SETTINGS = frozenset({
    "OUTPUT_PATH", "DELETE_OUTPUT_DIRECTORY", "OUTPUT_RETENTION", "CACHE_CONTENT", "LOAD_CONTENT_CACHE",
    "CACHE_PATH", "GZIP_CACHE", "CHECK_MODIFIED_METHOD", "CONTENT_CACHING_LAYER", "BLOCS_STRICT",
    "BLOCS_RENDER_CACHE", "BLOCS_SEARCH_INDEX", "BLOCS_SEARCH_INDEX_LATER",
})


def digest(*parts: object) -> str:
    """A short stable hash of ``parts`` (text, bytes, or anything :func:`stable_repr` takes)."""
    hashed: list[bytes] = []
    for part in parts:
        data = part if isinstance(part, bytes) else stable_repr(part).encode("utf-8", "surrogatepass")
        hashed += (len(data).to_bytes(8, "little"), data)
    return hashlib.blake2b(b"".join(hashed), digest_size=16).hexdigest()  # one call: keys are many and short


def stable_repr(value: object) -> str:
    """A text for ``value`` that is the same in every process: dictionaries and sets sorted,
    functions and classes by name, no memory addresses."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Mapping):
        items = sorted((stable_repr(key), stable_repr(item)) for key, item in value.items())
        return "{" + ", ".join(f"{key}: {item}" for key, item in items) + "}"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(stable_repr(item) for item in value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(stable_repr(item) for item in value) + "]"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"<{getattr(value, '__module__', '')}.{value.__qualname__}>"
    return _ADDRESS.sub("", repr(value))


def stable_list(texts: Iterable[str]) -> bytes:
    """What :func:`digest` takes for a list whose items' :func:`stable_repr` are ``texts``:
    the same digest, with each item's text made once where items recur."""
    return ("[" + ", ".join(texts) + "]").encode("utf-8", "surrogatepass")


def files_fingerprint(folders: Iterable[Path], pattern: str = "*") -> str:
    """The names and contents of the files under ``folders`` matching ``pattern``."""
    hasher = hashlib.blake2b(digest_size=16)
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob(pattern)):
            if path.is_symlink():  # a link that leads nowhere or outside is a problem to report
                hasher.update(f"{path.relative_to(folder).as_posix()} -> {os.readlink(path)}".encode(
                    "utf-8", "surrogateescape"))
            if path.is_file():
                hasher.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape"))
                hasher.update(path.read_bytes())
    return hasher.hexdigest()


@cache  # the code does not change while a process runs (the preview restarts for new code)
def code_fingerprint() -> str:
    """The plugin's own code and templates, and the versions of what renders pages."""
    versions = []
    for name in _DISTRIBUTIONS:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return digest(sys.version, versions, files_fingerprint([PLUGIN_FOLDER], "*.py"),
                  files_fingerprint([PLUGIN_FOLDER / "pages" / "templates"]),
                  files_fingerprint([PLUGIN_FOLDER / "source" / "schemas"]))


def template_folders(settings: Mapping) -> list[Path]:
    """Where Pelican looks for templates: the overrides, then the theme."""
    folders = [Path(folder) for folder in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    folders.append(Path(settings["THEME"]) / "templates")
    return folders


def site_fingerprint(settings: Mapping, registry_folder: Path) -> str:
    """What every page shares: settings, templates, code and the registry.

    Settings about the build itself are left out, the output folder among them: a page is the
    same wherever it is written (the page cache checks that the file is still there)."""
    shared = {key: value for key, value in settings.items() if key not in BUILD_ONLY_SETTINGS}
    return digest(shared, files_fingerprint(template_folders(settings)), code_fingerprint(),
                  files_fingerprint([registry_folder]))


def file_stamp(path: str | os.PathLike) -> tuple[int, int]:
    """(modification time in ns, size): when both are unchanged the file is taken as unchanged."""
    stat = os.stat(path)
    return stat.st_mtime_ns, stat.st_size
