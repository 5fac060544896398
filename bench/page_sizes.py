"""What a reader downloads: the sizes of the pages of a built site, by kind, as written and as
sent compressed (gzip at level 6, what web servers use by default).

    .venv/bin/python bench/run.py run --sizes 4000 --variants pages --modes full --runs 1
    .venv/bin/python bench/page_sizes.py /tmp/blocs-bench/a4000-p34/pages/output

A kind is a URL pattern of the site's settings with its fields as wildcards (``nam/*.html``
for the pages of a year, ``nam/*/*.html`` for a province's year); the largest page of each
kind is named.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

KINDS = {
    "year": "nam/[0-9]*.html",
    "year-province": "nam/[0-9]*/*.html",
    "bloc": "khoi/*/*.html",
    "bloc-year": "khoi/*/*/[0-9]*.html",
    "organisation": "to-chuc/*/*.html",
    "province": "tinh/*.html",
    # A year's list of news past its first page (the first, index.html, is left out as every
    # index is); the benchmark's articles are named by their date.
    "year-news": "tin/[0-9]*/trang-*.html",
    "article": "tin/[0-9]*/[0-9]*.html",
}


@dataclass(frozen=True)
class Sizes:
    kind: str
    pages: int
    median: int  # bytes
    largest: int
    largest_gzip: int
    largest_page: str


def sizes(output: Path, kind: str, pattern: str) -> Sizes | None:
    pages = sorted(path for path in output.glob(pattern) if path.is_file() and path.name != "index.html")
    if not pages:
        return None
    measured = sorted(((path.stat().st_size, path) for path in pages), key=lambda item: item[0])
    largest_size, largest = measured[-1]
    compressed = len(gzip.compress(largest.read_bytes(), compresslevel=6, mtime=0))
    return Sizes(kind, len(pages), int(statistics.median(size for size, _path in measured)), largest_size,
                 compressed, largest.relative_to(output).as_posix())


def table(rows: list[Sizes]) -> str:
    lines = ["| pages | count | median KiB | largest KiB | largest, gzip KiB | largest page |",
             "|---|---:|---:|---:|---:|---|"]
    lines += [f"| {row.kind} | {row.pages} | {row.median / 1024:.0f} | {row.largest / 1024:.0f} | "
              f"{row.largest_gzip / 1024:.0f} | `{row.largest_page}` |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="a built site's output folder")
    arguments = parser.parse_args(argv)
    rows = [found for kind, pattern in KINDS.items() if (found := sizes(arguments.output, kind, pattern))]
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
