"""The broken corpus (tests/broken/): every mistake is reported with exactly its code, file,
line and field — by `check`, by the production build, which then stops and leaves the
previous output alone, and on the article's page in the preview."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from authoring_helpers import BROKEN, Site, logged_problems, make_site, run_cli, tree_digest
from bs4 import BeautifulSoup
from emulation_blocs.commands.build import build
from emulation_blocs.commands.check import find_problems
from emulation_blocs.problems import CATALOGUE
from pelican.settings import read_settings

MANIFEST: dict[str, list[dict]] = yaml.safe_load((BROKEN / "manifest.yaml").read_text(encoding="utf-8"))
CASES = sorted(MANIFEST)
_FILE_DATE = re.compile(r"^(\d{4})-\d{2}-\d{2}-")


def expected(case: str) -> set[tuple[str, str, int, str]]:
    return {(entry["code"], entry["file"], entry["line"], entry.get("field", "")) for entry in MANIFEST[case]}


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A production build of the real content: the output that a failed build must keep."""
    site = make_site(tmp_path_factory.mktemp("previous"), articles=True)
    return build(str(site.publish_settings), str(site.output))


def broken_site(tmp_path: Path, case: str) -> Site:
    site = make_site(tmp_path, BROKEN / case)
    settings = {name: value for entry in MANIFEST[case] for name, value in entry.get("settings", {}).items()}
    for path in (site.preview_settings, site.publish_settings):
        with path.open("a", encoding="utf-8") as written:
            written.writelines(f"{name} = {value!r}\n" for name, value in sorted(settings.items()))
    return site


def test_every_code_has_a_broken_example() -> None:
    covered = {entry["code"] for entries in MANIFEST.values() for entry in entries}
    assert covered == set(CATALOGUE)


def test_every_case_folder_is_in_the_manifest() -> None:
    folders = {path.name for path in BROKEN.iterdir() if path.is_dir()}
    assert folders == set(MANIFEST)


@pytest.mark.parametrize("case", CASES)
def test_check_reports_exactly_the_mistake(tmp_path: Path, case: str) -> None:
    site = broken_site(tmp_path, case)
    problems = find_problems(read_settings(str(site.preview_settings)))
    assert {(found.code, found.path, found.line, found.field) for found in problems} == expected(case)
    for found in problems:
        rule = CATALOGUE[found.code]
        assert found.line >= 1
        assert found.format().startswith(f"{found.path}:{found.line}: {found.code}")
        # Every parameter of the wording was filled in, and the bad value is named.
        assert not re.search(r"\{\w+\}", found.message + found.hint)
        assert found.value in found.message, (found.code, found.value, found.message)
        assert found.hint and rule.title_vi and rule.title_en
    # A second check takes the articles from its cache, and finds the same.
    assert find_problems(read_settings(str(site.preview_settings))) == problems


@dataclass(frozen=True)
class StrictBuild:
    result: subprocess.CompletedProcess
    output_before: dict[str, str]
    output_after: dict[str, str]
    folder_before: list[str]
    folder_after: list[str]


def _strict_build(root: Path, case: str, previous_output: Path) -> StrictBuild:
    site = broken_site(root, case)
    # Hard links rather than copies: files written over, removed, touched or given another mode
    # still show in this case's digests (a file changed in place shows in every case's too).
    shutil.copytree(previous_output, site.output, copy_function=os.link)
    output_before, folder_before = tree_digest(site.output), sorted(path.name for path in root.iterdir())
    result = run_cli("build", "-s", str(site.publish_settings), "-o", str(site.output), cwd=root)
    return StrictBuild(result, output_before, tree_digest(site.output), folder_before,
                       sorted(path.name for path in root.iterdir()))


@pytest.fixture(scope="module")
def strict_builds(tmp_path_factory: pytest.TempPathFactory, previous_output: Path) -> dict[str, StrictBuild]:
    """``python -m emulation_blocs build`` with the production settings, for every case: each
    one is a separate process, so they run side by side."""
    roots = {case: tmp_path_factory.mktemp(case) for case in CASES}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {case: pool.submit(_strict_build, roots[case], case, previous_output) for case in CASES}
        return {case: future.result() for case, future in futures.items()}


@pytest.mark.parametrize("case", CASES)
def test_production_build_stops_and_keeps_the_previous_output(case: str, strict_builds: dict) -> None:
    done = strict_builds[case]
    assert done.result.returncode != 0
    assert "Traceback" not in done.result.stderr
    assert logged_problems(done.result.stderr) == expected(case)
    assert done.output_after == done.output_before
    assert done.folder_after == done.folder_before  # no staging folder left beside it


@pytest.mark.parametrize("case", [case for case in CASES
                                  if any(entry["file"].startswith("articles/") for entry in MANIFEST[case])])
def test_preview_shows_the_problem_on_the_article_page(tmp_path: Path, case: str) -> None:
    site = broken_site(tmp_path, case)
    build(str(site.preview_settings), str(site.output), {"BLOCS_SEARCH_INDEX": False})  # pages are the point
    for entry in MANIFEST[case]:
        if not entry["file"].startswith("articles/"):
            continue
        if "page" in entry and entry["page"] is None:  # a file not read: nothing of it is published
            stem = Path(entry["file"]).stem
            assert not [page for page in site.output.rglob("*.html") if page.stem == stem]
            continue
        page = site.output / (entry["page"] if "page" in entry else _usual_page(entry["file"]))
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        items = soup.select("section.problems li")
        shown = {(item.code.get_text(), _line_of(item.get_text())) for item in items}
        assert (entry["code"], entry["line"]) in shown
        assert len(items) == sum(1 for other in MANIFEST[case] if other["file"] == entry["file"])


def _usual_page(source: str) -> str:
    name = Path(source).stem
    year = _FILE_DATE.match(name)
    assert year, source
    return f"tin/{year.group(1)}/{name}.html"


def _line_of(text: str) -> int:
    found = re.search(r"dòng (\d+)", text)
    return int(found.group(1)) if found else 0


@pytest.mark.parametrize("command", ["build", "check", "archive", "urls", "new", "serve"])
def test_a_missing_settings_file_is_named_without_a_traceback(tmp_path: Path, command: str) -> None:
    finished = run_cli(command, "-s", "khong-co.py", cwd=tmp_path, stdin="", timeout=60)
    assert finished.returncode == 2
    assert "Traceback" not in finished.stderr
    assert finished.stderr.strip().splitlines() == [
        "LỖI: không có tệp cấu hình khong-co.py. Chạy lệnh trong thư mục của trang (nơi có pelicanconf.py), "
        "hoặc chỉ đúng tệp bằng -s."]
