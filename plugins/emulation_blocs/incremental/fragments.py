"""Parts of a page kept from one preview to the next: ``{% cached "name", bloc_year %}…{% endcached %}``.

The page of a province's year shows each of the province's blocs that year, its leaders,
members and awards, and one edited report renders it again — two of them, the year the report
reviews and the next, whose leaders it chose. Most of such a page shows bloc-years the edit did
not touch. A part of a template marked ``cached`` is kept in the page
cache (:mod:`.pagecache`) under the key of all it can show: the bloc-year's digest (the files
of its reports, :func:`.pagekeys.bloc_year_digests`, as the page's own key), the site key
(settings, templates, code, registry), the template, the part's name, the year, its position
among the bloc-year's awards when it shows one, and the page's ``SITEURL`` (links are relative). A part
must show nothing else: the page's own navigation stays outside. Without the page cache (a
build from scratch) every part is rendered, as if the tag were not there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from jinja2.runtime import Context
from markupsafe import Markup

from .fingerprint import digest
from .pagekeys import SHOWN
from .writer import PAGE_CACHE, SITE_KEY


class CachedFragments(Extension):
    """The ``cached`` tag: ``{% cached name, bloc_year[, award] %}`` … ``{% endcached %}``."""

    tags: ClassVar[set[str]] = {"cached"}  # type: ignore[misc]  # Jinja declares it per instance

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        arguments: list[nodes.Expr] = [nodes.ContextReference(), parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            arguments.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcached",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", arguments), [], [], body).set_lineno(lineno)

    def _render(self, context: Context, name: str, bloc_year: Any, award: Any = None, *, caller: Any) -> str:
        cache = context.get(PAGE_CACHE)
        key = fragment_key(context, name, bloc_year, award)
        if cache is None or key is None:
            return caller()
        page = context["output_file"]
        text = cache.fragment(key)
        if text is None:
            text = str(caller())
        cache.keep_fragment(page, key, text)
        return Markup(text)


def fragment_key(context: Mapping | Context, name: str, bloc_year: Any, award: Any = None) -> str | None:
    """The key of a part showing ``bloc_year`` (and one of its awards), or None when the
    build keeps no digest of it."""
    shown = context.get(SHOWN)
    if shown is None or id(bloc_year) not in shown:
        return None
    position = None if award is None else next(
        index for index, record in enumerate(bloc_year.awards) if record is award)
    template = getattr(context, "name", None)
    # The digest names the bloc and its reports, not the year: one report can speak of two.
    return digest(context.get(SITE_KEY, ""), template, context.get("SITEURL", ""), name, bloc_year.year,
                  shown[id(bloc_year)], position)
