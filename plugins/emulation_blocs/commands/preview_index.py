"""The preview's search index, brought up to date after each build rather than within it:
indexing a whole country takes seconds, and the edited page need not wait for it.

The preview's builds keep the former output's bundle (``BLOCS_SEARCH_INDEX_LATER``,
:mod:`..incremental.produced`); :class:`IndexLater` then indexes the new pages in a thread of
the server. As the preview tools that index after the build do, what a newer build makes old
is dropped rather than waited for, and what is shown is whole:

- Pagefind writes a new bundle into a scratch folder; it is moved into a fresh folder beside
  the output, which then takes the bundle's place in one exchange of the two folders
  (:func:`..commands.build.replace_folder`), under the lock a build holds on the output. A
  build, here or in another terminal, sees the former bundle or the new one, whole: never one
  being written.
- The bundle is put in place only if the output still holds the pages indexed (each page's
  stamp, :func:`..pages.search.page_stamps`): a bundle of pages a build has replaced since is
  dropped and the new output indexed again, until one holds.
- A build of the server stops the run under way (:meth:`IndexLater.building`: its Pagefind
  process is killed, the build does not wait for it); the run is made again after the build.
  Requests that come while a run goes on are merged into one more run; the server stopping
  stops the run (:meth:`IndexLater.close`).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import subprocess
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..folders import ScratchFolder, exclusive
from ..pages.search import (
    INDEX_LATER,
    SCRATCH_PREFIX,
    Stamps,
    failures_logged,
    index_pages,
    kept_folder,
    page_stamps,
)
from ..settings import apply_defaults
from .build import output_lock, replace_folder

logger = logging.getLogger(__name__)


class IndexStopped(Exception):
    """A newer build stopped the run."""


class IndexRun:
    """One indexing of the output, which another thread may stop (:meth:`stop`)."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings
        self.bundle = str(settings["BLOCS_SEARCH_INDEX_PATH"])
        self._lock = threading.Lock()
        self._child: subprocess.Popen[str] | None = None
        self._stopped = False
        self._publishing = threading.Lock()  # held while the bundle is put in place

    def stop(self) -> None:
        """The pages are about to change: Pagefind, if it runs, is killed, and nothing of this
        run is put in place."""
        with self._lock:
            self._stopped = True
            if self._child is not None:
                self._child.kill()

    def wait_published(self) -> None:
        """Until a bundle being put in place is in place: that holds the output's lock for a
        moment, and a build starting meanwhile would wait for it saying another build runs."""
        with self._publishing:
            pass

    def index(self, output: Path) -> bool:
        """Index the pages of ``output`` and put the bundle in place; False when the run must
        be made again (stopped, or the pages changed meanwhile). A failure is said (TD721,
        TD725...) and not made again: the pages are still served."""
        with failures_logged(self.settings):
            try:
                return self._index(output)
            except IndexStopped:
                return False
        return True

    def _index(self, output: Path) -> bool:
        if not output.is_dir():  # nothing to index (deleted since the request)
            return True
        with ScratchFolder(Path(self.settings["CACHE_PATH"]), SCRATCH_PREFIX) as temporary:
            indexed = index_pages(output, self.bundle, temporary, kept_folder(self.settings), self._run)
            fresh = ScratchFolder(output.parent, f".{output.name}-{Path(self.bundle).name}-")
            try:
                for entry in sorted((temporary / "bundle").iterdir()):
                    shutil.move(entry, fresh.path / entry.name)  # a rename on the same file system
                published = self._publish(output, indexed, fresh)
            except BaseException:
                fresh.remove()
                raise
        if not published:
            fresh.remove()
            return False
        logger.info("Pagefind: %d trang đã được đưa vào chỉ mục tìm kiếm", len(indexed))
        return True

    def _publish(self, output: Path, indexed: Stamps, fresh: ScratchFolder) -> bool:
        """Put ``fresh`` in the place of the output's bundle, unless the output no longer holds
        the pages indexed or the run was stopped. Under the output's lock: no build starts,
        links the output's files or puts a new output in place meanwhile."""
        with self._publishing, exclusive(output_lock(output), output, say_waiting=False):
            if self._stopped or not output.is_dir() or page_stamps(output, self.bundle) != indexed:
                return False
            target = output / self.bundle
            target.parent.mkdir(parents=True, exist_ok=True)
            fresh.release()
            replace_folder(target, fresh.path)  # the former bundle, now in fresh.path, is deleted later
        return True

    def _run(self, command: list[str]) -> subprocess.CompletedProcess[str]:
        """Pagefind, as a child that :meth:`stop` may kill."""
        with self._lock:
            if self._stopped:
                raise IndexStopped
            child = self._child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                                   stderr=subprocess.PIPE, text=True)
        out, err = child.communicate()
        with self._lock:
            self._child = None
            if self._stopped:
                raise IndexStopped
        return subprocess.CompletedProcess(command, child.returncode, out, err)


class IndexLater:
    """The preview's search index (see the module's docstring): :meth:`request` after each
    build, made around :meth:`building`."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        complete = dict(settings)
        apply_defaults(complete)  # the server reads its settings file alone, without the plugin's defaults
        self.settings = complete
        self._output: Path | None = None
        self._wanted = False
        self._builds = 0  # builds of this process under way
        self._run: IndexRun | None = None
        self._worker: threading.Thread | None = None
        self._state = threading.Condition()

    def build_overrides(self) -> dict[str, bool]:
        """The settings of a build whose index this brings up to date afterwards."""
        return {"BLOCS_SEARCH_INDEX": False, INDEX_LATER: bool(self.settings.get("BLOCS_SEARCH_INDEX"))}

    def request(self, output: Path) -> None:
        """Index ``output`` once the run under way, if any, is over."""
        if not self.settings.get("BLOCS_SEARCH_INDEX"):
            return
        with self._state:
            self._output = output
            self._wanted = True
            self._state.notify_all()
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="search-index", daemon=True)
                self._worker.start()

    @contextlib.contextmanager
    def building(self) -> Iterator[None]:
        """Around a build of the output: the run under way is stopped (the pages it read are
        about to be replaced) and made again after the build; none starts during it."""
        with self._state:
            self._builds += 1
            run = self._run
            if run is not None:
                run.stop()
        try:
            if run is not None:
                run.wait_published()  # outside the state's lock: the run takes it when done
            yield
        finally:
            with self._state:
                self._builds -= 1
                self._state.notify_all()

    def _work(self) -> None:
        while True:
            with self._state:
                while self._wanted and self._builds:
                    self._state.wait()
                if not self._wanted or self._output is None:
                    self._worker = None  # under the lock: a request from now on starts a new worker
                    return
                self._wanted = False
                output, run = self._output, IndexRun(self.settings)
                self._run = run
            done = run.index(output)
            with self._state:
                self._run = None
                self._wanted = self._wanted or not done

    def close(self, timeout: float = 10) -> None:
        """The server stops: the run under way is stopped (no Pagefind process outlives the
        server, and its scratch folders go), and no other starts."""
        with self._state:
            self._output = None
            if self._run is not None:
                self._run.stop()
        self.wait(timeout)

    def wait(self, timeout: float | None = None) -> None:
        """Until the index is up to date with the last request."""
        with self._state:
            worker = self._worker
        if worker is not None:
            worker.join(timeout)
