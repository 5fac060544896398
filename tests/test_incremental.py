"""The preview after an edit: the same bytes as a build from scratch, and only the files whose
content changed are written again."""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from emulation_blocs.incremental.writer import FileStream, write_if_changed
from emulation_blocs.pelican_compat.writer import SkippingWriter
from incremental_helpers import (
    EDITED,
    EDITED_PAGE,
    NO_SEARCH,
    copy_content,
    edit_title_and_body,
    fresh_build,
    rewritten,
    stamps,
    stored_page_cache,
    tree_bytes,
)
from pelican import signals


def test_preview_after_an_edit_equals_a_fresh_build_and_rewrites_only_what_changed(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    preview = tmp_path / "preview" / "output"
    build_site(content, preview, **NO_SEARCH)
    before = stamps(preview)

    edit_title_and_body(content / EDITED, " (đã sửa)")
    build_site(content, preview, **NO_SEARCH)

    assert tree_bytes(preview) == fresh_build(content, tmp_path / "fresh" / "output", **NO_SEARCH)
    changed = rewritten(before, stamps(preview))
    # The article, the lists it is on, and the pages of its bloc and province show its title.
    assert {EDITED_PAGE, "index.html", "tin/2018/index.html", "tinh/quang-ninh.html",
            "khoi/quang-ninh/mttq-va-cac-to-chuc-chinh-tri-xa-hoi.html",
            "khoi/quang-ninh/mttq-va-cac-to-chuc-chinh-tri-xa-hoi/2018.html"} <= changed
    # So does the page of its province's year; the country's page of that year shows counts,
    # which the edit did not change.
    assert "nam/2018/quang-ninh.html" in changed
    # Other provinces, their blocs, organisations, articles, years and data are left as they were.
    untouched = {"nam/2018.html", "tinh/bac-kan.html", "khoi/bac-kan/mttq-va-cac-doan-the.html",
                 "to-chuc/tay-ninh/hoi-luat-gia.html",
                 "tin/2020/2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.html", "data/blocs.json",
                 "nam/2020.html", "nam/2020/bac-kan.html", "data/nam/2020.json",
                 "data/khoi/bac-kan/mttq-va-cac-doan-the.json"}
    assert untouched <= set(before)
    assert not untouched & changed
    # Nowhere near all the files: a build from scratch writes every one.
    assert len(changed) < len(before) / 3


def test_nothing_is_written_when_nothing_changed(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    preview = tmp_path / "output"
    build_site(content, preview, **NO_SEARCH)
    before = stamps(preview)
    build_site(content, preview, **NO_SEARCH)
    # Pelican copies the theme's static files at every build, onto themselves: nothing is written.
    assert rewritten(before, stamps(preview)) == set()


def test_a_build_keeps_nothing_of_its_articles_once_it_is_done(tmp_path: Path) -> None:
    """``make devserver`` builds again in the same process at every save: what one build made
    must not live on into the next (Pelican's memo of rendered content kept every article)."""
    content = copy_content(tmp_path / "content")
    made: list[weakref.ref] = []

    def remember(content_object: object) -> None:
        made.append(weakref.ref(content_object))

    with signals.content_object_init.connected_to(remember):
        build_site(content, tmp_path / "output", **NO_SEARCH)
    gc.collect()
    assert len(made) >= len(list((content / "articles").rglob("*.md"))) > 0
    assert [ref() for ref in made if ref() is not None] == []


def assert_page_goes(tmp_path: Path, page: str, change: Callable[[Path], object]) -> None:
    """Build the preview, ``change`` the content, build again: ``page`` is gone, and the
    preview is what a fresh build gives."""
    content = copy_content(tmp_path / "content")
    preview = tmp_path / "preview" / "output"
    build_site(content, preview, **NO_SEARCH)
    assert (preview / page).exists()

    change(content)
    build_site(content, preview, **NO_SEARCH)

    assert not (preview / page).exists()
    assert tree_bytes(preview) == fresh_build(content, tmp_path / "fresh" / "output", **NO_SEARCH)


def test_a_deleted_report_leaves_no_page_behind(tmp_path: Path) -> None:
    assert_page_goes(tmp_path, EDITED_PAGE, lambda content: (content / EDITED).unlink())


def test_a_registry_edit_that_drops_a_report_leaves_none_of_its_pages_behind(tmp_path: Path) -> None:
    """A registry edit changes every page's key: the pages the last build wrote are still known."""
    def forget_the_organisation(content: Path) -> None:
        registry = content / "registry" / "provinces" / "quang-ninh.yaml"
        text = registry.read_text(encoding="utf-8")
        # The report's members and leader no longer name a known organisation: it is left out.
        registry.write_text(text.replace("name: Hội Liên hiệp Phụ nữ tỉnh", "name: Hội Phụ nữ"), encoding="utf-8")

    assert_page_goes(tmp_path, "khoi/quang-ninh/mttq-va-cac-to-chuc-chinh-tri-xa-hoi/2018.html",
                     forget_the_organisation)


def test_a_new_file_that_takes_a_report_s_url_sends_every_link_to_it_aside(tmp_path: Path) -> None:
    """A new report whose path sorts first takes the file of one already published (TD402), which
    is moved aside though its own file did not change: every page and data file that links to it
    follows (they used to keep the old link, which then showed the other report)."""
    content = copy_content(tmp_path / "content")
    preview = tmp_path / "preview" / "output"
    build_site(content, preview, **NO_SEARCH)
    published = next((content / "articles" / "quang-tri" / "2024").glob("*.md"))
    other_province = next((content / "articles" / "bac-kan" / "2020").glob("*.md"))
    text = other_province.read_text(encoding="utf-8").replace("date: 2020-12-30", "date: 2024-01-09")
    (content / "articles" / "bac-kan" / "2024").mkdir()
    (content / "articles" / "bac-kan" / "2024" / published.name).write_text(text, encoding="utf-8")

    build_site(content, preview, **NO_SEARCH)

    assert tree_bytes(preview) == fresh_build(content, tmp_path / "fresh" / "output", **NO_SEARCH)
    moved = f"tin/2024/{published.stem}-2.html"
    bloc_pages = (preview / "khoi" / "quang-tri").glob("*.html")
    assert any(moved.rsplit("/", 1)[1] in page.read_text(encoding="utf-8") for page in bloc_pages)


def test_without_its_cache_the_preview_starts_from_an_empty_folder(tmp_path: Path) -> None:
    def lose_the_cache_and_the_report(content: Path) -> None:
        shutil.rmtree(tmp_path / "preview" / "cache")
        (content / EDITED).unlink()

    assert_page_goes(tmp_path, EDITED_PAGE, lose_the_cache_and_the_report)


def test_an_edit_leaves_the_data_of_the_bloc_s_other_years_unmade(tmp_path: Path) -> None:
    """A year's data files are keyed by what that year's bloc-years show, not by every report
    of their blocs: the page cache keeps their keys, so they are not even made again."""
    content = copy_content(tmp_path / "content")
    earlier = content / EDITED.replace("2018", "2016")
    earlier.parent.mkdir(parents=True)
    text = (content / EDITED).read_text(encoding="utf-8")
    earlier.write_text(text.replace("2019", "2017").replace("2018", "2016"), encoding="utf-8")
    preview = tmp_path / "preview" / "output"
    build_site(content, preview, **NO_SEARCH)
    before = page_keys(tmp_path / "preview" / "cache")

    edit_title_and_body(content / EDITED, " (đã sửa)")
    build_site(content, preview, **NO_SEARCH)

    after = page_keys(tmp_path / "preview" / "cache")
    assert tree_bytes(preview) == fresh_build(content, tmp_path / "fresh" / "output", **NO_SEARCH)
    for other_year in ("data/nam/2016.json", "data/nam/2017.json", "data/nam/2016/khen-thuong.csv"):
        assert before[other_year] == after[other_year]
    # The bloc's own data and the year the edited report reviews are made again.
    assert before["data/nam/2018.json"] != after["data/nam/2018.json"]
    assert before["data/khoi/quang-ninh/mttq-va-cac-to-chuc-chinh-tri-xa-hoi.json"] != \
        after["data/khoi/quang-ninh/mttq-va-cac-to-chuc-chinh-tri-xa-hoi.json"]


def page_keys(cache: Path) -> dict[str, str]:
    """The key the page cache holds for every file it knows."""
    return {save_as: key for save_as, (key, _stamp) in stored_page_cache(cache)["pages"].items()}


def test_a_registry_edit_reaches_every_page_that_shows_it(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    preview = tmp_path / "preview" / "output"
    build_site(content, preview, **NO_SEARCH)

    registry = content / "registry" / "provinces" / "quang-ninh.yaml"
    text = registry.read_text(encoding="utf-8")
    renamed = text.replace("name: Hội Liên hiệp Phụ nữ tỉnh", "name: Hội Liên hiệp Phụ nữ tỉnh Quảng Ninh")
    registry.write_text(renamed, encoding="utf-8")
    build_site(content, preview, **NO_SEARCH)

    assert tree_bytes(preview) == fresh_build(content, tmp_path / "fresh" / "output", **NO_SEARCH)
    assert "Hội Liên hiệp Phụ nữ tỉnh Quảng Ninh" in (preview / EDITED_PAGE).read_text(encoding="utf-8")


def test_a_template_edit_reaches_every_page(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    preview = tmp_path / "preview" / "output"
    build_site(content, preview, THEME=str(theme), **NO_SEARCH)

    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>Bản thử.</p></footer>"),
                    encoding="utf-8")
    build_site(content, preview, THEME=str(theme), **NO_SEARCH)

    assert tree_bytes(preview) == fresh_build(content, tmp_path / "fresh" / "output", THEME=str(theme), **NO_SEARCH)
    pages = [name for name in tree_bytes(preview) if name.endswith(".html")]
    assert all("Bản thử." in (preview / name).read_text(encoding="utf-8") for name in pages)


def test_the_search_index_follows_the_edit(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    preview = tmp_path / "preview" / "output"
    build_site(content, preview)
    edit_title_and_body(content / EDITED, " (đã sửa)")
    build_site(content, preview)
    # Pagefind writes the same bundle for the same pages: the preview's is the fresh build's.
    assert tree_bytes(preview) == fresh_build(content, tmp_path / "fresh" / "output")


@pytest.mark.skipif(not hasattr(os, "link"), reason="hard links")
def test_a_changed_file_is_replaced_and_its_other_links_keep_the_old_bytes(tmp_path: Path) -> None:
    served = tmp_path / "served.html"
    served.write_bytes(b"old")
    staged = tmp_path / "staged.html"
    os.link(served, staged)
    unchanged_stamp = os.stat(staged).st_mtime_ns

    assert write_if_changed(str(staged), b"old") is False
    assert os.stat(staged).st_mtime_ns == unchanged_stamp

    assert write_if_changed(str(staged), b"new") is True
    assert staged.read_bytes() == b"new"
    assert served.read_bytes() == b"old"  # the site being served is not touched


def test_a_writer_into_an_empty_folder_writes_without_looking_first(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a folder empty when the writer is made counts as fresh; there, files are written in
    place (what is there was written by this build), never looked at first."""
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "page.html").write_bytes(b"old")
    assert SkippingWriter(str(tmp_path / "new"), {}).fresh
    (tmp_path / "empty").mkdir()
    assert SkippingWriter(str(tmp_path / "empty"), {}).fresh
    assert not SkippingWriter(str(tmp_path / "kept"), {}).fresh

    def looked(*_arguments: object) -> None:
        raise AssertionError("a fresh build looked at a file before writing it")

    monkeypatch.setattr(os.path, "getsize", looked)
    page = tmp_path / "new" / "a" / "page.html"
    assert write_if_changed(str(page), b"first", fresh=True) is True
    assert write_if_changed(str(page), b"second", fresh=True) is True
    assert page.read_bytes() == b"second"
    stream = FileStream(str(page), fresh=True)
    assert stream.target == str(page)  # in place: no file beside it to compare
    stream.write(b"rows")
    assert stream.close() == (4, hashlib.sha256(b"rows").hexdigest())
    assert page.read_bytes() == b"rows"
    beside = FileStream(str(page))
    assert beside.target != str(page)  # not fresh: written beside, compared on closing
    beside.discard()


def test_the_sitemap_dates_the_pages_a_preview_keeps(tmp_path: Path) -> None:
    """A page left as it is still tells the sitemap its content's date, as a written one does."""
    content = copy_content(tmp_path / "content")
    preview = tmp_path / "preview" / "output"
    absolute = {**NO_SEARCH, "SITEURL": "https://thidua.example.vn", "RELATIVE_URLS": False}
    build_site(content, preview, **absolute)
    edit_title_and_body(content / EDITED, " (đã sửa)")
    build_site(content, preview, **absolute)

    fresh = fresh_build(content, tmp_path / "fresh" / "output", **absolute)
    assert (preview / "sitemap.xml").read_bytes() == fresh["sitemap.xml"]
    assert fresh["sitemap.xml"].count(b"<lastmod>") >= 5  # the articles, kept or written again
