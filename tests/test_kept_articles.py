"""The preview server lends each build the articles of the previous one
(:mod:`emulation_blocs.incremental.kept_articles`): every rebuild must give the bytes of a build from
scratch, whatever the edit, and make again only the articles whose files changed."""

from __future__ import annotations

import gc
import shutil
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import ROOT, build_site
from emulation_blocs.incremental.kept_articles import KeptArticles
from incremental_helpers import (
    EDITED,
    EDITED_PAGE,
    NO_SEARCH,
    copy_content,
    edit_title_and_body,
    fresh_build,
    tree_bytes,
)
from pelican import signals
from pelican.contents import Article


@contextmanager
def articles_made() -> Iterator[list[Article]]:
    """The articles Pelican makes inside the block (a kept one is not made again)."""
    made: list[Article] = []

    def remember(content: object) -> None:
        if isinstance(content, Article):
            made.append(content)

    with signals.content_object_init.connected_to(remember):
        yield made


class Server:
    """Builds as ``make devserver`` does: one process, one KeptArticles for every build."""

    def __init__(self, root: Path, **overrides: object) -> None:
        self.root, self.content = root, copy_content(root / "content")
        self.kept, self.builds = KeptArticles(), 0
        self.rebuild(**overrides)

    def rebuild(self, **overrides: object) -> list[Article]:
        with articles_made() as made:
            build_site(self.content, self.root / "preview" / "output", self.kept, **NO_SEARCH, **overrides)
        return made

    def assert_equals_a_fresh_build(self, **overrides: object) -> dict[str, bytes]:
        self.builds += 1
        served = tree_bytes(self.root / "preview" / "output")
        assert served == fresh_build(self.content, self.root / f"fresh-{self.builds}" / "output", **NO_SEARCH,
                                     **overrides)
        return served


def test_after_an_edit_only_the_edited_article_is_made_again_and_the_site_equals_a_fresh_build(
        tmp_path: Path) -> None:
    server = Server(tmp_path)
    edit_title_and_body(server.content / EDITED, " (đã sửa)")

    made = server.rebuild()

    assert [article.source_path for article in made] == [str(server.content / EDITED)]
    site = server.assert_equals_a_fresh_build()
    assert "(đã sửa)" in site[EDITED_PAGE].decode("utf-8")


def test_a_kept_article_renders_with_the_new_build_s_context_and_settings(tmp_path: Path) -> None:
    """Its links and relative URLs are worked out from the context the writer updates as it
    goes (``localsiteurl``): the last build's would give another page's."""
    server = Server(tmp_path)
    seen = []

    def check(generator: object) -> None:
        seen.append(bool(generator.articles)
                    and all(article._context is generator.context for article in generator.articles)
                    and all(article.settings is generator.settings for article in generator.articles))

    with signals.article_generator_finalized.connected_to(check):
        assert server.rebuild() == []
    assert seen == [True]


def test_between_builds_the_kept_articles_hold_nothing_else_of_the_last_one(tmp_path: Path) -> None:
    server = Server(tmp_path)
    archives = []
    with signals.all_generators_finalized.connected_to(
            lambda generators: archives.extend(weakref.ref(generator.context["blocs_archive"])
                                               for generator in generators[:1])):
        server.rebuild()
    gc.collect()
    assert len(archives) == 1 and archives[0]() is None


def test_a_registry_edit_reaches_the_kept_articles(tmp_path: Path) -> None:
    server = Server(tmp_path)
    registry = server.content / "registry" / "provinces" / "quang-ninh.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("name: Hội Liên hiệp Phụ nữ tỉnh", "name: Hội Liên hiệp Phụ nữ tỉnh Quảng Ninh"),
                        encoding="utf-8")

    assert server.rebuild() == []
    site = server.assert_equals_a_fresh_build()
    assert "Hội Liên hiệp Phụ nữ tỉnh Quảng Ninh" in site[EDITED_PAGE].decode("utf-8")

    # The organisation's registry entry gone: the kept article's report names an unknown one.
    registry.write_text(text.replace("name: Hội Liên hiệp Phụ nữ tỉnh", "name: Hội Phụ nữ"), encoding="utf-8")
    server.rebuild()
    server.assert_equals_a_fresh_build()


