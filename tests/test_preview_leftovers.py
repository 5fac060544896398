"""A preview starts from hard links to the whole previous output and ends with exactly the
files its build produced (emulation_blocs.incremental.produced): nothing of the previous
output outlives a setting, a theme file or the search index that no longer makes it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from emulation_blocs.commands.preview_index import IndexLater
from emulation_blocs.incremental.produced import Ledger
from incremental_helpers import NO_SEARCH, copy_content, fresh_build, tree_bytes

SITEURL = {"SITEURL": "https://thidua.example.vn"}  # the sitemap needs an absolute one


@pytest.mark.parametrize(("setting", "value"), [
    ("BLOCS_SITEMAP_SAVE_AS", "ban-do-trang.xml"),
    ("BLOCS_SITEMAP_SAVE_AS", ""),
    ("BLOCS_ROBOTS_SAVE_AS", "tep-robots.txt"),
    ("BLOCS_ROBOTS_SAVE_AS", ""),
    ("BLOCS_REDIRECTS_SAVE_AS", ""),
    ("DATA_INDEX_SAVE_AS", "data/danh-muc.json"),
])
def test_a_file_whose_save_as_changed_is_gone_from_the_preview(tmp_path: Path, setting: str, value: str) -> None:
    content = copy_content(tmp_path / "content")
    preview = tmp_path / "preview" / "output"
    build_site(content, preview, **NO_SEARCH, **SITEURL)
    build_site(content, preview, **NO_SEARCH, **SITEURL, **{setting: value})
    fresh = fresh_build(content, tmp_path / "fresh" / "output", **NO_SEARCH, **SITEURL, **{setting: value})
    assert sorted(tree_bytes(preview)) == sorted(fresh)
    assert tree_bytes(preview) == fresh


def _theme(folder: Path) -> Path:
    shutil.copytree(ROOT / "theme", folder)
    return folder


def test_a_file_deleted_from_the_theme_is_gone_from_the_preview(tmp_path: Path) -> None:
    content, theme = copy_content(tmp_path / "content"), _theme(tmp_path / "theme")
    extra = theme / "static" / "img" / "cu" / "logo-cu.svg"
    extra.parent.mkdir()
    extra.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    preview = tmp_path / "preview" / "output"
    build_site(content, preview, THEME=str(theme), **NO_SEARCH)
    assert (preview / "theme" / "img" / "cu" / "logo-cu.svg").is_file()

    shutil.rmtree(extra.parent)
    build_site(content, preview, THEME=str(theme), **NO_SEARCH)

    fresh = fresh_build(content, tmp_path / "fresh" / "output", THEME=str(theme), **NO_SEARCH)
    assert sorted(tree_bytes(preview)) == sorted(fresh)
    assert not (preview / "theme" / "img" / "cu").exists()  # nor the folder it leaves empty


@pytest.mark.skipif(not hasattr(os, "link"), reason="hard links")
def test_a_changed_theme_file_is_replaced_not_written_into_the_served_one(tmp_path: Path) -> None:
    """Pelican copies the theme's files into the new folder, whose files are hard links to
    those being served: the served copy keeps its bytes until the new folder takes its place."""
    content, theme = copy_content(tmp_path / "content"), _theme(tmp_path / "theme")
    preview = tmp_path / "preview" / "output"
    build_site(content, preview, THEME=str(theme), **NO_SEARCH)
    served = tmp_path / "served.css"
    os.link(preview / "theme" / "css" / "site.css", served)
    before = served.read_bytes()

    stylesheet = theme / "static" / "css" / "site.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n.moi { color: red; }\n", encoding="utf-8")
    build_site(content, preview, THEME=str(theme), **NO_SEARCH)

    assert (preview / "theme" / "css" / "site.css").read_bytes() == stylesheet.read_bytes()
    assert served.read_bytes() == before


def test_the_preview_keeps_the_search_index_it_brings_up_to_date_later(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    preview = tmp_path / "preview" / "output"
    build_site(content, preview)
    index = {name for name in tree_bytes(preview) if name.startswith("pagefind/")}
    assert index

    later = IndexLater({"BLOCS_SEARCH_INDEX": True}).build_overrides()
    build_site(content, preview, **later)
    assert {name for name in tree_bytes(preview) if name.startswith("pagefind/")} == index

    build_site(content, preview, **NO_SEARCH)  # no index any more, now or later
    assert not (preview / "pagefind").exists()


def test_the_sweep_deletes_what_was_not_produced_and_the_folders_it_empties(tmp_path: Path) -> None:
    for relative in ("index.html", "cu/a.html", "cu/sau/b.html", "giu/c.js", "moi/d.html"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(relative, encoding="utf-8")
    ledger = Ledger(tmp_path)
    ledger.note(tmp_path / "index.html")
    ledger.note(str(tmp_path / "moi" / "d.html"))
    ledger.keep_folder("giu")

    assert ledger.sweep() == ["cu/a.html", "cu/sau/b.html"]
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")) == [
        "giu", "giu/c.js", "index.html", "moi", "moi/d.html"]
