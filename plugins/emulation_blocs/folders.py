"""Folders that builds share: one build at a time per folder, scratch folders that a killed
build leaves behind removed by the next, and a finished output put in place in one step.

* :func:`exclusive` holds an advisory lock (``flock(2)``) on a folder or a lock file; a second
  build of the same output or cache folder waits for the first (TD751), then runs. The kernel
  drops the lock of a process that dies, even by ``kill -9``. :func:`exclusive_if_free` takes
  one only if no one holds it, for work that has another way to go on.
* :class:`ScratchFolder` is a new folder that its process keeps locked while using it;
  :func:`remove_abandoned` deletes those nobody holds any more (their process died).
* :func:`exchange` swaps two folders in one ``renameat2(RENAME_EXCHANGE)`` (Linux 3.15 and
  later, on the common local file systems): there is no moment without the output folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .failures import failure

try:
    import fcntl
except ImportError:  # Windows: no advisory locks, builds are not kept apart
    fcntl = None  # type: ignore[assignment]

logger = logging.getLogger(__name__)
# A scratch folder is locked a moment after it is made: a younger one is never taken as abandoned.
GRACE_SECONDS = 10.0
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextlib.contextmanager
def exclusive(lock: Path, what: Path, say_waiting: bool = True) -> Iterator[None]:
    """Hold the lock of ``lock`` (an existing folder, or a file made if needed) for the block;
    while another process holds it, say so (TD751, naming ``what``, unless ``say_waiting`` is
    False: the search index of the preview waits for its own server's builds) and wait."""
    if fcntl is None:
        yield
        return
    descriptor = _open_lock(lock)
    try:
        if not _try_lock(descriptor):
            if say_waiting:
                logger.warning("%s", failure("TD751", path=str(what)))
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


@contextlib.contextmanager
def exclusive_if_free(lock: Path) -> Iterator[bool]:
    """Hold the lock of ``lock`` (as :func:`exclusive`) for the block if no one holds it;
    whether it is held, without waiting."""
    if fcntl is None:
        yield True
        return
    descriptor = _open_lock(lock)
    try:
        yield _try_lock(descriptor)
    finally:
        os.close(descriptor)


def _open_lock(lock: Path) -> int:
    if lock.is_dir():
        return os.open(lock, os.O_RDONLY)
    lock.parent.mkdir(parents=True, exist_ok=True)
    return os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class ScratchFolder:
    """A new folder under ``parent`` named ``prefix`` + random letters, locked by this process
    until :meth:`release` (or its death)."""

    def __init__(self, parent: Path, prefix: str) -> None:
        parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        self._descriptor: int | None = None
        if fcntl is not None:
            self._descriptor = os.open(self.path, os.O_RDONLY)
            fcntl.flock(self._descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None

    def remove(self) -> None:
        self.release()
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *_exc: object) -> None:
        self.remove()


def remove_abandoned(parent: Path, pattern: str) -> list[Path]:
    """Delete what matches ``pattern`` in ``parent`` and no process holds: scratch folders
    and temporary files of a build that was killed. Returns what was deleted."""
    removed = []
    for path in sorted(parent.glob(pattern)) if parent.is_dir() else []:
        if _abandoned(path):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
            removed.append(path)
    return removed


def _abandoned(path: Path) -> bool:
    try:
        if time.time() - path.lstat().st_mtime < GRACE_SECONDS:
            return False
        if fcntl is None or not path.is_dir():
            return True
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        return _try_lock(descriptor)
    finally:
        os.close(descriptor)


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing folders in one step; False where the system cannot (then nothing
    has changed)."""
    rename = _renameat2()
    if rename is None:
        return False
    if rename(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # the file system has no exchange
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))


def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28 and later
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function
