"""Property: whatever sequence of edits an author makes (articles and registry entries added,
changed, renamed, deleted; settings changed; a file of the theme's static folder deleted or
added), a preview build after each edit writes the same bytes as a build from scratch. Kept
small (a handful of sequences of up to three edits on the sample site) so that it runs in about
a minute."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml
from conftest import ROOT, build_site, examples
from emulation_blocs.incremental.kept_articles import KeptArticles
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from incremental_helpers import NO_SEARCH, copy_content, edit_title_and_body, fresh_build, tree_bytes

Edit = Callable[[Path, int, dict], None]  # (content folder, a number to pick with, settings to change)


def _articles(content: Path) -> list[Path]:
    return sorted((content / "articles").rglob("*.md"))


def _provinces(content: Path) -> list[Path]:
    return sorted((content / "registry" / "provinces").glob("*.yaml"))


def add_article(content: Path, number: int, _settings: dict) -> None:
    articles = _articles(content)
    if articles:
        source = articles[number % len(articles)]
        copy = source.with_name(f"{source.stem}-ban-sao-{number}.md")
        shutil.copy(source, copy)
        edit_title_and_body(copy, f" (bản sao {number})")


def change_article(content: Path, number: int, _settings: dict) -> None:
    articles = _articles(content)
    if articles:
        edit_title_and_body(articles[number % len(articles)], f" (sửa {number})")


def rename_article(content: Path, number: int, _settings: dict) -> None:
    articles = _articles(content)
    if articles:
        source = articles[number % len(articles)]
        source.rename(source.with_name(f"{source.stem}-doi-ten-{number}.md"))


def delete_article(content: Path, number: int, _settings: dict) -> None:
    articles = _articles(content)
    if articles:
        articles[number % len(articles)].unlink()


def _edit_registry(content: Path, number: int, change: Callable[[list, int], None]) -> None:
    path = _provinces(content)[number % len(_provinces(content))]
    province = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(province.setdefault("organisations", []), number)
    path.write_text(yaml.safe_dump(province, allow_unicode=True, sort_keys=False), encoding="utf-8")


def add_entry(content: Path, number: int, _settings: dict) -> None:
    def add(organisations: list, number: int) -> None:
        organisations.append({"id": f"hoi-moi-{number}", "name": f"Hội mới số {number} tỉnh",
                              "aliases": [f"Hội mới số {number}"], "kind": "hoi-dac-thu"})
    _edit_registry(content, number, add)


def change_entry(content: Path, number: int, _settings: dict) -> None:
    def rename(organisations: list, number: int) -> None:
        if organisations:
            organisations[number % len(organisations)]["name"] += f" (đổi {number})"
    _edit_registry(content, number, rename)


def rename_entry(content: Path, number: int, _settings: dict) -> None:
    def new_id(organisations: list, number: int) -> None:
        if organisations:
            organisations[number % len(organisations)]["id"] += f"-{number}"
    _edit_registry(content, number, new_id)


def delete_entry(content: Path, number: int, _settings: dict) -> None:
    def delete(organisations: list, number: int) -> None:
        if organisations:
            del organisations[number % len(organisations)]
    _edit_registry(content, number, delete)


SETTINGS_TRIED = {"SEARCH_URL": ["tim-kiem.html", "tim.html"], "SITENAME": ["Thi đua khối", "Khối thi đua"],
                  "YEAR_URL": ["nam/{year}.html", "nam-{year}.html"],
                  "SITEURL": ["", "https://thidua.example.vn"],  # the sitemap is written with an absolute one
                  "BLOCS_SITEMAP_SAVE_AS": ["sitemap.xml", ""],
                  "BLOCS_ROBOTS_SAVE_AS": ["robots.txt", "tep-robots.txt"]}


def change_setting(_content: Path, number: int, changed: dict) -> None:
    name = sorted(SETTINGS_TRIED)[number % len(SETTINGS_TRIED)]
    values = SETTINGS_TRIED[name]
    changed[name] = values[(values.index(changed[name]) + 1) % len(values) if name in changed else 1]


THEME_FILE = Path("static") / "img" / "cu" / "logo-cu.svg"  # in the theme's copy, from the start


def _theme(content: Path) -> Path:
    return content.parent / "theme"


def toggle_theme_file(content: Path, _number: int, _settings: dict) -> None:
    """Delete the theme's extra static file with its folder, or put them back."""
    path = _theme(content) / THEME_FILE
    if path.exists():
        shutil.rmtree(path.parent)
    else:
        path.parent.mkdir()
        path.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")


EDITS = [add_article, change_article, rename_article, delete_article,
         add_entry, change_entry, rename_entry, delete_entry, change_setting, toggle_theme_file]


@settings(max_examples=examples(5), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 99)), min_size=1, max_size=3))
@example([(change_setting, 2)])  # SEARCH_URL: the search page had no key, the old one stayed
# The sitemap once written, then turned off; a theme file deleted: the previous ones stayed.
@example([(change_setting, 4), (change_setting, 1), (toggle_theme_file, 0)])
def test_a_preview_after_any_edits_equals_a_fresh_build(edits: list[tuple[Edit, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        content = copy_content(root / "content")
        shutil.copytree(ROOT / "theme", _theme(content))
        toggle_theme_file(content, 0, {})
        preview, kept = root / "preview" / "output", KeptArticles()
        changed: dict = {"THEME": str(_theme(content))}
        build_site(content, preview, kept, **NO_SEARCH, **changed)
        for step, (edit, number) in enumerate(edits):
            edit(content, number, changed)
            build_site(content, preview, kept, **NO_SEARCH, **changed)
            fresh = fresh_build(content, root / f"fresh-{step}" / "output", **NO_SEARCH, **changed)
            previewed = tree_bytes(preview)
            assert sorted(previewed) == sorted(fresh), f"after {[edit.__name__ for edit, _n in edits[:step + 1]]}"
            different = [name for name in fresh if previewed[name] != fresh[name]]
            assert different == [], f"after {[edit.__name__ for edit, _n in edits[:step + 1]]}"
