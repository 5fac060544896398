"""Escaping for the pieces of the pages written in Python (:mod:`.links`, :mod:`.tables`,
:mod:`.pieces` and the pages' lists).

:func:`escaped` gives the text ``markupsafe.escape`` gives, the same entities for the same five
characters, but as a plain ``str``: the pieces put many values into one f-string and wrap the
whole in one ``Markup``, and a ``Markup`` made for each value, then converted back to ``str``
by the f-string, cost more than the escaping itself. A value with ``__html__`` (already
``Markup``) is taken as it is, as ``escape`` takes it.
"""

from __future__ import annotations


def escaped(value: object) -> str:
    """``str(markupsafe.escape(value))``."""
    if type(value) is str:
        text = value
    elif hasattr(value, "__html__"):
        return str(value.__html__())
    else:
        text = str(value)
    # Five searches for one character each: quicker than one regular expression's search for
    # any of them, on the long non-ASCII names and titles (which nearly never hold one).
    if "&" in text or "<" in text or ">" in text or "'" in text or '"' in text:
        return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&#39;").replace('"', "&#34;"))
    return text
