"""Leaving the interpreter once a build's work is written."""

from __future__ import annotations

import atexit
import logging
import os
import sys
from typing import NoReturn


def exit_now(code: int) -> NoReturn:
    """Exit with ``code`` without taking the interpreter apart object by object (with a whole
    archive in memory, a visible part of a preview). What is registered with :mod:`atexit` still runs (Python has no
    public call for it), and every stream is flushed."""
    atexit._run_exitfuncs()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
