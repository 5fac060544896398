"""Building the site without ever leaving a half-written ``output/``.

Pelican writes into its output folder as it goes, and deletes it first when
``DELETE_OUTPUT_DIRECTORY`` is set. Here Pelican writes into a fresh folder beside the
output (``.output-XXXXXXXX``); only a build that succeeds puts it in the output's place, in
one atomic exchange of the two folders where the system has one (:func:`..folders.exchange`;
docs/settings.md). A strict build (``BLOCS_STRICT``, set by publishconf.py) also fails on any
error logged on the way.

One build at a time per folder holding the output and per cache folder: a second build waits
(TD751).
Once it holds both, a build deletes what killed builds left: fresh folders, Pagefind's scratch
folders and temporary cache files.

With the page cache on (the preview), the fresh folder starts as hard links to the current
output's files (made by a child process while Pelican reads, :mod:`..incremental.hardlinks`),
so that the pages the plugin's writer finds unchanged cost nothing; the writer replaces a file
instead of writing into it, so the current output is never touched. Such a build ends with
exactly the files it produced: every other file of the previous output is deleted
(:mod:`..incremental.produced`).
"""

from __future__ import annotations

import atexit
import logging
import secrets
import shutil
import subprocess
from contextlib import ExitStack
from pathlib import Path

from pelican import Pelican, signals
from pelican.settings import read_settings

from ..failures import system_failure
from ..folders import ScratchFolder, exchange, exclusive, remove_abandoned
from ..incremental.collector import end_of_build
from ..incremental.diskcache import TEMPORARY_SUFFIX
from ..incremental.hardlinks import LinkingTree, start_alone
from ..incremental.kept_articles import KeptArticles
from ..incremental.pagecache import cache_path as page_cache_path
from ..incremental.produced import Ledger, accounting
from ..pages.search import INDEX_LATER, SCRATCH_PREFIX
from ..pelican_compat.contents import forget_rendered_content
from ..problems import ContentError

logger = logging.getLogger(__name__)


class ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


LOCK_FILE = "emulation_blocs.lock"


class BuildFailed(Exception):
    exitcode = 1


def build(settings_file: str, output: str | None = None, overrides: dict | None = None,
          kept: KeptArticles | None = None) -> Path:
    """Build the site and return the output folder; raise :class:`BuildFailed` on failure,
    leaving the previous output as it was. A process that builds again and again passes the
    same ``kept`` to every build: the articles of unchanged files are not made again."""
    settings = read_settings(settings_file, override=dict(overrides or {}))
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    cache = Path(settings["CACHE_PATH"]).resolve()
    with ExitStack() as locks:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Always in this order (cache, then output), so that two builds never wait for each other.
            if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
                locks.enter_context(exclusive(cache / LOCK_FILE, cache))
            locks.enter_context(exclusive(output_lock(target), target))
            remove_leftovers(target, cache)
            staging = ScratchFolder(target.parent, f".{target.name}-")
        except OSError as error:
            raise _machine_failed(error, target) from error
        return _build(settings, settings_file, target, staging, kept)


def _build(settings: dict, settings_file: str, target: Path, staging: ScratchFolder,
           kept: KeptArticles | None) -> Path:
    linking = LinkingTree(target, staging.path) if _reuses_pages(settings) and target.is_dir() else None
    settings["OUTPUT_PATH"] = str(staging.path)
    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)
    ledger: Ledger | None = None
    try:
        with ExitStack() as connections:
            if kept is not None:
                connections.enter_context(kept.connected())
            if linking is not None:  # no file of the output is needed before the pages are written
                connections.enter_context(signals.all_generators_finalized.connected_to(linking.wait))
                ledger = connections.enter_context(accounting(staging.path))
            Pelican(settings).run()
        if ledger is not None:
            keep_only_produced(ledger, settings)
        if counter.count and settings.get("BLOCS_STRICT"):
            raise BuildFailed(f"{counter.count} lỗi khi dựng trang; thư mục {target} giữ nguyên.")
        if settings.get("BLOCS_EDITOR_BACKEND"):
            _publish_editor(settings, settings_file, staging.path)
        staging.release()
        replace_folder(target, staging.path)
    except ContentError as error:
        _discard(staging, linking)
        raise BuildFailed(f"{error} Thư mục {target} giữ nguyên.") from error
    except OSError as error:  # a full disk, a folder that cannot be written: said, with what to do
        _discard(staging, linking)
        raise _machine_failed(error, target) from error
    except BaseException:
        _discard(staging, linking)
        raise
    finally:
        logging.getLogger().removeHandler(counter)
        end_of_build()
        forget_rendered_content()
    return target


