"""The benchmark: build a synthetic national archive with and without the plugin's pages.

    python bench/run.py run --sizes 1000 4000 --runs 3          # measure, append to the results
    python bench/run.py report                                   # medians and ratios, as Markdown
    python bench/run.py report --results bench/results/history.jsonl --series ninth

The current figures (docs/performance.md) are in ``bench/results/results.jsonl``; the series
measured before, each record with its ``series``, in ``bench/results/history.jsonl`` (their
variants and modes are described where they were measured: ``pages1`` was one process while
``pages`` forked helpers, ``first-check`` a check with no cache of its own).

Each build is a child process measured from outside: wall time, CPU time (user + system) and
peak resident memory from ``os.wait4`` (which include the processes it waited for), the peak
of the proportional set size summed over the process tree (Pagefind runs as a child), and the
files and bytes written, from the output folder's file stamps before and after. The children
keep their compiled modules (in ``pycache`` under the work folder) as Python does on a
writer's machine, even where ``PYTHONDONTWRITEBYTECODE`` is set.

Variants, built from the same generated articles:

* ``plain``: Pelican 4.12 with the plugin's YAML-front-matter reader and nothing else of the
  plugin: no generator (no name resolution, aggregation, bloc/year/organisation/province pages
  or open data), no writer, no signals (no search index, no sitemap); the theme's templates get
  the plugin's filters, globals and macros so that they compile, and Pelican's two quadratic
  loops are made linear and its content's source paths worked out once, as on the site
  (``emulation_blocs.pelican_compat.loops``, ``.source_paths``). This is what the plugin's cost
  is measured against.
* ``pages``: the site's ``pelicanconf.py`` without the search index: the plugin's pages and data,
  in one process, as every build runs.
* ``site``: the site's ``pelicanconf.py`` as it is, with the Pagefind search index: its cost is
  reported beside the pages' (site ÷ pages).

Modes:

* ``full``: ``python -m pelican`` into an empty folder, no cache (``CACHE_CONTENT`` and
  ``LOAD_CONTENT_CACHE`` off).
* ``incremental``: one build to fill the caches, then per run one article edited (title and
  body) and the preview build run again in a new process: for ``plain``, ``python -m pelican``
  with the cache on into the same folder; for the site, ``python -m emulation_blocs build``
  (``make html`` after a save).
* ``server``: what ``make devserver`` does at each save. One process (``bench/server.py``)
  builds once, then per run one article is edited and the preview build runs again in that
  same process; the rebuild is timed inside it, its memory sampled from here. Between its
  rebuilds a full build of ``pages`` is measured, so that each rebuild has a full build of the
  same minute to be compared with ("run by run").
* ``check``: ``python -m emulation_blocs check``: it keeps nothing between runs, so every run
  reads every file, as on a checkout never built.

Runs are interleaved (plain, pages, site, plain, …) so that the variants see the same machine.
Results go to a JSON-lines file, one line per measured run; ``report`` prints medians.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
# A memory file system where there is one: the benchmark measures the software, not the disk.
DEFAULT_WORK = Path(os.environ.get("BLOCS_BENCH_WORK", "/dev/shm/blocs-bench" if Path("/dev/shm").is_dir()
                                   else "/tmp/blocs-bench"))
DEFAULT_RESULTS = ROOT / "bench" / "results" / "results.jsonl"
VARIANTS = ("plain", "pages", "site")
MODES = ("full", "incremental", "server", "check")
SERVER_BASELINE = "full-by-server"  # the full builds measured between the server's rebuilds

# One settings file per variant, beside the generated content.
SETTINGS = {
    "site": """
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403
""",
    "pages": """
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403
BLOCS_SEARCH_INDEX = False
""",
    "plain": """
import sys
sys.path.insert(0, {root!r})
sys.path.insert(0, {plugins!r})
from pelicanconf import *  # noqa: F403
from emulation_blocs.pages import charts, formatting, links, pieces, province_pieces, report_facts
from emulation_blocs.pages import structured_data, tables
from emulation_blocs.pelican_compat import loops as pelican_loops
from emulation_blocs.pelican_compat import source_paths as pelican_source_paths
from emulation_blocs.source.reader import ReportReader

