"""Keeping Python's garbage collector off the objects of a build while it reads and aggregates.

From the start of a build until its pages are written, the collector does not run at all
(:func:`pause_until_writing`): what is made while the articles are read and the archive is
put together lives until the end of the build, so each full collection would only walk it
again. Pages are written with the collector on, since rendering leaves much garbage, but with
what the build made before set aside (``gc.freeze``, :func:`resume_collections`): otherwise
the first collections of the writing walk every article and the whole archive, which no
collection can free, and move them up generation by generation to the oldest, whose full
collections walk them again. They are given back to the collector when the build ends
(:func:`end_of_build`), so that a process that builds again can free them. Deleting this
module's signal handlers changes no output, only the time a build takes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

_build_pause = ExitStack()  # collections_paused(), from a build's start until its writing


@contextmanager
def collections_paused() -> Iterator[None]:
    """No collection inside the block: for work that makes many objects that all live on (a
    check loading and aggregating a whole archive), where every full collection would walk
    them all again for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pause_until_writing(_pelican: object) -> None:
    """Connected to Pelican's ``initialized``: :func:`collections_paused` until
    :func:`resume_collections`."""
    _build_pause.enter_context(collections_paused())


def resume_collections(*_sender: object) -> None:
    """Connected to ``all_generators_finalized`` (the pages are about to be written): every
    object tracked so far is moved out of the collector's generations, then the collector is
    turned on again."""
    if gc.isenabled():
        return  # not paused (a build that does not read): nothing of it to set aside
    gc.freeze()
    _build_pause.close()


def end_of_build(*_sender: object) -> None:
    """Connected to ``finalized``, and called when a build ends however it ends: the collector
    is on, and what :func:`resume_collections` set aside is collectable again."""
    _build_pause.close()
    gc.unfreeze()
