"""Each article's URL and output file, worked out once per article.

Pelican formats ``url`` and ``save_as`` anew at every access: a copy of the metadata, two
absolute paths and a relative one, then the pattern (``ARTICLE_URL``). A build asks several
times per article (validity, the writer, every list and page that links it). Once the articles
generator is done, nothing changes what the pattern is given, so each article keeps what it
was told the first time.

Pelican's ``override_url`` would keep them too, but Pelican's writer lets a file so marked
replace any other page's (it passes ``override_output``): that is not what an article asks.
So the article's own ``get_url_setting`` is replaced, and an override set later (an article
moved aside, :mod:`.collisions`) still comes first, as in Pelican.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

SETTLED = "get_url_setting"


def settle_urls(contents: Iterable[Any]) -> None:
    """From now on, every content object formats its URL and its file once."""
    for content in contents:
        if SETTLED not in vars(content):
            content.get_url_setting = _settled(content)


def _settled(content: Any) -> Callable[[str], str]:
    unsettled = type(content).get_url_setting
    known: dict[str, str] = {}

    def get_url_setting(key: str) -> str:
        override = "override_" + key
        if hasattr(content, override):
            return getattr(content, override)
        if key not in known:
            known[key] = unsettled(content, key)
        return known[key]

    return get_url_setting
