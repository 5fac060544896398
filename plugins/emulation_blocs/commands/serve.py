"""``python -m emulation_blocs serve``: the live preview.

Pelican's own ``--autoreload --listen`` rebuilds on save but leaves the browser showing the
old page. Here the ``livereload`` server (pinned in requirements-dev.txt) serves the output
and adds a small script to every HTML page; after each rebuild it tells the open pages to
reload. Changes are seen through ``watchfiles`` (inotify on Linux, the watcher Pelican
itself uses) instead of livereload's default of reading the time of every file each 0.8 s,
which would not scale to a national archive. Every rebuild is a preview build: content
problems are printed in the terminal and shown on the page of the article concerned. Only
the pages an edit changes are written again (see :mod:`.writer`); the search index follows
in the background (:mod:`.preview_index`), so that the edited page reloads without waiting
for it.
"""

from __future__ import annotations

import argparse
import gc
import logging
import queue
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..incremental.kept_articles import KeptArticles
from .build import BuildFailed, build
from .preview_index import IndexLater

if TYPE_CHECKING:
    from tornado.ioloop import IOLoop

logger = logging.getLogger(__name__)

# Seconds after a rebuild before the previous build's objects are collected: the reloaded
# pages are served first, and nobody waits for the collection, which walks a whole archive.
COLLECT_AFTER = 2.0


def add_serve_command(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "serve", help="xem thử tại http://localhost:8000: tự dựng lại khi lưu tệp và tải lại trang trong trình duyệt")
    command.add_argument("-s", "--settings", default="pelicanconf.py")
    command.add_argument("-o", "--output", default=None)
    command.add_argument("-p", "--port", type=int, default=8000)
    command.add_argument("-b", "--bind", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định: chỉ máy này)")
    command.add_argument("--editor", action="store_true",
                         help="thêm trình biên tập tại /admin/ và bộ ghi tệp của nó (chỉ trên máy này)")
    command.add_argument("--editor-proxy-port", type=int, default=8081,
                         help="cổng của bộ ghi tệp decap-server (mặc định 8081)")
    command.set_defaults(run=lambda arguments: serve(arguments.settings, arguments.output, arguments.port,
                                                     arguments.bind, arguments.editor, arguments.editor_proxy_port))


def watched_paths(settings: dict, settings_file: str) -> list[Path]:
    """The content, the theme, the plugins and the settings file: what a rebuild reads."""
    paths = [Path(settings["PATH"]), Path(settings["THEME"]), *map(Path, settings.get("PLUGIN_PATHS", [])),
             Path(settings_file)]
    return [path.resolve() for path in paths if path.exists()]


def serve(settings_file: str, output: str | None, port: int, bind: str, editor: bool = False,
          proxy_port: int = 8081) -> int:
    """The preview; with ``editor``, the browser editor at /admin/ and its proxy as well
    (both on this machine only, whatever ``bind`` says)."""
    from pelican.settings import read_settings

    settings = read_settings(settings_file)
    if not editor:
        return _serve(settings, settings_file, output, port, bind, [])
    from ..editing.config import Backend
    from ..editing.server import EditorSetupError, editor_handlers, start_proxy

    try:
        handlers = editor_handlers(settings, settings_file, Backend(proxy_port=proxy_port))
        proxy = start_proxy(settings_file, proxy_port)
    except EditorSetupError as error:
        print(f"LỖI: {error}", flush=True)
        return 1
    try:
        print(f"Trình biên tập: http://127.0.0.1:{port}/admin/", flush=True)
        return _serve(settings, settings_file, output, port, "127.0.0.1", handlers)
    finally:
        proxy.terminate()
        proxy.wait()


