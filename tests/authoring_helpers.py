"""Helpers for the authoring tests: fixture sites in temporary folders, the command line,
and reading what a build said and wrote."""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLUGINS = REPO / "plugins"
BROKEN = Path(__file__).resolve().parent / "broken"

# "ERROR: articles/x.md:12: TD104 [date] …" as the command line logs a problem.
_PROBLEM_LINE = re.compile(r"^(?:ERROR:\s+)?(?P<file>\S+?):(?P<line>\d+): (?P<code>TD\d{3})(?: \[(?P<field>.*?)\])? ")


@dataclass(frozen=True)
class Site:
    """A site in a temporary folder: its content, and settings files that use the real
    theme, plugin and configuration with this content."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def preview_settings(self) -> Path:
        return self.root / "preview_settings.py"

    @property
    def publish_settings(self) -> Path:
        return self.root / "publish_settings.py"

    @property
    def output(self) -> Path:
        return self.root / "output"


def make_site(root: Path, overlay: Path | None = None, articles: bool = False) -> Site:
    """The real registry (and, with ``articles``, the real articles), then the files of
    ``overlay`` laid over them (same paths as under content/)."""
    site = Site(root)
    shutil.copytree(REPO / "content" / "registry", site.content / "registry")
    if articles:
        shutil.copytree(REPO / "content" / "articles", site.content / "articles")
    if overlay is not None:
        # Links are copied as links: the corpus has links that lead outside, nowhere, or round.
        shutil.copytree(overlay, site.content, dirs_exist_ok=True, symlinks=True)
    for settings, base in ((site.preview_settings, "pelicanconf"), (site.publish_settings, "publishconf")):
        settings.write_text(
            "import sys\n"
            f"sys.path.insert(0, {str(REPO)!r})\n"
            f"from {base} import *  # noqa: F403\n"
            f"PATH = {str(site.content)!r}\n"
            f"THEME = {str(REPO / 'theme')!r}\n"
            f"PLUGIN_PATHS = [{str(PLUGINS)!r}]\n"
            # Its own caches: tests that build in this process must not share the checkout's.
            f"CACHE_PATH = {str(site.root / 'cache')!r}\n",
            encoding="utf-8",
        )
    return site


def cli_environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONIOENCODING": "utf-8"}


def run_cli(*arguments: str, cwd: Path, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python -m emulation_blocs …`` as `make` runs it: in a process of its own, forked from
    one that has imported the command line already (tests/cli_server.py)."""
    with _idle_server() as server:
        return server.run(arguments, cwd, stdin or "", timeout)


class _CliServer:
    """One tests/cli_server.py process, running one command at a time."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("cli_server.py"))],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=cli_environment())
        self.folder = Path(tempfile.mkdtemp(prefix="cli-server-"))
        atexit.register(self.stop)

    def run(self, arguments: tuple[str, ...], cwd: Path, stdin: str, timeout: float) -> subprocess.CompletedProcess:
        assert self.process.stdin is not None and self.process.stdout is not None
        streams = {name: self.folder / name for name in ("stdin", "stdout", "stderr")}
        streams["stdin"].write_text(stdin, encoding="utf-8")
        request = {"arguments": list(arguments), "cwd": str(cwd), "env": cli_environment(),
                   **{name: str(path) for name, path in streams.items()}}
        self.process.stdin.write(json.dumps(request).encode() + b"\n")
        self.process.stdin.flush()
        pid = json.loads(self.process.stdout.readline())["pid"]
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            os.kill(pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            status = json.loads(self.process.stdout.readline())["status"]
        finally:
            timer.cancel()
        command = [sys.executable, "-m", "emulation_blocs", *arguments]
        if killed.is_set():
            raise subprocess.TimeoutExpired(command, timeout)
        return subprocess.CompletedProcess(command, status, streams["stdout"].read_text(encoding="utf-8"),
                                           streams["stderr"].read_text(encoding="utf-8"))

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()  # the server ends at the end of its input
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


_IDLE: queue.SimpleQueue[_CliServer] = queue.SimpleQueue()


@contextmanager
def _idle_server() -> Iterator[_CliServer]:
    """A server that runs no command now (a new one if all are busy), given back afterwards."""
    try:
        server = _IDLE.get_nowait()
    except queue.Empty:
        server = _CliServer()
    try:
        yield server
    except BaseException:
        server.process.kill()  # it may be midway through a request: never reused
        raise
    _IDLE.put(server)


def logged_problems(text: str) -> set[tuple[str, str, int, str]]:
    """``(code, file, line, field)`` of every problem line in a command's output."""
    found = set()
    for line in text.splitlines():
        match = _PROBLEM_LINE.match(line.strip())
        if match:
            found.add((match["code"], match["file"], int(match["line"]), match["field"] or ""))
    return found


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file and folder below ``folder``: its SHA-256 (files) or "dir", and its mode."""
    digest = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        mode = oct(path.stat().st_mode)
        if path.is_dir():
            digest[relative] = f"dir {mode}"
        else:
            digest[relative] = f"{hashlib.sha256(path.read_bytes()).hexdigest()} {mode} {path.stat().st_mtime_ns}"
    return digest
