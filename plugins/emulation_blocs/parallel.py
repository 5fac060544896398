"""Work for a second core, in a forked helper process.

Pelican renders and writes every page in one process, one after the other. Once every
generator has its context, nothing more is read, and rendering a page changes nothing that
another page shows: a helper forked at that moment can render pages while this process goes
on (:class:`SharedJobs`). The pages shared are listed in the order this process writes them
(the articles as Pelican writes them, then the plugin's pages and data); this process takes
them from the front as it reaches them, the helper from the back, and a flag per page in
shared memory makes sure each is claimed by one of them only.

Every write still passes through this process's writer: for a page the helper claimed it only
does Pelican's bookkeeping and sends ``content_written``, so whatever listens (the sitemap)
learns of every page here, in the usual order. Before the plugin's last generator ends, this
process waits for the helper and takes in what it reports (its entries of the page cache,
the sizes and checksums of the data files it wrote).

Reading is shared the same way, by the build and by ``check`` (:mod:`.shared_reading`): a
helper forked before Pelican reads takes the files from the back of its list.

Fork is used only where it is safe and useful: a POSIX system, no other thread running
(forking copies a lock held by another thread in its held state; the one exception is the
thread that redraws Pelican's progress line, see ``_harmless``), and more than one core.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
import threading
import traceback
from collections import Counter
from collections.abc import Callable
from typing import Any

from . import heap

Job = Callable[[Any], None]  # writes one page or data file with the writer it is given


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


class Helper:
    """A forked process that runs ``work()``; :meth:`result` waits for what it returned.

    It reports through a file (a pipe could fill up and block it if this process stopped on
    an error)."""

    def __init__(self, work: Callable[[], Any]) -> None:
        _stop_running_helpers()
        handle, self._report_path = tempfile.mkstemp(prefix="emulation-blocs-", suffix=".pickle")
        pid = os.fork()
        if pid:
            os.close(handle)
            self._pid: int | None = pid
            _running.append(self)
            heap.hold()  # until the helper ends: see heap.py
            return
        status = 0
        try:
            _quiet_console()
            gc.freeze()  # the inherited objects are never collected here: their pages stay shared
            result: tuple = ("done", work())
        except BaseException:  # the helper must never return into the caller's stack
            result, status = ("failed", traceback.format_exc()), 1
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(status)

    def result(self) -> Any:
        outcome = self._wait()
        if outcome[0] != "done":
            raise RuntimeError(f"Tiến trình phụ bị lỗi:\n{outcome[1]}")
        return outcome[1]

    def stop(self) -> None:
        """End the helper without waiting for its work (this process failed)."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGTERM)
            self._wait()

    def _wait(self) -> tuple:
        if self._pid is None:
            return ("failed", "tiến trình phụ đã dừng")
        pid, self._pid = self._pid, None
        if self in _running:
            _running.remove(self)
        os.waitpid(pid, 0)
        heap.release()
        try:
            with open(self._report_path, "rb") as stream:
                return pickle.load(stream)
        except (OSError, EOFError, pickle.PickleError):
            return ("failed", "tiến trình phụ dừng mà không báo kết quả")
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._report_path)


class SharedJobs:
    """Named jobs (pages and data files to write, or files to read), each done once, by this
    process or by the helper.

    A name listed twice (a page written twice, one write overriding the other) stays with this
    process, so that Pelican's rules about files written twice apply as usual."""

    def __init__(self, jobs: list[tuple[str, Job]]) -> None:
        counts = Counter(name for name, _job in jobs)
        self._jobs = [(name, job) for name, job in jobs if counts[name] == 1]
        self._index = {name: number for number, (name, _job) in enumerate(self._jobs)}
        self._claimed = multiprocessing.RawArray("b", len(self._jobs))
        self._lock = multiprocessing.Lock()
        self._in_helper = False
        self._helper: Helper | None = None

    def __len__(self) -> int:
        return len(self._jobs)

    def helper_has(self, name: str) -> bool:
        """In this process: whether the helper claimed ``name``; if not, it is this process's
        from now on. In the helper: always False (it writes what it is given)."""
        if self._in_helper:
            return False
        number = self._index.get(name)
        return number is not None and not self._claim(number)

    def _claim(self, number: int) -> bool:
        with self._lock:
            if self._claimed[number]:
                return False
            self._claimed[number] = 1
            return True

    def start_helper(self, make_writer: Callable[[], Any], report: Callable[[], Any]) -> None:
        """Fork a helper that claims jobs from the back until it meets this process; what
        ``report()`` returns there, :meth:`finish` returns here."""
        self._helper = Helper(lambda: self._help(make_writer(), report))

    def _help(self, writer: Any, report: Callable[[], Any]) -> Any:
        self._in_helper = True
        for number in reversed(range(len(self._jobs))):
            if self._claim(number):
                self._jobs[number][1](writer)
        return report()

    def finish(self) -> Any:
        """Wait for the helper; its report (None without a helper)."""
        helper, self._helper = self._helper, None
        return helper.result() if helper is not None else None


# A helper whose build failed before waiting for it must not go on writing into the output.
_running: list[Helper] = []


@atexit.register
def _stop_running_helpers() -> None:
    for helper in list(_running):
        helper.stop()
