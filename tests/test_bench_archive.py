"""The benchmark's synthetic archive: the same bytes for the same arguments, shaped like the
real content, free of problems; and a build of it shared with a helper process gives the
same site as one process alone."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from emulation_blocs.check import find_problems
from emulation_blocs.checkcache import CACHE_FILE as CHECK_CACHE
from emulation_blocs.checkcache import read_entries
from emulation_blocs.reader import split_front_matter
from emulation_blocs.shared_reading import MIN_SHARED_FILES as SHARED_READING
from incremental_helpers import stored_page_cache, tree_bytes
from pelican.settings import read_settings

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate


def front_matters(content: Path) -> list[dict]:
    matters = []
    for path in sorted((content / "articles").rglob("*.md")):
        parts = split_front_matter(path.read_text(encoding="utf-8"))
        assert parts is not None
        matters.append(yaml.safe_load(parts[0]))
    return matters


def problems_of(content: Path) -> list:
    return find_problems(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)}))


def test_same_arguments_give_the_same_bytes(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 90)
    second = generate(tmp_path / "b", 90)
    assert tree_bytes(first) == tree_bytes(second)
    assert len(list((first / "articles").rglob("*.md"))) == 90
    other = generate(tmp_path / "c", 90, seed=7)
    assert tree_bytes(other) != tree_bytes(first)


def test_the_archive_is_shaped_like_the_real_one(tmp_path: Path) -> None:
    content = generate(tmp_path, 2000)
    provinces = [yaml.safe_load(path.read_text(encoding="utf-8"))
                 for path in sorted((content / "registry" / "provinces").glob("*.yaml"))]
    assert len(provinces) == 34
    assert all(len(province["blocs"]) == 15 for province in provinces)
    organisations = [organisation for province in provinces for organisation in province["organisations"]]
    assert sum(1 for organisation in organisations if organisation["aliases"]) > len(organisations) / 2
    # File names: <date>-<province>-<bloc>-<kind, two words>-<year reviewed>[-b].
    per_bloc_year = Counter()
    for path in (content / "articles").rglob("*.md"):
        stem = path.stem.removesuffix("-b").removesuffix("-b")
        place, _kind, _word, year = stem[11:].rsplit("-", 3)
        per_bloc_year[(place, int(year))] += 1
    newest = max(year for _place, year in per_bloc_year)
    assert set(per_bloc_year[key] for key in per_bloc_year if key[1] == newest) <= {2, 3, 4}
    assert len([key for key in per_bloc_year if key[1] == newest]) == 34 * 15  # a whole year of every bloc
    sizes = [len(path.read_bytes()) for path in (content / "articles").rglob("*.md")]
    assert 3000 < sum(sizes) / len(sizes) < 6000  # the sample reports: 3.5 to 4.8 kB


@pytest.mark.parametrize("provinces", [34, 63])
def test_the_archive_has_no_problem(tmp_path: Path, provinces: int) -> None:
    content = generate(tmp_path, 300, provinces)
    if provinces == 63:
        successors = [yaml.safe_load(path.read_text(encoding="utf-8"))
                      for path in (content / "registry" / "provinces").glob("*.yaml")]
        assert sum(1 for province in successors if province.get("successor")) == 29
    assert problems_of(content) == []


def _some_provinces(tmp_path: Path) -> tuple[Path, list[str]]:
    """A generated archive cut down to the provinces with most reports, enough of them for the
    helper process to share the reading (200 files) as well as the writing; and those kept."""
    content = generate(tmp_path / "archive", 1000)
    reports = {folder: len(list(folder.rglob("*.md"))) for folder in (content / "articles").iterdir()}
    folders = sorted(reports, key=lambda folder: -reports[folder])
    kept: list[str] = []
    while sum(reports[content / "articles" / name] for name in kept) < SHARED_READING:
        kept.append(folders[len(kept)].name)
    for path in (content / "registry" / "provinces").glob("*.yaml"):
        if path.stem not in kept:
            path.unlink()
    for folder in folders[len(kept):]:
        shutil.rmtree(folder)
    return content, kept


def _build(content: Path, output: Path, workers: int, base: str = "publishconf") -> str:
    """A published build (absolute URLs, so a sitemap too) in a fresh process, as ``make publish``;
    with ``base="pelicanconf"``, a preview build with its caches beside ``output``."""
    output.parent.mkdir(parents=True)
    settings = output.parent / f"conf{workers}.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom {base} import *  # noqa: F403\n"
        f"PATH = {str(content)!r}\nTHEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        f"CACHE_PATH = {str(output.parent / 'cache')!r}\n"
        f"BLOCS_WORKERS = {workers}\nBLOCS_SEARCH_INDEX = False\n", encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "plugins"), str(ROOT)])}
    finished = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output),
                               "--verbose"], capture_output=True, text=True, env=environment, cwd=ROOT, check=True)
    return finished.stdout + finished.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper process needs fork")
def test_a_helper_process_gives_the_same_site(tmp_path: Path) -> None:
    content, provinces = _some_provinces(tmp_path)
    alone = "".join(_build(content, tmp_path / "one" / "output", 1).split())  # the log wraps lines
    shared = "".join(_build(content, tmp_path / "two" / "output", 2).split())
    assert "tiếntrìnhphụ" not in alone
    # The helper did take part in reading (every article: no cache in a published build) and writing.
    assert re.findall(r"Mộttiếntrìnhphụcùngđọc(\d+)bài", shared) == [str(len(list(content.rglob("*.md"))))]
    assert "Mộttiếntrìnhphụcùngdựng" in shared
    one, two = tree_bytes(tmp_path / "one" / "output"), tree_bytes(tmp_path / "two" / "output")
    assert one == two
    # The sitemap lists the pages the helper wrote as well (it learns of them in this process).
    sitemap = two["sitemap.xml"].decode("utf-8")
    assert sitemap.count("<loc>") == sum(1 for name in two if name.endswith(".html")) > 200
    assert all(f"/to-chuc/{province}/" in sitemap and f"/khoi/{province}/" in sitemap for province in provinces)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper process needs fork")
def test_the_page_cache_knows_every_data_file_and_year_row_the_helper_wrote(tmp_path: Path) -> None:
    """Else the next preview makes every one of them again (and finds it unchanged), or renders
    every row of a year page again (the helper, taking pages from the back, renders those)."""
    content, _provinces = _some_provinces(tmp_path)
    log = "".join(_build(content, tmp_path / "preview" / "output", 2, base="pelicanconf").split())
    assert "Mộttiếntrìnhphụcùngdựng" in log
    stored = stored_page_cache(tmp_path / "preview" / "cache")
    data = {name for name, (key, _stamp) in stored["pages"].items() if name.startswith("data/") and key}
    assert len(data) > 20
    assert data <= set(stored["files"])
    years = {name for name in stored["pages"] if re.fullmatch(r"nam/\d{4}\.html", name)}
    assert years and years <= {name for name, rows in stored["fragments"].items() if rows}


CHECK = """
import logging, sys
logging.basicConfig(level=logging.INFO, format="%(message)s")
from emulation_blocs.check import check
sys.exit(check(sys.argv[1]))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper process needs fork")
def test_check_with_a_helper_finds_and_keeps_what_it_does_alone(tmp_path: Path) -> None:
    """With the helper sharing its reading, check finds the problems one process finds, and its
    cache keeps the same articles."""
    content, _provinces = _some_provinces(tmp_path)
    files = sorted(content.rglob("*.md"))
    # A name the registry does not know (found when resolving), read here; a value the schema
    # refuses (found by the reader), read by the helper, which reads from the back.
    for path, (value, wrong) in ((files[0], ("\nbloc: ", "\nbloc: Khối không có ")),
                                 (files[-1], ("  year_reviewed: ", "  year_reviewed: năm ngoái "))):
        text = path.read_text(encoding="utf-8")
        assert value in text
        path.write_text(text.replace(value, wrong, 1), encoding="utf-8")
    found, kept = {}, {}
    for workers in (1, 2):
        settings = tmp_path / f"check{workers}.py"
        settings.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa: F403\n"
            f"PATH = {str(content)!r}\nCACHE_PATH = {str(tmp_path / f'cache{workers}')!r}\n"
            f"BLOCS_WORKERS = {workers}\n", encoding="utf-8")
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "plugins"), str(ROOT)])}
        finished = subprocess.run([sys.executable, "-c", CHECK, str(settings)], capture_output=True, text=True,
                                  env=environment, cwd=ROOT)
        assert finished.returncode == 1, finished.stderr
        shared = re.findall(r"Một tiến trình phụ cùng đọc (\d+) bài", finished.stderr)
        assert shared == ([] if workers == 1 else [str(len(files))])
        found[workers] = [line for line in finished.stderr.splitlines() if re.search(r"TD\d{3}", line)]
        kept[workers] = read_entries(tmp_path / f"cache{workers}" / CHECK_CACHE)
    assert found[1] == found[2] and len(found[1]) >= 2
    assert {str(files[0].relative_to(content)), str(files[-1].relative_to(content))} <= {
        name for line in found[1] for name in re.findall(r"articles/\S+\.md", line)}
    assert kept[1] == kept[2]