def keep_only_produced(ledger: Ledger, settings: dict) -> None:
    """The preview's folder started as the whole previous output: every file this build did not
    produce goes (:mod:`..incremental.produced`), before the editor's folder is written whole."""
    if settings.get(INDEX_LATER):
        ledger.keep_folder(str(settings.get("BLOCS_SEARCH_INDEX_PATH") or ""))
    removed = ledger.sweep()
    if removed:
        logger.info("Đã xóa %d tệp của bản dựng trước mà bản dựng này không còn tạo", len(removed))


def _machine_failed(error: OSError, target: Path) -> BuildFailed:
    return BuildFailed(f"{system_failure(error, target.parent)} Thư mục {target} giữ nguyên.")


def _publish_editor(settings: dict, settings_file: str, staging: Path) -> None:
    from ..editing.server import EditorSetupError, publish_editor  # only a site that publishes its editor

    try:
        publish_editor({**settings, "OUTPUT_PATH": str(staging)}, settings_file, staging)
    except (EditorSetupError, TypeError) as error:
        raise BuildFailed(f"Không chép được trình biên tập (BLOCS_EDITOR_BACKEND): {error}") from error


def output_lock(target: Path) -> Path:
    """What a build of ``target`` locks: the folder that holds it (where its fresh folder and
    the former output go too), so that no lock file is left beside the output."""
    return target.parent


def remove_leftovers(target: Path, cache: Path) -> None:
    """What killed builds of ``target`` left: their fresh folders and former outputs beside it,
    Pagefind's scratch folders and the temporary files of caches."""
    removed = [*remove_abandoned(target.parent, f".{target.name}-*"),
               *remove_abandoned(cache, f"{SCRATCH_PREFIX}*"), *remove_abandoned(cache, f".*{TEMPORARY_SUFFIX}")]
    if removed:
        logger.info("Đã xóa %d thư mục, tệp tạm do bản dựng bị dừng giữa chừng để lại", len(removed))


def _discard(staging: ScratchFolder, linking: LinkingTree | None) -> None:
    if linking is not None:
        linking.stop()
    staging.remove()


def _reuses_pages(settings: dict) -> bool:
    """The current output's files are a start only if the page cache lists them: a page that
    is not written again is deleted only if the cache says the last build wrote it."""
    return bool(settings.get("BLOCS_RENDER_CACHE", True) and settings.get("LOAD_CONTENT_CACHE")
                and not settings.get("DELETE_OUTPUT_DIRECTORY") and page_cache_path(settings).is_file())


def replace_folder(target: Path, staging: Path) -> None:
    """Put ``staging`` in the place of ``target``: one exchange of the two folders where the
    system has it (``staging`` then holds the former output), else two renames, with a moment
    between them without ``target``. The former output (it holds every file of the site) is
    deleted by a child process that no one waits for; one a killed process left behind is
    deleted by the next build."""
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    if not target.exists():
        staging.rename(target)
        return
    if exchange(staging, target):
        _remove_later(staging)
        return
    previous = target.with_name(f".{target.name}-previous-{secrets.token_hex(4)}")
    target.rename(previous)
    staging.rename(target)
    _remove_later(previous)


# Deleting one folder, in a new interpreter (no fork: the preview server has threads).
REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
_removals: list[subprocess.Popen] = []


def _remove_later(folder: Path) -> None:
    _removals[:] = [child for child in _removals if child.poll() is None]
    try:
        _removals.append(start_alone("-c", REMOVE, str(folder)))
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


@atexit.register
def wait_for_removals() -> None:
    """Until every former output is deleted (at exit, so that none is left half deleted)."""
    while _removals:
        _removals.pop().wait()
