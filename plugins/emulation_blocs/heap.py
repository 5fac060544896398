"""Keeping Python's garbage collector off Pelican's objects while the plugin works.

By the time the plugin runs, Pelican holds every article in memory: tens of thousands of
objects that live until the build ends. Each full collection walks all of them again; with the
plugin's own objects added, a national build spent a fifth of its time there. Frozen objects
are not walked, and the plugin's garbage is still collected; the heap is unfrozen when the
plugin hands back, so Pelican's own steps run exactly as without the plugin.

From the start of a build until its pages are written, the collector does not run at all
(:func:`pause_until_writing`): what is made while the articles are read and the archive is
put together lives until the end of the build, so each full collection only walked it again
(0.6 s of a preview at 4,000 articles, 2 s in a preview server that has built before). Pages
are written with the collector on: rendering leaves much garbage (a build that rendered every
page with it off peaked at twice the memory).

While a helper process shares the writing of pages (:mod:`.parallel`), the heap stays frozen
in this process too: a collection writes into every object it walks, which would copy into
this process every memory page it still shares with the helper.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

_holds = 0  # freezes not yet released: the heap is unfrozen when the last one is
_build_pause = ExitStack()  # collections_paused(), from a build's start until its writing


def hold() -> None:
    """Freeze what is on the heap now, until the matching :func:`release`."""
    global _holds
    gc.freeze()
    _holds += 1


def release() -> None:
    global _holds
    _holds -= 1
    if _holds == 0:
        gc.unfreeze()


@contextmanager
def objects_frozen() -> Iterator[None]:
    """Collections inside the block walk only the objects created inside it."""
    hold()
    try:
        yield
    finally:
        release()


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
    """Connected to ``all_generators_finalized`` (the pages are about to be written); called
    again when a build ends, however it ends, so that a failed build leaves the collector on."""
    _build_pause.close()
