"""The preview server's rebuild after one save, measured inside the server's own process.

    python bench/server.py SETTINGS OUTPUT CACHE ARTICLE     (run by ``run.py``, mode ``server``)

``make devserver`` builds once, then builds again in the same process at every save. This
child does the same: one build, then, for every run number read from its input, the article
edited and the preview build run again (``emulation_blocs.commands.build.build``, as the server runs
it). Each rebuild is reported on standard output as one JSON line: wall and CPU time, files
and bytes written. After each rebuild the previous build's objects are collected outside the
timing, as the server does once the reloaded pages are served. Everything the build prints
goes to standard error.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from emulation_blocs.commands.build import build
from emulation_blocs.incremental.kept_articles import KeptArticles
from run import edit, snapshot, written


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(settings: str, output: str, cache: str, article: str) -> None:
    results = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # the build's own messages go to the log
    overrides = {"CACHE_PATH": cache, "BLOCS_SEARCH_INDEX": False}
    edited, folder = Path(article), Path(output)
    original = edited.read_text(encoding="utf-8")
    kept = KeptArticles()
    try:
        build(settings, output, overrides, kept)
        gc.collect()
        print("ready", file=results, flush=True)
        for line in sys.stdin:
            run = int(line)
            edit(edited, original, run)
            before = snapshot(folder)
            started, cpu = time.perf_counter(), _cpu()
            build(settings, output, overrides, kept)
            wall, cpu = time.perf_counter() - started, _cpu() - cpu
            files, size = written(before, snapshot(folder))
            gc.collect()
            print(json.dumps({"run": run, "wall": wall, "cpu": cpu, "files": files, "bytes": size}),
                  file=results, flush=True)
    finally:
        edited.write_text(original, encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
