"""docs/screenshots shows every page type: each template the site renders has a page type
(published_site_helpers.PAGE_TYPES, which tools/screenshots.py photographs), each page type
has its picture, and no picture is left of a page type that is gone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CONTENT, ROOT, build_site
from emulation_blocs.pelican_compat.writer import SkippingWriter
from published_site_helpers import PAGE_TYPES

SCREENSHOTS = ROOT / "docs" / "screenshots"
TEMPLATE_FOLDERS = [ROOT / "theme" / "templates", ROOT / "plugins" / "emulation_blocs" / "pages" / "templates"]
# The browser editor's pictures, for the authoring guide (tests/test_editor_browser.py makes them).
EDITOR_SCREENSHOTS = "bien-tap-"
# Templates that are no page of their own in the published site, and why.
NOT_PAGE_TYPES = {
    "base.html": "the frame of every page",
    "blocs_macros.html": "macros",
    "results_macros.html": "macros",
    "page.html": "the content has no static page",
    "redirect.html": "an old address forwarding to its page at once",
    "archive_note.html": "only in the offline archive (tests/test_archive_in_browser.py)",
    "archive_year.html": "only in the offline archive (tests/test_archive_in_browser.py)",
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, set[str]]]:
    """Each template the real content's build renders, with the files it wrote."""
    found: dict[str, set[str]] = {}
    original = SkippingWriter.write_file

    def write_file(self: SkippingWriter, name: str, template: Any, *args: Any, **kwargs: Any) -> None:
        found.setdefault(Path(template.name).name, set()).add(name)
        original(self, name, template, *args, **kwargs)

    patch = pytest.MonkeyPatch()
    patch.setattr(SkippingWriter, "write_file", write_file)
    try:
        build_site(CONTENT, tmp_path_factory.mktemp("templates") / "output")
    finally:
        patch.undo()
    yield found


def test_every_template_is_a_page_type_or_said_not_to_be(rendered: dict[str, set[str]]) -> None:
    templates = {path.name for folder in TEMPLATE_FOLDERS for path in folder.glob("*.html")}
    assert set(rendered) <= templates
    assert templates - set(rendered) <= set(NOT_PAGE_TYPES), "a template is neither rendered nor explained"
    assert not set(rendered) & set(NOT_PAGE_TYPES)


def test_every_rendered_template_has_a_page_type(rendered: dict[str, set[str]]) -> None:
    listed = set(PAGE_TYPES.values())
    without = {template: sorted(files)[:3] for template, files in rendered.items() if not files & listed}
    assert without == {}, "add one page of each to PAGE_TYPES (tests/published_site_helpers.py)"
    assert rendered["year_province.html"] >= {"nam/2020/bac-kan.html", "nam/2018/quang-ninh.html"}


def test_every_page_type_has_its_screenshot() -> None:
    pictures = {path.stem for path in SCREENSHOTS.glob("*.png") if not path.stem.startswith(EDITOR_SCREENSHOTS)}
    assert set(PAGE_TYPES) - pictures == set(), "run tools/screenshots.py (see docs/quality.md)"
    assert pictures - set(PAGE_TYPES) == set(), "a screenshot of a page type that is gone"
    for name in PAGE_TYPES:
        assert (SCREENSHOTS / f"{name}.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), name
