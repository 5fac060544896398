"""The macro modules (blocs_macros.html, results_macros.html) are made once per template
environment, not once per page: the templates import them without the page's context and pass
what the macros need (SITEURL, FEED_DOMAIN). An import "with context" makes the module anew
for every page that imports it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jinja2
import pytest
from conftest import CONTENT, build_site

MACROS = ("blocs_macros.html", "results_macros.html")


def test_macro_modules_are_made_once_per_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: Counter[str] = Counter()
    environments: set[int] = set()
    make_module = jinja2.Template.make_module

    def counted(template: jinja2.Template, *arguments: object, **keywords: object) -> object:
        if template.name in MACROS:
            made[template.name] += 1
            environments.add(id(template.environment))
        return make_module(template, *arguments, **keywords)

    monkeypatch.setattr(jinja2.Template, "make_module", counted)
    site = build_site(CONTENT, tmp_path / "output", BLOCS_SEARCH_INDEX=False)
    pages = list(site.output.rglob("*.html"))
    assert len(pages) > 50
    assert set(made) == set(MACROS)
    assert all(count <= len(environments) for count in made.values()), made
