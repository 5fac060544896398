"""Pelican's quadratic loops made linear (emulation_blocs.pelican_compat.loops) give Pelican's results."""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, BuiltSite, build_site
from emulation_blocs.pelican_compat import loops as pelican_loops
from pelican import generators
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

pelican_loops.apply()
PELICAN_PROCESS_TRANSLATIONS = generators.process_translations.__wrapped__
PELICAN_PERIOD_ARCHIVES = generators.ArticlesGenerator._build_period_archives.__wrapped__


def _article(slug: str, lang: str = "vi", **metadata: str) -> Article:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["DEFAULT_LANG"] = "vi"
    return Article("<p>nội dung</p>", metadata={"title": slug, "slug": slug, "lang": lang,
                                                "date": datetime(2024, 1, 1), **metadata}, settings=settings)


def _outcome(process, articles: list[Article], translation_id) -> tuple:
    items = list(articles)  # each function sorts its own copy of the list
    index, translations = process(items, translation_id)
    return ([a.slug + a.lang for a in index], [a.slug + a.lang for a in translations],
            {a.slug + a.lang: sorted(t.slug + t.lang for t in a.translations) for a in articles})


CASES = {
    "one language": [_article(slug) for slug in ("c", "a", "d", "b")],
    "a translation": [_article("b"), _article("a"), _article("a", "en"), _article("c")],
    "alone but marked a translation": [_article("a"), _article("b", translation="true")],
    "two originals with one slug": [_article("a"), _article("a")],
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("translation_id", ["slug", ("slug", "lang"), None])
def test_same_index_translations_and_order_as_pelican(case: str, translation_id) -> None:
    articles = CASES[case]
    expected = _outcome(PELICAN_PROCESS_TRANSLATIONS, articles, translation_id)
    assert _outcome(generators.process_translations, articles, translation_id) == expected


def test_the_fast_path_leaves_the_list_sorted_as_pelican_does() -> None:
    articles = CASES["one language"]
    ours, pelicans = list(articles), list(articles)
    generators.process_translations(ours, "slug")
    PELICAN_PROCESS_TRANSLATIONS(pelicans, "slug")
    assert [a.slug for a in ours] == [a.slug for a in pelicans] == ["a", "b", "c", "d"]


def test_author_pages_are_written_when_asked_for(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "author.html").write_text(
        '<ul>{% for article in dates %}<li>{{ article.title }}</li>{% endfor %}</ul>', encoding="utf-8")
    site = build_site(CONTENT, tmp_path / "output", AUTHOR_SAVE_AS="tac-gia/{slug}.html",
                      THEME_TEMPLATES_OVERRIDES=[str(templates)], BLOCS_SEARCH_INDEX=False)
    written = sorted(path.name for path in (site.output / "tac-gia").iterdir())
    assert written == ["hoang-giang.html", "phuong-thao.html", "thanh-hoa.html", "thu-trang.html", "tu-linh.html"]
    titles = [item.get_text() for item in site.page("tac-gia/thu-trang.html").find_all("li")]
    assert len(titles) == 1 and titles[0].startswith("Khối")


def test_no_author_page_when_not_asked_for(site: BuiltSite) -> None:
    assert not (site.output / "tac-gia").exists() and not list(site.output.glob("author*"))


def _periods(build, articles: list[Article], settings: dict) -> dict:
    """The period archives ``build`` makes, as slugs: what the templates read of them."""
    dates = sorted(articles, key=lambda article: article.date, reverse=True)
    archives = build(None, dates, list(articles), settings)
    return {kind: [(archive["period"], archive["save_as"], archive["url"], [a.slug for a in archive["dates"]],
                    [a.slug for a in archive["articles"]]) for archive in periods]
            for kind, periods in archives.items()}


def test_period_archives_list_what_pelicans_list() -> None:
    """Years, months and days, each with its articles in the site's order and in date order."""
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(YEAR_ARCHIVE_SAVE_AS="tin/{date:%Y}/index.html", YEAR_ARCHIVE_URL="tin/{date:%Y}/",
                    MONTH_ARCHIVE_SAVE_AS="tin/{date:%Y}/{date:%m}/index.html", MONTH_ARCHIVE_URL="",
                    DAY_ARCHIVE_SAVE_AS="tin/{date:%Y}/{date:%m}/{date:%d}.html", DAY_ARCHIVE_URL="")
    articles = [_article(f"bai-{number}", date=datetime(2019 + number % 3, 1 + number % 12, 1 + number % 5))
                for number in range(40)]
    articles = articles[::3] + articles[1::3] + articles[2::3]  # the site's order is not the dates'
    expected = _periods(PELICAN_PERIOD_ARCHIVES, articles, settings)
    assert sum(len(periods) for periods in expected.values()) > 3 + 12
    assert _periods(generators.ArticlesGenerator._build_period_archives, articles, settings) == expected


def test_apply_twice_wraps_once() -> None:
    pelican_loops.apply()
    assert not hasattr(generators.process_translations.__wrapped__, "__wrapped__")
    assert not hasattr(generators.ArticlesGenerator._build_period_archives.__wrapped__, "__wrapped__")
    assert not hasattr(generators.ArticlesGenerator.generate_authors.__wrapped__, "__wrapped__")


def test_the_reproduction_for_pelicans_maintainers_runs(tmp_path: Path) -> None:
    """docs/upstream-pelican-loops.md: its script runs on the installed Pelican and its linear
    versions give Pelican's results (it asserts so)."""
    doc = (ROOT / "docs" / "upstream-pelican-loops.md").read_text(encoding="utf-8")
    script = tmp_path / "repro.py"
    script.write_text(doc.split("```python\n")[-1].split("```")[0], encoding="utf-8")
    finished = subprocess.run([sys.executable, str(script), "300"], capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.splitlines()[-1].split()[0] == "300"
