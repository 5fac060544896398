"""Building the site without ever leaving a half-written ``output/``.

Pelican writes into its output folder as it goes, and deletes it first when
``DELETE_OUTPUT_DIRECTORY`` is set. Here Pelican writes into a fresh folder beside the
output; only a build that succeeds replaces the output, in two renames. A strict build
(``BLOCS_STRICT``, set by publishconf.py) also fails on any error logged on the way.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from .problems import ContentError

logger = logging.getLogger(__name__)


class ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class BuildFailed(Exception):
    exitcode = 1


def build(settings_file: str, output: str | None = None, overrides: dict | None = None) -> Path:
    """Build the site and return the output folder; raise :class:`BuildFailed` on failure,
    leaving the previous output as it was."""
    settings = read_settings(settings_file, override=dict(overrides or {}))
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    settings["OUTPUT_PATH"] = str(staging)
    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        Pelican(settings).run()
        if counter.count and settings.get("BLOCS_STRICT"):
            raise BuildFailed(f"{counter.count} lỗi khi dựng trang; thư mục {target} giữ nguyên.")
        replace_folder(target, staging)
    except ContentError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"{error} Thư mục {target} giữ nguyên.") from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logging.getLogger().removeHandler(counter)
    return target


def replace_folder(target: Path, staging: Path) -> None:
    """Put ``staging`` in the place of ``target``, in two renames."""
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    previous = target.with_name(f".{target.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
