"""Parts of a page kept from one preview to the next: ``{% cached %}…{% endcached %}``, or
``{% cached "name" %}`` (the name only helps a reader).

The page of a province's year shows each of the province's blocs that year, its leaders,
members and awards, and one edited report renders it again — two of them, the year the report
reviews and the next, whose leaders it chose. Most of such a page shows bloc-years the edit did
not touch. A part of a template marked ``cached`` is kept in the page cache (:mod:`.pagecache`)
under a key made from what the part reads, never from what its author says it reads:

- when the template is parsed, the names the part reads and does not set itself (Jinja's own
  analysis, :func:`jinja2.meta.find_undeclared_variables`); the tag passes their values to the
  part at render time, resolved by Jinja as the part itself would resolve them (a loop's
  variable, a macro imported at the top, a setting);
- when the page is rendered, each value's digest, the one page declarations use
  (:func:`.pagekeys.value_digest`): a bloc-year the digest of its reports and its year, a bloc
  that of its reports, a plain value itself, a macro or function of the site its name (code and
  templates are in the site key);
- the key: the site key, the template and line of the tag, and those names with their digests.

A part that reads what has no digest (``loop``, the page's ``entry``, any other object) or that
can read the whole context (``{% include %}``, an import ``with context``, a block, a filter or
test that takes the context) is rendered every time: it can cost time, never be stale. Without
the page cache (a build from scratch) every part is rendered, as if the tag were not there.

Taken from Lektor (``lektor/context.py``: ``Context.record_dependency``,
``gather_dependencies``; ``lektor/builder.py``: ``check_artifact_is_current``): the
dependencies of an output are recorded from what producing it actually reads, not declared;
collected per unit of output (a collector per part); and an output is reused only when its
configuration hash (here the site key) and the checksum of every recorded dependency are those
it was made from. Lektor records the files a render opens while it renders; here the
dependencies are template names, found before rendering, and their values are digested in
memory, so that a part reused is not rendered at all. What has no digest is rendered, as
Lektor rebuilds what it cannot tell is current.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from jinja2 import Environment, meta, nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from jinja2.runtime import Context
from markupsafe import Markup

from .fingerprint import digest
from .pagekeys import UNDIGESTIBLE, value_digest
from .writer import PAGE_CACHE, SITE_KEY

# What makes a part read more than its names: the whole context, or blocks of other templates.
_CONTEXT_READERS = (nodes.ContextReference, nodes.DerivedContextReference, nodes.Block, nodes.Extends)
_MAY_PASS_CONTEXT = (nodes.Include, nodes.Import, nodes.FromImport)


class CachedFragments(Extension):
    """The ``cached`` tag: ``{% cached ["name"] %}`` … ``{% endcached %}``."""

    tags: ClassVar[set[str]] = {"cached"}  # type: ignore[misc]  # Jinja declares it per instance

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        label = ""
        if parser.stream.current.type != "block_end":
            name = parser.parse_expression()
            if not isinstance(name, nodes.Const) or not isinstance(name.value, str) or \
                    parser.stream.current.type != "block_end":
                parser.fail("{% cached %} nhận một tên trong ngoặc kép hoặc không nhận gì; khóa của phần "
                            "được tính từ những gì phần đó đọc.", lineno)
            label = name.value
        body = parser.parse_statements(("name:endcached",), drop_needle=True)
        reads = names_read(self.environment, body)
        values = nodes.List([nodes.Name(read, "load") for read in reads or ()])
        place = nodes.Const(f"{parser.name}:{lineno}:{label}")
        arguments = [nodes.ContextReference(), place, nodes.Const(reads), values]
        return nodes.CallBlock(self.call_method("_render", arguments), [], [], body).set_lineno(lineno)

    def _render(self, context: Context, place: str, reads: tuple[str, ...] | None, values: Sequence[Any],
                *, caller: Any) -> str:
        cache = context.get(PAGE_CACHE)
        key = None if cache is None or reads is None else part_key(context, place, reads, values)
        if key is None:
            return caller()
        page = context["output_file"]
        text = cache.fragment(key)
        if text is None:
            text = str(caller())
        cache.keep_fragment(page, key, text)
        return Markup(text)


def names_read(environment: Environment, body: list[nodes.Node]) -> tuple[str, ...] | None:
    """The names ``body`` reads from outside itself, sorted; None when it can read more than
    its names (the whole context)."""
    for node in _all_nodes(body):
        if isinstance(node, _CONTEXT_READERS):
            return None
        if isinstance(node, _MAY_PASS_CONTEXT) and getattr(node, "with_context", False):
            return None
        if isinstance(node, nodes.Filter | nodes.Test) and _takes_context(environment, node):
            return None
    template = nodes.Template(body, lineno=1)
    template.set_environment(environment)
    return tuple(sorted(meta.find_undeclared_variables(template)))


def _all_nodes(body: Iterable[nodes.Node]) -> Iterable[nodes.Node]:
    for top in body:
        yield top
        yield from top.find_all(nodes.Node)


def _takes_context(environment: Environment, node: nodes.Filter | nodes.Test) -> bool:
    functions = environment.filters if isinstance(node, nodes.Filter) else environment.tests
    passed = getattr(functions.get(node.name), "jinja_pass_arg", None)
    return getattr(passed, "name", None) == "context"


def part_key(context: Context, place: str, reads: Sequence[str], values: Sequence[Any]) -> str | None:
    """The key of a part from the values of the names it reads; None when one of them has no
    digest (the part is then rendered)."""
    digests = [value_digest(context, value) for value in values]
    if any(found is UNDIGESTIBLE for found in digests):
        return None
    return digest(context.get(SITE_KEY, ""), place, list(zip(reads, digests, strict=True)))
