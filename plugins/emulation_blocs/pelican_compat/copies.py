"""Pelican 4.12's copying of static files (the theme's, the content's), written the way the
plugin writes every file, and listed among the files a build produced
(:mod:`..incremental.produced`).

``pelican.utils.copy_file`` writes into the destination (``shutil.copyfile``). In a preview the
destination is a hard link to the file the site is serving (:mod:`..incremental.hardlinks`):
a changed theme file would change the served site before the build ends, and stay changed if
the build fails. :func:`apply` puts :func:`copy_file` in its place: the file is replaced only
when its bytes differ, by a new file. The static files Pelican finds unchanged and does not
copy are listed too (:func:`note_static_files`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from typing import Any

from pelican import utils as pelican_utils

from ..incremental.produced import note_file
from ..incremental.writer import write_chunks_if_changed

logger = logging.getLogger(__name__)
_CHUNK = 1 << 20


def apply() -> None:
    """Replace ``pelican.utils.copy_file``, which ``pelican.utils.copy`` calls (once per process)."""
    if pelican_utils.copy_file is not copy_file:
        pelican_utils.copy_file = copy_file


def copy_file(source: str, destination: str) -> None:
    """Pelican's ``copy_file``: ``destination`` gets the bytes of ``source``, and a problem is
    a warning, as in Pelican."""
    try:
        write_chunks_if_changed(destination, _chunks(source))
    except OSError as error:
        logger.warning("A problem occurred copying file %s to %s; %s", source, destination, error)


def _chunks(path: str) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            yield chunk


def note_static_files(generator: Any) -> None:
    """``static_generator_finalized`` handler: every static file of the content is the build's,
    copied or found unchanged."""
    for static in generator.staticfiles:
        note_file(os.path.join(generator.output_path, static.save_as))
