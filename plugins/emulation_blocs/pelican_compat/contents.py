"""Private parts of Pelican's content objects and readers that the plugin uses."""

from __future__ import annotations

from typing import Any

from pelican.contents import Content
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG


def links_elsewhere(content: Content) -> bool:
    """Whether the text or summary links to other content (``{filename}…``), whose URLs the
    page then shows."""
    texts = [getattr(content, "_content", "") or "", content.metadata.get("summary", "") or ""]
    if content.settings["INTRASITE_LINK_REGEX"] == _DEFAULT_LINK and \
            not any("{" in text or "|" in text for text in texts):
        return False  # Pelican's pattern of a link begins with one of them, as nearly no text has
    pattern = content._get_intrasite_link_regex()
    return any(pattern.search(text) for text in texts)


_DEFAULT_LINK = DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]


def give_context(content: Content, context: dict) -> None:
    """The site context a content object reads when it renders its links (``{filename}``):
    a kept article gets each new build's, and lets go of it between builds."""
    content._context = context


def forget_rendered_content() -> None:
    """Empty Pelican's memo of every article's content and summary.

    ``Content.get_content`` and ``get_summary`` keep their results in one dictionary for the
    class (``pelican.utils.memoized``), keyed by the article: in a process that builds again
    and again (``make devserver``) it kept every article of every build alive."""
    for name in ("get_content", "get_summary"):
        vars(Content)[name].cache.clear()


def use_converter(reader: MarkdownReader, converter: Any) -> None:
    """Pelican's ``MarkdownReader`` reads metadata through ``self._md``, the converter of the
    file being read."""
    reader._md = converter