def test_an_article_moved_aside_gets_its_own_file_back_when_the_other_is_gone(tmp_path: Path) -> None:
    server = Server(tmp_path)
    # Sorted before the original, the copy keeps the file; the original is moved aside.
    copy = server.content / "articles" / "a-ban-sao" / "2018" / Path(EDITED).name
    copy.parent.mkdir(parents=True)
    shutil.copy(server.content / EDITED, copy)
    server.rebuild()
    moved_aside = server.assert_equals_a_fresh_build()
    assert EDITED_PAGE.replace(".html", "-2.html") in moved_aside

    shutil.rmtree(copy.parent.parent)
    made = server.rebuild()

    assert [article.source_path for article in made] == [str(server.content / EDITED)]
    site = server.assert_equals_a_fresh_build()
    assert EDITED_PAGE in site and EDITED_PAGE.replace(".html", "-2.html") not in site


def test_a_renamed_file_is_a_new_article(tmp_path: Path) -> None:
    server = Server(tmp_path)
    renamed = (server.content / EDITED).with_name("2018-12-20-tong-ket-khoi-mttq.md")
    (server.content / EDITED).rename(renamed)

    made = server.rebuild()

    assert [article.source_path for article in made] == [str(renamed)]
    site = server.assert_equals_a_fresh_build()
    assert "tin/2018/2018-12-20-tong-ket-khoi-mttq.html" in site and EDITED_PAGE not in site


def test_other_settings_make_every_article_again(tmp_path: Path) -> None:
    server = Server(tmp_path)
    articles = len(list((server.content / "articles").rglob("*.md")))

    made = server.rebuild(SITENAME="Thi đua khối")

    assert len(made) == articles
    site = server.assert_equals_a_fresh_build(SITENAME="Thi đua khối")
    assert "Thi đua khối" in site[EDITED_PAGE].decode("utf-8")


def test_after_the_server_a_new_process_reads_again_what_was_edited_meanwhile(tmp_path: Path) -> None:
    """The server does not rewrite Pelican's cache at every save: the next build from a new
    process finds the edited file's date changed and reads it again."""
    server = Server(tmp_path)
    edit_title_and_body(server.content / EDITED, " (đã sửa)")
    server.rebuild()
    server.kept = KeptArticles()  # a new process: nothing kept

    made = server.rebuild()

    assert len(made) == len(list((server.content / "articles").rglob("*.md")))
    site = server.assert_equals_a_fresh_build()
    assert "(đã sửa)" in site[EDITED_PAGE].decode("utf-8")


def test_a_template_edited_between_two_builds_of_one_process_reaches_every_page(tmp_path: Path) -> None:
    """Jinja does not look at the templates' dates (``auto_reload`` off): each build's own
    environments read them again."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    server = Server(tmp_path, THEME=str(theme))
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>Bản thử.</p></footer>"),
                    encoding="utf-8")

    server.rebuild(THEME=str(theme))

    site = server.assert_equals_a_fresh_build(THEME=str(theme))
    pages = [name for name in site if name.endswith(".html")]
    assert pages and all("Bản thử." in site[name].decode("utf-8") for name in pages)


def test_over_pelican_s_own_generator_layer_nothing_is_kept(tmp_path: Path) -> None:
    server = Server(tmp_path, CONTENT_CACHING_LAYER="generator")
    edit_title_and_body(server.content / EDITED, " (đã sửa)")

    server.rebuild(CONTENT_CACHING_LAYER="generator")

    assert len(server.kept) == 0
    site = server.assert_equals_a_fresh_build()
    assert "(đã sửa)" in site[EDITED_PAGE].decode("utf-8")
