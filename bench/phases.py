"""Time the steps of one build: Pelican's command line with each generator's context and output
timed in this process (wall and CPU time: on a shared machine the CPU time is the steadier of
the two), and the resident memory after each step.

    PYTHONPATH=plugins:. python bench/phases.py CONTENT -s SETTINGS -o OUTPUT [pelican options]
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable

import pelican
from emulation_blocs.pages.bloc_pages import BlocPagesGenerator
from emulation_blocs.pages.year_pages import YearPagesGenerator
from pelican import generators

STEPS = [
    (generators.ArticlesGenerator, "generate_context", "Pelican reads the articles"),
    (BlocPagesGenerator, "generate_context", "resolve, aggregate, keys"),
    (YearPagesGenerator, "generate_context", "years, open data planned"),
    (generators.ArticlesGenerator, "generate_output", "Pelican writes the articles and lists"),
    (BlocPagesGenerator, "generate_output", "the plugin's pages"),
    (YearPagesGenerator, "generate_output", "pages per year, data"),
]


def _resident_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def _timed(method: Callable, label: str) -> Callable:
    @functools.wraps(method)
    def timed(self: object, *arguments: object, **keywords: object) -> object:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return method(self, *arguments, **keywords)
        finally:
            print(f"{time.perf_counter() - started:8.2f} s {time.process_time() - cpu:8.2f} s CPU "
                  f"{_resident_mib():7.0f} MiB  {label}", file=sys.stderr)
    return timed


def main() -> None:
    for cls, name, label in STEPS:
        setattr(cls, name, _timed(getattr(cls, name), label))
    sys.argv = ["pelican", *sys.argv[1:]]
    pelican.main()


if __name__ == "__main__":
    main()
