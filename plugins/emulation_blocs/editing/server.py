"""The browser editor next to the live preview (``make editor``): Decap CMS at ``/admin/``,
its configuration generated on each request (so that a saved report, a registry or schema
change shows at the next page load), the draft check behind the preview pane, and Decap's
local proxy (``decap-server``, from node_modules) that writes into the content folder.

Everything listens on 127.0.0.1 only; nothing is fetched from another host (Decap and its
locales are served from node_modules, pinned by package-lock.json).
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tornado import web

from ..commands.check import read_archive
from ..domain.pipeline import load_site_registry
from ..settings import apply_defaults
from .check import DraftPathError, check_draft
from .config import Backend, editor_config, render_config

EDITOR_FILES = Path(__file__).parent / "static"
SCHEMA = Path(__file__).parent.parent / "source" / "schemas" / "article.schema.json"


class EditorSetupError(Exception):
    """What is missing to start the editor, in Vietnamese."""


def vendor_folders(root: Path) -> dict[str, Path]:
    """The npm packages the editor's page loads, under ``/admin/vendor/<name>/``."""
    modules = root / "node_modules"
    return {
        "decap-cms": modules / "decap-cms" / "dist",
        "yaml": modules / "yaml" / "browser" / "dist",
        "decap-cms-locales": modules / "decap-cms-locales" / "dist" / "esm",
    }


def require_vendor(root: Path) -> dict[str, Path]:
    folders = vendor_folders(root)
    missing = [name for name, folder in folders.items() if not folder.is_dir()]
    if missing:
        raise EditorSetupError(f"Thiếu gói npm {', '.join(missing)}: chạy «npm ci» trong thư mục của trang.")
    return folders


def site_root(settings_file: str) -> Path:
    return Path(settings_file).resolve().parent


def content_folder(settings: dict, root: Path) -> str:
    return Path(os.path.relpath(Path(settings["PATH"]).resolve(), root)).as_posix()


def generate_config(settings: dict, root: Path, backend: Backend, published: bool = False) -> str:
    """``config.yml``. New reports are prefilled as for a year review held today; a published
    copy takes the day of the newest report instead, so that the same content builds the same bytes."""
    apply_defaults(settings)
    registry = load_site_registry(settings)
    archive, _problems = read_archive(settings, registry)
    today = datetime.date.today()
    if published:
        today = max((report.conference.date.latest for report in archive.reports if report.conference.date.latest),
                    default=datetime.date(2000, 1, 1))
    config = editor_config(registry, archive, settings, today, backend, content_folder(settings, root))
    return render_config(config)


class _ConfigHandler(web.RequestHandler):
    def initialize(self, make_config: Callable[[], str]) -> None:
        self.make_config = make_config

    def get(self) -> None:
        self.set_header("Content-Type", "text/yaml; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.write(self.make_config())


class _CheckHandler(web.RequestHandler):
    """POST {path, text}: the problems ``make check`` would find in that text at that path."""

    def initialize(self, settings: dict, content: str) -> None:
        self.site_settings = settings
        self.content = content

    def post(self) -> None:
        try:
            request = json.loads(self.request.body)
            path, text = str(request["path"]), str(request["text"])
        except (ValueError, KeyError, TypeError):
            raise web.HTTPError(400) from None
        relative = path.removeprefix(f"{self.content}/")
        try:
            result = check_draft(dict(self.site_settings), relative, text)
        except DraftPathError:
            raise web.HTTPError(400) from None
        self.set_header("Cache-Control", "no-store")
        self.write(result.as_json())


class _PageHandler(web.StaticFileHandler):
    """The editor's own files. Its page has no «</head>», so that the live preview does not add
    its reload script: a rebuild after a save must not reload the form being edited."""

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")


def editor_handlers(settings: dict, settings_file: str, backend: Backend) -> list[tuple[Any, ...]]:
    root = site_root(settings_file)
    folders = require_vendor(root)
    content = content_folder(settings, root)
    handlers: list[tuple[Any, ...]] = [
        (r"/admin", web.RedirectHandler, {"url": "/admin/"}),
        (r"/admin/config\.yml", _ConfigHandler,
         {"make_config": lambda: generate_config(dict(settings), root, backend)}),
        (r"/admin/api/check", _CheckHandler, {"settings": settings, "content": content}),
        (r"/admin/(article\.schema\.json)", web.StaticFileHandler, {"path": str(SCHEMA.parent)}),
    ]
    handlers += [(rf"/admin/vendor/{name}/(.*)", web.StaticFileHandler, {"path": str(folder)})
                 for name, folder in folders.items()]
    handlers.append((r"/admin/(.*)", _PageHandler, {"path": str(EDITOR_FILES), "default_filename": "index.html"}))
    return handlers


def start_proxy(settings_file: str, port: int) -> subprocess.Popen:
    """Decap's local proxy, writing into the site's folder, on 127.0.0.1 only."""
    root = site_root(settings_file)
    script = root / "node_modules" / "decap-server" / "dist" / "index.js"
    node = shutil.which("node")
    if node is None or not script.is_file():
        raise EditorSetupError("Cần Node.js và gói decap-server: cài Node.js rồi chạy «npm ci».")
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "warn"}
    return subprocess.Popen([node, str(script)], cwd=root, env=env)


def publish_editor(settings: dict, settings_file: str, output: Path) -> None:
    """Copy the editor into ``output/admin/`` for a real git backend (BLOCS_EDITOR_BACKEND)."""
    root = site_root(settings_file)
    target = output / "admin"
    backend = Backend(**settings["BLOCS_EDITOR_BACKEND"])
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(EDITOR_FILES, target, ignore=shutil.ignore_patterns("package.json"))
    for name, folder in require_vendor(root).items():
        shutil.copytree(folder, target / "vendor" / name, ignore=shutil.ignore_patterns("*.map", "*.LICENSE.txt"))
    shutil.copy(SCHEMA, target / SCHEMA.name)
    (target / "config.yml").write_text(generate_config(dict(settings), root, backend, published=True),
                                          encoding="utf-8")
