"""Sharing a list of jobs between this process and a forked helper, for a second core.

Pelican renders and writes every page in one process. Once the articles are read, the
plugin's pages need nothing more from Pelican, so a helper forked at that moment can render
them while Pelican writes the articles; when Pelican reaches the plugin, this process takes
the jobs the helper has not taken yet. Each takes the next job from a counter in shared
memory, so neither waits while work is left.

The helper reports what it did through a file (a pipe could fill up and block it if this
process stopped on an error). Fork is used only where it is safe and useful: a POSIX system,
no other thread running (forking copies a lock held by another thread in its held state; the
one exception is the thread that redraws Pelican's progress line, see ``_harmless``), and more
than one core.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from typing import Any

Work = Callable[[int], None]


def can_fork(workers: int) -> bool:
    return workers > 1 and hasattr(os, "fork") and all(map(_harmless, threading.enumerate()))


def _harmless(thread: threading.Thread) -> bool:
    """The main thread, or the one that redraws Pelican's progress line (rich): it holds only
    the console's locks, and the helper never writes to that console (see _quiet_console)."""
    return thread is threading.main_thread() or type(thread).__module__.startswith("rich.")


def _quiet_console() -> None:
    """In the helper: log to standard error directly, never through rich's console, whose lock
    the redrawing thread may have held at the moment of the fork."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logging.root.handlers = [handler]
    for logger in logging.root.manager.loggerDict.values():
        if isinstance(logger, logging.Logger):
            logger.handlers = [item for item in logger.handlers if not type(item).__module__.startswith("rich.")]


class SharedJobs:
    """Jobs ``0 … count-1``, each done once, by this process or by the helper."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._next = multiprocessing.RawValue("q", 0)
        self._lock = multiprocessing.Lock()
        self._helper: int | None = None
        self._report_path = ""

    def take(self) -> int | None:
        with self._lock:
            index = int(self._next.value)
            if index >= self.count:
                return None
            self._next.value = index + 1
            return index

    def start_helper(self, work: Work, report: Callable[[], Any]) -> None:
        """Fork a helper that does jobs until none is left, then writes ``(done, report())``."""
        handle, self._report_path = tempfile.mkstemp(prefix="emulation-blocs-", suffix=".pickle")
        pid = os.fork()
        if pid:
            os.close(handle)
            self._helper = pid
            return
        status = 0
        try:
            _quiet_console()
            gc.freeze()  # the inherited objects are never collected here: their pages stay shared
            done = []
            while (index := self.take()) is not None:
                work(index)
                done.append(index)
            result: tuple = ("done", done, report())
        except BaseException:  # the helper must never return into the caller's stack
            result, status = ("failed", traceback.format_exc(), None), 1
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(status)

    def finish(self, work: Work) -> tuple[list[int], Any]:
        """Do the jobs left, wait for the helper; its done jobs and report (none without one)."""
        try:
            while (index := self.take()) is not None:
                work(index)
        finally:
            result = self._wait()
        if result is None:
            return [], None
        if result[0] != "done":
            raise RuntimeError(f"Tiến trình phụ dựng trang bị lỗi:\n{result[1]}")
        return result[1], result[2]

    def _wait(self) -> tuple | None:
        if self._helper is None:
            return None
        os.waitpid(self._helper, 0)
        self._helper = None
        try:
            with open(self._report_path, "rb") as stream:
                return pickle.load(stream)
        except (OSError, EOFError, pickle.PickleError):
            return ("failed", "tiến trình phụ dừng mà không báo kết quả", None)
        finally:
            os.unlink(self._report_path)