# Pelican's own loops made linear, its source paths worked out once: plain gains what the site gains
pelican_loops.apply()
pelican_source_paths.apply()

PLUGINS = []
READERS = {{"rst": None, **dict.fromkeys(ReportReader.file_extensions, ReportReader)}}
# The theme's templates use the plugin's filters (dates, charts, structured data) and macros.
JINJA_FILTERS = {{**formatting.FILTERS, **charts.FILTERS, **structured_data.FILTERS}}
JINJA_GLOBALS = {{**structured_data.GLOBALS, **links.GLOBALS, **tables.GLOBALS, **pieces.GLOBALS,
                **province_pieces.GLOBALS, **report_facts.GLOBALS}}
THEME_TEMPLATES_OVERRIDES = [{templates!r}]
""",
}
COMMON = """
PATH = {content!r}
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
CACHE_PATH = {cache!r}
"""


@dataclass
class Measure:
    size: int
    variant: str
    mode: str
    run: int
    wall: float  # seconds
    cpu: float  # seconds, user + system
    rss: float  # MiB, peak resident set of the largest process (os.wait4)
    pss: float  # MiB, peak of the proportional set sizes summed over the process tree
    files: int  # files written (new or changed)
    bytes: int  # bytes of those files


@dataclass
class Site:
    """One generated archive and the folders of its builds."""

    root: Path
    size: int

    @property
    def content(self) -> Path:
        return self.root / "content"

    def output(self, variant: str) -> Path:
        return self.root / variant / "output"

    def cache(self, variant: str) -> Path:
        return self.root / variant / "cache"

    def settings(self, variant: str) -> Path:
        return self.root / f"{variant}conf.py"

    def edited_article(self) -> Path:
        """The article edited by the incremental runs: the middle one, always the same."""
        articles = sorted(self.content.joinpath("articles").rglob("*.md"))
        return articles[len(articles) // 2]


def prepare(work: Path, size: int, provinces: int) -> Site:
    site = Site(work / f"a{size}-p{provinces}", size)
    stamp = site.root / "generated.json"
    generator = hashlib.sha256(Path(generate.__code__.co_filename).read_bytes()).hexdigest()
    wanted = {"articles": size, "provinces": provinces, "generator": generator}
    if not stamp.exists() or json.loads(stamp.read_text()) != wanted:
        generate(site.root, size, provinces)
        stamp.write_text(json.dumps(wanted))
    for variant in VARIANTS:
        fields = {"root": str(ROOT), "plugins": str(ROOT / "plugins"), "theme": str(ROOT / "theme"),
                  "templates": str(ROOT / "plugins" / "emulation_blocs" / "pages" / "templates"),
                  "content": str(site.content), "cache": str(site.cache(variant))}
        text = SETTINGS[variant].format(**fields) + COMMON.format(**fields)
        site.settings(variant).write_text(text, encoding="utf-8")
    return site


# Measuring one child process


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "plugins"), str(ROOT)])
    # Compiled modules kept between runs, as they are on a writer's machine (``__pycache__``),
    # even where the environment turns that off: else every run compiles the plugin again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(DEFAULT_WORK / "pycache")
    return env


@dataclass
class Usage:
    wall: float  # seconds
    cpu: float  # seconds, user + system, of the child and the processes it waited for
    rss: float  # MiB, the largest peak resident set among them
    pss: float  # MiB, peak of the proportional set sizes summed over the process tree


class MemorySampler(threading.Thread):
    """Samples the proportional set size (shared pages counted once) of a process and its
    descendants: a forked child shares most of its memory with its parent, which a sum of
    resident sizes would count twice and ``ru_maxrss`` (one process) would not count at all."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.root, self.interval, self.peak, self.root_rss = root, interval, 0, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, sum(_rollup_kib(pid, "Pss") for pid in _tree(self.root)))
            self.root_rss = max(self.root_rss, _rollup_kib(self.root, "Rss"))
            self._stop_event.wait(self.interval)

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak / 1024


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat:
                    fields = stat.read().rsplit(b")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _rollup_kib(pid: int, field: str) -> int:
    """``Pss`` or ``Rss`` of one process, in KiB."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def measure(command: list[str], log: Path) -> Usage:
    """Wall and CPU time and peak memory of one child process (and those it forks)."""
    with log.open("w", encoding="utf-8") as output:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=child_environment(),
                                 cwd=ROOT)
        sampler = MemorySampler(child.pid)
        sampler.start()
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        pss = sampler.stop()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}); see {log}")
    return Usage(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, pss)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder``: (mtime in ns, size)."""
    found: dict[str, tuple[int, int]] = {}
    for directory, _subdirectories, files in os.walk(folder):
        for name in files:
            path = os.path.join(directory, name)
            stat = os.stat(path)
            found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def written(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> tuple[int, int]:
    changed = [path for path, stamp in after.items() if before.get(path) != stamp]
    return len(changed), sum(after[path][1] for path in changed)


def pelican_command(site: Site, variant: str, cache: bool) -> list[str]:
    """Pelican's own command line, writing into the output folder as it goes."""
    flag = "true" if cache else "false"
    return [sys.executable, "-m", "pelican", str(site.content), "-s", str(site.settings(variant)),
            "-o", str(site.output(variant)), "--fatal", "errors",
            "-e", f"CACHE_CONTENT={flag}", f"LOAD_CONTENT_CACHE={flag}"]


def preview_command(site: Site, variant: str) -> list[str]:
    """The site's preview build (``make html``; ``make devserver`` runs the same on each save)."""
    return [sys.executable, "-m", "emulation_blocs", "build", "-s", str(site.settings(variant)),
            "-o", str(site.output(variant))]


def build(site: Site, variant: str, mode: str, run: int, command: list[str]) -> Measure:
    output = site.output(variant)
    before = snapshot(output) if output.exists() else {}
    usage = measure(command, site.root / f"{variant}-{mode}-{run}.log")
    files, size = written(before, snapshot(output))
    return Measure(site.size, variant, mode, run, usage.wall, usage.cpu, usage.rss, usage.pss, files, size)


def reset(site: Site, variant: str) -> None:
    shutil.rmtree(site.output(variant), ignore_errors=True)
    shutil.rmtree(site.cache(variant), ignore_errors=True)


# The modes


def full(site: Site, variants: Iterable[str], runs: int) -> Iterable[Measure]:
    for run in range(1, runs + 1):
        for variant in variants:
            reset(site, variant)
            yield build(site, variant, "full", run, pelican_command(site, variant, cache=False))


def edit(path: Path, original: str, run: int) -> None:
    """Change the article's title and add a sentence to its body."""
    lines = original.split("\n")
    index = next(number for number, line in enumerate(lines) if line.startswith("title: "))
    title = lines[index]
    suffix = f" (cập nhật lần {run})"
    lines[index] = title[:-1] + suffix + '"' if title.endswith('"') else title + suffix
    text = "\n".join(lines) + f"\nBài được cập nhật lần {run} sau khi đăng.\n"
    path.write_text(text, encoding="utf-8")


def incremental_command(site: Site, variant: str) -> list[str]:
    """Plain Pelican previews with its own command (``pelican --autoreload`` runs the same on
    each save); the site with its preview build."""
    return pelican_command(site, variant, cache=True) if variant == "plain" else preview_command(site, variant)


def incremental(site: Site, variants: Iterable[str], runs: int) -> Iterable[Measure]:
    article = site.edited_article()
    original = article.read_text(encoding="utf-8")
    try:
        article.write_text(original, encoding="utf-8")
        for variant in variants:
            reset(site, variant)
            build(site, variant, "fill-cache", 0, incremental_command(site, variant))
        for run in range(1, runs + 1):
            edit(article, original, run)
            for variant in variants:
                yield build(site, variant, "incremental", run, incremental_command(site, variant))
    finally:
        article.write_text(original, encoding="utf-8")


def server(site: Site, runs: int) -> Iterable[Measure]:
    """The preview server's rebuilds, each followed by a full build of ``pages`` to pair it with."""
    folder = site.root / "server"
    shutil.rmtree(folder, ignore_errors=True)
    command = [sys.executable, str(ROOT / "bench" / "server.py"), str(site.settings("pages")),
               str(folder / "output"), str(folder / "cache"), str(site.edited_article())]
    with (site.root / "server.log").open("w", encoding="utf-8") as log:
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
                                 env=child_environment(), cwd=ROOT)
        try:
            _expect(child, "ready")
            for run in range(1, runs + 1):
                sampler = MemorySampler(child.pid)
                sampler.start()
                child.stdin.write(f"{run}\n")
                child.stdin.flush()
                rebuilt = json.loads(_expect(child))
                pss = sampler.stop()
                yield Measure(site.size, "pages", "server", run, rebuilt["wall"], rebuilt["cpu"],
                              sampler.root_rss / 1024, pss, rebuilt["files"], rebuilt["bytes"])
                reset(site, "pages")
                yield build(site, "pages", SERVER_BASELINE, run, pelican_command(site, "pages", cache=False))
        finally:
            child.stdin.close()
            child.wait()


def _expect(child: subprocess.Popen, wanted: str | None = None) -> str:
    line = child.stdout.readline().strip()
    if not line or (wanted is not None and line != wanted):
        raise SystemExit(f"bench/server.py stopped ({line or 'no answer'}); see server.log")
    return line


def check(site: Site, runs: int, mode: str) -> Iterable[Measure]:
    command = [sys.executable, "-m", "emulation_blocs", "check", "-s", str(site.settings("pages"))]
    for run in range(1, runs + 1):
        usage = measure(command, site.root / f"{mode}-{run}.log")
        yield Measure(site.size, "pages", mode, run, usage.wall, usage.cpu, usage.rss, usage.pss, 0, 0)


def run(arguments: argparse.Namespace) -> None:
    arguments.results.parent.mkdir(parents=True, exist_ok=True)
    for size in arguments.sizes:
        site = prepare(arguments.work, size, arguments.provinces)
        for mode in arguments.modes:
            if mode == "full":
                measures = full(site, arguments.variants, arguments.runs)
            elif mode == "incremental":
                measures = incremental(site, arguments.variants, arguments.runs)
            elif mode == "server":
                measures = server(site, arguments.runs)
            else:
                measures = check(site, arguments.runs, mode)
            for measured in measures:
                record = {**asdict(measured), "provinces": arguments.provinces, "machine": machine()}
                if arguments.series:
                    record["series"] = arguments.series
                with arguments.results.open("a", encoding="utf-8") as results:
                    results.write(json.dumps(record, ensure_ascii=False) + "\n")
                print(format_measure(measured), flush=True)


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}"


