"""The benchmark's synthetic archive: the same bytes for the same arguments, shaped like the
real content, free of problems; and the benchmark's preview server rebuilds what a fresh build
gives."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from emulation_blocs.commands.check import find_problems
from emulation_blocs.source.reader import split_front_matter
from incremental_helpers import tree_bytes
from pelican.settings import read_settings

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate

# libyaml's parser where it is there: the same data as yaml.safe_load, parsed in C rather than
# Python, for registries of 34 or 63 provinces with hundreds of organisations each.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)


def front_matters(content: Path) -> list[dict]:
    matters = []
    for path in sorted((content / "articles").rglob("*.md")):
        parts = split_front_matter(path.read_text(encoding="utf-8"))
        assert parts is not None
        matters.append(load_yaml(parts[0]))
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
    provinces = [load_yaml(path.read_text(encoding="utf-8"))
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
        successors = [load_yaml(path.read_text(encoding="utf-8"))
                      for path in (content / "registry" / "provinces").glob("*.yaml")]
        assert sum(1 for province in successors if province.get("successor")) == 29
    assert problems_of(content) == []


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
