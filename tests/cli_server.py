"""``python -m emulation_blocs …`` without paying for the interpreter's start and the imports at
each run: this process starts as that command would (same interpreter, PYTHONPATH and
PYTHONIOENCODING), imports the command line once (and jsonschema, which a check imports when
it finds a mistake), then forks a child for each command it is sent. The child takes the
command's folder, environment and standard streams, and runs ``emulation_blocs/__main__.py``
as ``-m`` does; what it exits with is the command's status.

Used by authoring_helpers.run_cli. Protocol, one JSON line each way, on this process's standard
input and output: a request (arguments, folder, environment, and the files for the child's
stdin, stdout and stderr), then ``{"pid": …}`` once the child runs and ``{"status": …}`` (as
subprocess's returncode) once it has ended.
"""

from __future__ import annotations

import atexit
import json
import os
import runpy
import sys
import time
import traceback

import emulation_blocs.commands.cli  # noqa: F401  (what every command imports first)
import jsonschema  # noqa: F401  (imported by the first check that finds a mistake; a library, no state)


def _run_child(request: dict) -> int:
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()  # TZ, read by the C library once per process
    sys.path[0] = os.getcwd()  # as ``python -m`` sets it
    streams = ((0, request["stdin"], os.O_RDONLY), (1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
               (2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC))
    for number, path, flags in streams:
        opened = os.open(path, flags, 0o600)
        os.dup2(opened, number)
        os.close(opened)
    sys.argv = ["-m", *request["arguments"]]
    try:
        runpy.run_module("emulation_blocs", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if not isinstance(stop.code, int | None):
            print(stop.code, file=sys.stderr)
    except BaseException:  # as the interpreter does with what nothing caught
        traceback.print_exc()
        code = 1
    atexit._run_exitfuncs()
    return code


def serve() -> None:
    requests, replies = os.fdopen(os.dup(0), "rb"), os.fdopen(os.dup(1), "wb", buffering=0)
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                requests.close()
                replies.close()
                code = _run_child(request)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        replies.write(json.dumps({"pid": pid}).encode() + b"\n")
        _pid, status = os.waitpid(pid, 0)
        replies.write(json.dumps({"status": os.waitstatus_to_exitcode(status)}).encode() + b"\n")


if __name__ == "__main__":
    serve()
