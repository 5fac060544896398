"""Same content, same bytes: the site and the offline archive built twice — the second time
in another process, on another (faked) day, in another time zone and with another
SOURCE_DATE_EPOCH — are identical, file for file and byte for byte."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from archive_helpers import REPO, SETTINGS, build_site
from emulation_blocs.offline.archive import make_archive

FAKETIME = shutil.which("faketime")


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def differences(first: Path, second: Path) -> list[str]:
    one, two = tree(first), tree(second)
    return sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))


def run_elsewhere_in_time(*arguments: str) -> None:
    """Run the command line on 3 March 2033 (when faketime is there), in Auckland's time zone,
    with another SOURCE_DATE_EPOCH."""
    if FAKETIME is None:
        if os.environ.get("CI"):
            pytest.fail("faketime is missing: .ci/run installs it (apt-get install faketime)")
        pytest.skip("faketime is not installed (apt-get install faketime)")
    environment = {**os.environ, "PYTHONPATH": str(REPO / "plugins"), "TZ": "Pacific/Auckland",
                   "SOURCE_DATE_EPOCH": "1988888888"}
    command = [FAKETIME, "2033-03-03 03:03:03", sys.executable, "-m", "emulation_blocs", *arguments]
    finished = subprocess.run(command, cwd=os.getcwd(), env=environment, capture_output=True, text=True,
                              timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert "2033" not in finished.stdout  # the fake day did not leak into what was printed either


def test_site_builds_are_identical(tmp_path: Path) -> None:
    first = build_site(tmp_path / "first")
    run_elsewhere_in_time("build", "-s", SETTINGS, "-o", str(tmp_path / "second"))
    assert len(tree(first)) > 100
    assert differences(first, tmp_path / "second") == []


def test_archives_are_identical(tmp_path: Path) -> None:
    first = make_archive(SETTINGS, str(tmp_path / "first")).folder
    run_elsewhere_in_time("archive", "-s", SETTINGS, "-o", str(tmp_path / "second"))
    assert sorted(path.name for path in first.glob("*.tar.gz"))
    assert differences(first, tmp_path / "second") == []


def test_articles_of_one_day_come_in_one_order_whatever_the_process(tmp_path: Path) -> None:
    """Pelican lists the content files as a set, whose order changes with the hash seed of each
    process; the lists of articles must not."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    report = next((content / "articles").rglob("*.md"))
    for number in range(1, 6):
        shutil.copy(report, report.with_name(f"{report.stem}-ban-{number}.md"))
    settings = tmp_path / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *  # noqa\n"
                        f"PATH = {str(content)!r}\nTHEME = {str(REPO / 'theme')!r}\n"
                        "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n",
                        encoding="utf-8")
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONPATH": str(REPO / "plugins"), "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "emulation_blocs", "build", "-s", str(settings), "-o", str(tmp_path / seed)]
        finished = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True,
                                  timeout=300)
        assert finished.returncode == 0, finished.stderr
    assert differences(tmp_path / "1", tmp_path / "2") == []


def test_the_comparison_sees_a_difference(tmp_path: Path) -> None:
    """Guard for the two tests above: a changed byte or a missing file is a difference."""
    for name in ("one", "two"):
        (tmp_path / name / "a").mkdir(parents=True)
        (tmp_path / name / "a" / "x.html").write_text("x")
    (tmp_path / "two" / "a" / "x.html").write_text("y")
    (tmp_path / "one" / "only.txt").write_text("")
    assert differences(tmp_path / "one", tmp_path / "two") == ["a/x.html", "only.txt"]
