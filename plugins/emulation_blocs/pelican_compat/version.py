"""The versions of Pelican the plugin was tested with, checked when Pelican registers it."""

from __future__ import annotations

import pelican

from ..failures import failure

TESTED = ("4.12.",)  # prefixes of the versions whose internals pelican_compat/ was checked against


class UntestedPelican(SystemExit):
    """Raised at registration with TD752, in Vietnamese and English. A ``SystemExit``, because
    Pelican catches any ``Exception`` from a plugin's ``register()``, logs it and builds the
    site without the plugin: pages missing, exit status 0."""


def check_version(version: str | None = None) -> None:
    version = pelican.__version__ if version is None else version
    if not version.startswith(TESTED):
        raise UntestedPelican(failure(
            "TD752", version=version, tested=", ".join(f"{prefix}x" for prefix in TESTED)))
