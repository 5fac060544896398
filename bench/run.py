"""The benchmark: build a synthetic national archive with and without the plugin's pages.

    python bench/run.py run --sizes 1000 4000 --runs 3          # measure, append to the results
    python bench/run.py report                                   # medians and ratios, as Markdown

Each build is a child process (``python -m pelican``, as ``make devserver`` runs it) measured
from outside: wall time, CPU time (user + system) and peak resident memory from ``os.wait4``,
and the files and bytes it wrote, from the output folder's file stamps before and after.

Variants, built from the same generated articles:

* ``plain``: Pelican 4.12 with the plugin's YAML-front-matter reader and nothing else of the
  plugin: no generator (no name resolution, aggregation, bloc/year/organisation/province pages
  or open data), no writer, no signals; the theme's templates get the plugin's filters and
  macros so that they compile. This is what the plugin's cost is measured against.
* ``plugin``: the site's own ``pelicanconf.py``.

Modes:

* ``full``: an empty output folder and no cache (``CACHE_CONTENT``/``LOAD_CONTENT_CACHE`` off).
* ``incremental``: cache on, one build to fill it, then per run one article edited (title and
  body) and the site built again into the same folder.
* ``check``: ``python -m emulation_blocs check`` (the plugin variant only).

Runs are interleaved (plain, plugin, plain, plugin, …) so that both variants see the same
machine. Results go to a JSON-lines file, one line per measured run; ``report`` prints medians.
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
DEFAULT_RESULTS = ROOT / "bench" / "results.jsonl"
VARIANTS = ("plain", "plugin")
MODES = ("full", "incremental", "check")

SETTINGS = {
    "plugin": """
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403
""",
    "plain": """
import sys
sys.path.insert(0, {root!r})
sys.path.insert(0, {plugins!r})
from pelicanconf import *  # noqa: F403
from emulation_blocs.formatting import FILTERS
from emulation_blocs.reader import ReportReader

PLUGINS = []
READERS = {{"rst": None, **dict.fromkeys(ReportReader.file_extensions, ReportReader)}}
JINJA_FILTERS = dict(FILTERS)
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
    rss: float  # MiB, peak resident set of the child
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
                  "templates": str(ROOT / "plugins" / "emulation_blocs" / "templates"),
                  "content": str(site.content), "cache": str(site.cache(variant))}
        text = SETTINGS[variant].format(**fields) + COMMON.format(**fields)
        site.settings(variant).write_text(text, encoding="utf-8")
    return site


# Measuring one child process


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "plugins"), str(ROOT)])
    return env


def measure(command: list[str], log: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one child process."""
    with log.open("w", encoding="utf-8") as output:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=child_environment(),
                                 cwd=ROOT)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}); see {log}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


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


def build_command(site: Site, variant: str, cache: bool) -> list[str]:
    flag = "true" if cache else "false"
    return [sys.executable, "-m", "pelican", str(site.content), "-s", str(site.settings(variant)),
            "-o", str(site.output(variant)), "--fatal", "errors",
            "-e", f"CACHE_CONTENT={flag}", f"LOAD_CONTENT_CACHE={flag}"]


def build(site: Site, variant: str, mode: str, run: int, cache: bool) -> Measure:
    output = site.output(variant)
    before = snapshot(output) if output.exists() else {}
    log = site.root / f"{variant}-{mode}-{run}.log"
    wall, cpu, rss = measure(build_command(site, variant, cache), log)
    files, size = written(before, snapshot(output))
    return Measure(site.size, variant, mode, run, wall, cpu, rss, files, size)


def reset(site: Site, variant: str) -> None:
    shutil.rmtree(site.output(variant), ignore_errors=True)
    shutil.rmtree(site.cache(variant), ignore_errors=True)


# The modes


def full(site: Site, variants: Iterable[str], runs: int) -> Iterable[Measure]:
    for run in range(1, runs + 1):
        for variant in variants:
            reset(site, variant)
            yield build(site, variant, "full", run, cache=False)


def edit(path: Path, original: str, run: int) -> None:
    """Change the article's title and add a sentence to its body."""
    lines = original.split("\n")
    index = next(number for number, line in enumerate(lines) if line.startswith("title: "))
    title = lines[index]
    suffix = f" (cập nhật lần {run})"
    lines[index] = title[:-1] + suffix + '"' if title.endswith('"') else title + suffix
    text = "\n".join(lines) + f"\nBài được cập nhật lần {run} sau khi đăng.\n"
    path.write_text(text, encoding="utf-8")


def incremental(site: Site, variants: Iterable[str], runs: int) -> Iterable[Measure]:
    article = site.edited_article()
    original = article.read_text(encoding="utf-8")
    try:
        for variant in variants:
            article.write_text(original, encoding="utf-8")
            reset(site, variant)
            build(site, variant, "fill-cache", 0, cache=True)
        for run in range(1, runs + 1):
            edit(article, original, run)
            for variant in variants:
                yield build(site, variant, "incremental", run, cache=True)
    finally:
        article.write_text(original, encoding="utf-8")


def check(site: Site, runs: int) -> Iterable[Measure]:
    command = [sys.executable, "-m", "emulation_blocs", "check", "-s", str(site.settings("plugin"))]
    for run in range(1, runs + 1):
        wall, cpu, rss = measure(command, site.root / f"check-{run}.log")
        yield Measure(site.size, "plugin", "check", run, wall, cpu, rss, 0, 0)


def run(arguments: argparse.Namespace) -> None:
    arguments.results.parent.mkdir(parents=True, exist_ok=True)
    for size in arguments.sizes:
        site = prepare(arguments.work, size, arguments.provinces)
        for mode in arguments.modes:
            if mode == "full":
                measures = full(site, arguments.variants, arguments.runs)
            elif mode == "incremental":
                measures = incremental(site, arguments.variants, arguments.runs)
            else:
                measures = check(site, arguments.runs)
            for measured in measures:
                record = {**asdict(measured), "provinces": arguments.provinces, "machine": machine()}
                with arguments.results.open("a", encoding="utf-8") as results:
                    results.write(json.dumps(record, ensure_ascii=False) + "\n")
                print(format_measure(measured), flush=True)


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}"