def test_the_server_mode_rebuilds_in_one_process_what_a_fresh_build_gives(tmp_path: Path) -> None:
    """bench/server.py, the benchmark's preview server: after each edit its rebuild equals a
    build from scratch of the edited archive, and it reports the few files it wrote."""
    from run import child_environment, pelican_command, prepare

    site = prepare(tmp_path, 90, 34)
    article = site.edited_article()
    original = article.read_text(encoding="utf-8")
    output, cache = tmp_path / "server" / "output", tmp_path / "server" / "cache"
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "server.py"), str(site.settings("pages")), str(output), str(cache),
         str(article)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env=child_environment(), cwd=ROOT)
    try:
        assert server.stdout.readline().strip() == "ready"
        server.stdin.write("1\n")
        server.stdin.flush()
        rebuilt = json.loads(server.stdout.readline())
        assert "(cập nhật lần 1)" in article.read_text(encoding="utf-8")
        subprocess.run(pelican_command(site, "pages", cache=False), capture_output=True, env=child_environment(),
                       cwd=ROOT, check=True)  # a build from scratch, as the benchmark's full builds
        assert tree_bytes(output, ignore=("pagefind",)) == tree_bytes(site.output("pages"), ignore=("pagefind",))
        assert rebuilt["run"] == 1 and rebuilt["wall"] > 0
        assert 5 <= rebuilt["files"] < len(tree_bytes(output)) / 10
    finally:
        server.stdin.close()
        server.wait(timeout=120)
    assert article.read_text(encoding="utf-8") == original  # the archive is left as it was
