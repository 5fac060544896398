"""Feed titles as plain text, for Pelican 4.12's feed writer.

Pelican takes every title as HTML and keeps ``Markup(title).striptags()``: right for a reST
title with markup, wrong for this site's titles, which are front-matter text. A title such as
«Tỷ lệ <90% … >80%» lost everything between its two angle brackets. Here the title goes into
the feed as written; feedgenerator escapes it in the XML.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class PlainTextFeedTitles:
    """Mixed into a ``pelican.writers.Writer`` subclass (it overrides two private methods)."""

    def _create_new_feed(self, feed_type: str, feed_title: str | None, context: Mapping[str, Any]) -> Any:
        feed = super()._create_new_feed(feed_type, feed_title, context)  # type: ignore[misc]
        site = str(context["SITENAME"])
        feed.feed["title"] = f"{site} - {feed_title}" if feed_title else site
        return feed

    def _add_item_to_the_feed(self, feed: Any, item: Any) -> None:
        super()._add_item_to_the_feed(feed, item)  # type: ignore[misc]
        feed.items[-1]["title"] = str(item.title)
