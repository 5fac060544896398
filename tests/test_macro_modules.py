"""The macro modules (blocs_macros.html, results_macros.html): the plugin's own templates call
the Python pieces they wrap and import none of them; a theme that imports them makes each once
per template environment, not once per page, because they are imported without the page's
context and take what they need (SITEURL, FEED_DOMAIN). An import "with context" makes the
module anew for every page that imports it."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup
from conftest import CONTENT, ROOT, build_site

MACROS = ("blocs_macros.html", "results_macros.html")


def _count_modules(monkeypatch: pytest.MonkeyPatch) -> tuple[Counter[str], set[int]]:
    made: Counter[str] = Counter()
    environments: set[int] = set()
    make_module = jinja2.Template.make_module

    def counted(template: jinja2.Template, *arguments: object, **keywords: object) -> object:
        if template.name in MACROS:
            made[template.name] += 1
            environments.add(id(template.environment))
        return make_module(template, *arguments, **keywords)

    monkeypatch.setattr(jinja2.Template, "make_module", counted)
    return made, environments


def test_the_plugins_templates_import_no_macro_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made, _environments = _count_modules(monkeypatch)
    site = build_site(CONTENT, tmp_path / "output", BLOCS_SEARCH_INDEX=False)
    assert len(list(site.output.rglob("*.html"))) > 50
    assert made == Counter()


def test_a_themes_macro_modules_are_made_once_per_environment(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A theme's template that imports the macros still gets their markup, each module made once."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    archives = theme / "templates" / "archives.html"
    text = archives.read_text(encoding="utf-8").replace("breadcrumb_nav(", "breadcrumbs(")
    imports = ('{% from "blocs_macros.html" import breadcrumbs %}'
               '{% from "results_macros.html" import province_change %}\n')
    archives.write_text(text.replace("{% block title %}", imports + "{% block title %}", 1), encoding="utf-8")
    made, environments = _count_modules(monkeypatch)
    site = build_site(CONTENT, tmp_path / "output", BLOCS_SEARCH_INDEX=False, THEME=str(theme))
    assert set(made) == set(MACROS)
    assert all(count <= len(environments) for count in made.values()), made
    page = BeautifulSoup((site.output / "tin" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [item.get_text(strip=True) for item in page.select("nav.breadcrumbs li")] == ["Trang chủ", "Tin theo năm"]