def format_measure(measured: Measure) -> str:
    return (f"{measured.size:>6} {measured.variant:<7} {measured.mode:<12} #{measured.run}: "
            f"{measured.wall:7.2f} s wall, {measured.cpu:7.2f} s CPU, {measured.rss:6.0f} MiB, "
            f"{measured.files} files, {measured.bytes / 2**20:.1f} MiB written")


# The report


def load(results: Path) -> dict[tuple[int, int, str, str], list[dict]]:
    groups: dict[tuple[int, int, str, str], list[dict]] = defaultdict(list)
    for line in results.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            groups[(record["provinces"], record["size"], record["variant"], record["mode"])].append(record)
    return groups


def median(records: list[dict], key: str) -> float:
    return statistics.median(record[key] for record in records)


def report(results: Path) -> str:
    groups = load(results)
    lines = ["| articles | variant | mode | runs | wall (s) | CPU (s) | peak RSS (MiB) | files written | MiB written |",
             "|---:|---|---|---:|---:|---:|---:|---:|---:|"]
    for (provinces, size, variant, mode), records in sorted(groups.items()):
        lines.append(
            f"| {size:,}{'' if provinces == 34 else f' ({provinces} tỉnh)'} | {variant} | {mode} | {len(records)} "
            f"| {median(records, 'wall'):.2f} | {median(records, 'cpu'):.2f} | {median(records, 'rss'):.0f} "
            f"| {median(records, 'files'):,.0f} | {median(records, 'bytes') / 2**20:.1f} |"
        )
    return "\n".join(lines) + "\n\n" + ratios(groups)


def ratios(groups: dict[tuple[int, int, str, str], list[dict]]) -> str:
    lines = ["| articles | plugin ÷ plain, full (wall) | (CPU) | (peak RSS) | plugin's extra s per 1,000 articles "
             "| incremental ÷ full, plugin (wall) | plain: incremental ÷ full | check ÷ full build, plugin |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    sizes = sorted({(provinces, size) for provinces, size, _variant, _mode in groups})
    for provinces, size in sizes:
        def value(variant: str, mode: str, key: str = "wall", p: int = provinces, s: int = size) -> float | None:
            records = groups.get((p, s, variant, mode))
            return median(records, key) if records else None

        plain, plugin = value("plain", "full"), value("plugin", "full")
        cells = [
            _ratio(plugin, plain),
            _ratio(value("plugin", "full", "cpu"), value("plain", "full", "cpu")),
            _ratio(value("plugin", "full", "rss"), value("plain", "full", "rss")),
            f"{(plugin - plain) * 1000 / size:.2f}" if plugin is not None and plain is not None else "–",
            _ratio(value("plugin", "incremental"), plugin),
            _ratio(value("plain", "incremental"), plain),
            _ratio(value("plugin", "check"), plugin),
        ]
        label = f"{size:,}{'' if provinces == 34 else f' ({provinces} tỉnh)'}"
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


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
    report_command = commands.add_parser("report", help="print medians and ratios as Markdown")
    report_command.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    arguments = parser.parse_args(argv)
    if arguments.command == "run":
        run(arguments)
    else:
        print(report(arguments.results), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