def _serve(settings: dict, settings_file: str, output: str | None, port: int, bind: str,
           extra_handlers: list) -> int:
    from livereload import Server  # only the preview needs it
    from livereload.handlers import LiveReloadHandler

    search = IndexLater(settings)
    kept = KeptArticles()
    target = rebuild(settings_file, output, search=search, kept=kept)
    if target is None:
        return 1
    watcher = ContentWatcher(watched_paths(settings, settings_file),
                             lambda changed: rebuild(settings_file, output, changed, search, kept))

    class PreviewServer(Server):
        def get_web_handlers(self, script: object) -> list:
            return [*extra_handlers, *super().get_web_handlers(script)]

    server = PreviewServer(watcher=watcher)
    for path in watcher.paths:
        server.watch(str(path))  # recorded only, so that livereload does not watch the current folder
    # livereload drops a reload that comes within 3 s of the previous one; the debounce of
    # watchfiles already groups the writes of one save, so every rebuild is shown.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    logging.getLogger("livereload").propagate = False  # it prints its own lines
    print(f"Xem thử tại http://{bind}:{port}/ — trang tự tải lại sau mỗi lần lưu tệp. Dừng: Ctrl+C.", flush=True)
    try:
        server.serve(port=port, host=bind, root=str(target), open_url_delay=None)
    finally:
        watcher.stop()
        search.close()
    return 0


def rebuild(settings_file: str, output: str | None, changed: Iterable[str] = (),
            search: IndexLater | None = None, kept: KeptArticles | None = None) -> Path | None:
    """A preview build; None when it failed (the previous output stays and is still served).
    With ``search``, the search index is brought up to date after the pages, in the background;
    with ``kept``, the articles of the files that did not change are those of the last build."""
    changed = sorted(changed)
    if any(path.endswith(".py") and Path(path).name != Path(settings_file).name for path in changed):
        logger.warning("Mã Python của plugin đã đổi: dừng (Ctrl+C) và chạy lại để dùng mã mới.")
    if changed:
        print(f"Đã đổi: {', '.join(changed[:3])}{' …' if len(changed) > 3 else ''} — dựng lại…", flush=True)
    if search is None:
        return _build(settings_file, output, None, kept)
    with search.building():  # the index of the pages being replaced is dropped, not waited for
        target = _build(settings_file, output, search.build_overrides(), kept)
        if target is not None:
            search.request(target)
    return target


def _build(settings_file: str, output: str | None, overrides: dict | None, kept: KeptArticles | None) -> Path | None:
    try:
        target = build(settings_file, output, overrides, kept)
    except BuildFailed as error:
        print(f"LỖI: {error}", flush=True)
        return None
    except Exception:  # a preview must keep running whatever the content does
        logger.exception("Không dựng được trang; trang cũ vẫn hiện. Sửa lỗi rồi lưu lại.")
        return None
    print(f"Đã dựng xong vào {target}.", flush=True)
    return target


class ContentWatcher:
    """A livereload watcher fed by ``watchfiles``: a thread waits for changes, and the
    server's loop runs the rebuild, then reloads the pages, then collects what the previous
    build left (its articles, pages and generators refer to one another, so only Python's
    collector frees them)."""

    def __init__(self, paths: list[Path], on_change: Callable[[set[str]], object]) -> None:
        self.paths = paths
        self.on_change = on_change
        self.filepath: str | None = None
        self._tasks: dict[str, dict] = {}
        self._changes: list = []  # livereload puts a start-up marker here
        self._pending: queue.SimpleQueue[set[str]] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._loop: IOLoop | None = None  # the server's loop, once it starts

    # The interface livereload's server and handler call.

    def watch(self, path: str, func: object = None, delay: object = None, ignore: object = None) -> None:
        self._tasks[path] = {"func": func, "delay": delay, "ignore": ignore}

    def start(self, callback: Callable[[], None]) -> bool:
        from tornado.ioloop import IOLoop

        loop = self._loop = IOLoop.current()
        loop.call_later(COLLECT_AFTER, gc.collect)  # what the first build left

        def wait_for_changes() -> None:
            import watchfiles

            for changes in watchfiles.watch(*self.paths, stop_event=self._stop, raise_interrupt=False):
                self._pending.put({path for _change, path in changes})
                loop.add_callback(callback)

        threading.Thread(target=wait_for_changes, name="watch-content", daemon=True).start()
        return True  # changes are pushed: no polling

    def examine(self) -> tuple[str | None, None]:
        self._changes.clear()
        changed: set[str] = set()
        while not self._pending.empty():
            changed |= self._pending.get()
        if not changed:
            return None, None
        self.on_change(changed)
        if self._loop is not None:
            self._loop.call_later(COLLECT_AFTER, gc.collect)
        self.filepath = min(changed)
        return self.filepath, None

    def stop(self) -> None:
        self._stop.set()
