"""Each article's URL and output file, worked out once per article.

Pelican formats ``url`` and ``save_as`` anew at every access: a copy of the metadata, two
absolute paths and a relative one, then the pattern (``ARTICLE_URL``). A build asks several
times per article (validity, the writer, every list and page that links it). Once the articles
generator is done, nothing changes what the pattern is given, so each article keeps what it
was told the first time.

Pelican's ``override_url`` would keep them too, but Pelican's writer lets a file so marked
replace any other page's (it passes ``override_output``): that is not what an article asks.
So the article's own ``get_url_setting`` is replaced, and an override set later (an article
moved aside, :mod:`.collisions`) still comes first, as in Pelican. The URL and the file are
worked out together, the first time either is asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pelican.contents import Article, Content

SETTLED = "get_url_setting"
_FILE_KEYS = ("url", "save_as")


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
            known.update(_both(content) if key in _FILE_KEYS and _formats_as_pelican(content) else
                         {key: unsettled(content, key)})
        return known[key]

    return get_url_setting


def _formats_as_pelican(content: Any) -> bool:
    """Whether ``content`` formats its URL and file with Pelican 4.12's article methods."""
    kind = type(content)
    return kind.get_url_setting is Content.get_url_setting and \
        kind._expand_settings is Article._expand_settings and kind.url_format is Content.url_format


def _both(content: Any) -> dict[str, str]:
    """The article's URL and file as Pelican's ``get_url_setting`` formats them (without an
    override), from one ``url_format``, a copy of the metadata that each of Pelican's calls
    makes anew; a pattern that both share (``ARTICLE_URL`` and ``ARTICLE_SAVE_AS`` often are
    one) is formatted once: each date in it is formatted by Pelican's ``strftime``, in Python."""
    values = content.url_format
    kind = "draft" if content.status == "draft" else "article"  # Article._expand_settings
    language = "" if content.in_default_lang else "lang_"  # Content.get_url_setting
    formatted: dict[str, str] = {}
    found = {}
    for key in _FILE_KEYS:
        pattern = str(content.settings[f"{kind}_{language}{key}".upper()])
        if pattern not in formatted:
            formatted[pattern] = pattern.format(**values)
        found[key] = formatted[pattern]
    return found