def format_measure(measured: Measure) -> str:
    return (f"{measured.size:>6} {measured.variant:<7} {measured.mode:<12} #{measured.run}: "
            f"{measured.wall:7.2f} s wall, {measured.cpu:7.2f} s CPU, {measured.rss:6.0f} MiB, "
            f"{measured.pss:6.0f} MiB PSS, {measured.files} files, {measured.bytes / 2**20:.1f} MiB written")


# The report


def load(results: Path, series: str | None = None) -> dict[tuple[int, int, str, str], list[dict]]:
    """The runs of ``results`` by archive, variant and mode; only those of ``series`` if given."""
    groups: dict[tuple[int, int, str, str], list[dict]] = defaultdict(list)
    for line in results.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            if series is None or record.get("series") == series:
                groups[(record["provinces"], record["size"], record["variant"], record["mode"])].append(record)
    return groups


def median(records: list[dict], key: str) -> float:
    return statistics.median(record[key] for record in records)


def _label(provinces: int, size: int) -> str:
    return f"{size:,}" if provinces == 34 else f"{size:,} ({provinces} tỉnh)"


def report(results: Path, series: str | None = None) -> str:
    groups = load(results, series)
    lines = ["| articles | variant | mode | runs | wall (s) | CPU (s) | peak RSS (MiB) | peak PSS, all processes (MiB) "
             "| files written | MiB written |",
             "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    order = {name: number for number, name in enumerate((*VARIANTS, *MODES, SERVER_BASELINE))}

    def rank(name: str) -> tuple[int, str]:  # a series measured before may have others
        return order.get(name, len(order)), name

    for (provinces, size, variant, mode), records in sorted(
            groups.items(), key=lambda item: (item[0][0], item[0][1], rank(item[0][3]), rank(item[0][2]))):
        lines.append(
            f"| {_label(provinces, size)} | {variant} | {mode} | {len(records)} "
            f"| {median(records, 'wall'):.2f} | {median(records, 'cpu'):.2f} | {median(records, 'rss'):.0f} "
            f"| {median(records, 'pss'):.0f} | {median(records, 'files'):,.0f} "
            f"| {median(records, 'bytes') / 2**20:.1f} |"
        )
    return "\n".join(lines) + "\n\n" + ratios(groups)


def ratios(groups: dict[tuple[int, int, str, str], list[dict]]) -> str:
    """The targets: pages ÷ plain (full: wall, CPU, memory; wall and CPU also run by run), the
    extra time per 1,000 articles, the search index's cost (site ÷ pages), the preview after one
    edit ÷ the full build, and check ÷ the full build."""
    lines = ["| articles | pages ÷ plain, wall | same, run by run | CPU | CPU, run by run | peak PSS "
             "| pages − plain, s per 1,000 articles | site ÷ plain, wall | search index: site ÷ pages, wall "
             "| same, peak PSS | preview after one edit ÷ full, pages | same, site | same, plain "
             "| preview server after one save ÷ full, run by run | check ÷ full build of pages |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for provinces, size in sorted({(provinces, size) for provinces, size, _variant, _mode in groups}):
        def value(variant: str, mode: str, key: str = "wall", p: int = provinces, s: int = size) -> float | None:
            records = groups.get((p, s, variant, mode))
            return median(records, key) if records else None

        plain, pages = value("plain", "full"), value("pages", "full")
        cells = [
            _ratio(pages, plain),
            _ratio(paired_ratio(groups, (provinces, size), "pages", "plain"), 1),
            _ratio(value("pages", "full", "cpu"), value("plain", "full", "cpu")),
            _ratio(paired_ratio(groups, (provinces, size), "pages", "plain", key="cpu"), 1),
            _ratio(value("pages", "full", "pss"), value("plain", "full", "pss")),
            f"{(pages - plain) * 1000 / size:.2f}" if pages is not None and plain is not None else "–",
            _ratio(value("site", "full"), plain),
            _ratio(value("site", "full"), pages),
            _ratio(value("site", "full", "pss"), value("pages", "full", "pss")),
            _ratio(value("pages", "incremental"), pages),
            _ratio(value("site", "incremental"), value("site", "full")),
            _ratio(value("plain", "incremental"), plain),
            _ratio(paired_ratio(groups, (provinces, size), "pages", "pages", "server", SERVER_BASELINE), 1),
            _ratio(value("pages", "check"), pages),
        ]
        lines.append(f"| {_label(provinces, size)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def paired_ratio(groups: dict[tuple[int, int, str, str], list[dict]], archive: tuple[int, int], variant: str,
                 baseline: str, mode: str = "full", baseline_mode: str | None = None,
                 key: str = "wall") -> float | None:
    """The median of ``variant`` ÷ ``baseline`` taken run by run (the runs are interleaved, so
    each pair shares the machine's speed of that minute): steadier than the ratio of medians
    on a machine whose speed wanders."""
    base = {record["run"]: record[key]
            for record in groups.get((*archive, baseline, baseline_mode or mode), [])}
    ratios = [record[key] / base[record["run"]] for record in groups.get((*archive, variant, mode), [])
              if record["run"] in base]
    return statistics.median(ratios) if ratios else None


def _ratio(numerator: float | None, denominator: float | None) -> str:
    if numerator is None or not denominator:
        return "–"
    return f"{numerator / denominator:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark of the site at national scale.")
    commands = parser.add_subparsers(dest="command", required=True)
    run_command = commands.add_parser("run", help="measure and append to the results")
    run_command.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000])
    run_command.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    run_command.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    run_command.add_argument("--runs", type=int, default=3)
    run_command.add_argument("--provinces", type=int, choices=(34, 63), default=34)
    run_command.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where the archives are generated")
    run_command.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    run_command.add_argument("--series", help="a name recorded with each run")
    report_command = commands.add_parser("report", help="print medians and ratios as Markdown")
    report_command.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    report_command.add_argument("--series", help="only the runs recorded with this name")
    arguments = parser.parse_args(argv)
    if arguments.command == "run":
        run(arguments)
    else:
        print(report(arguments.results, arguments.series), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
