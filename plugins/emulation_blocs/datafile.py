"""``data/blocs.json`` written from the text of each bloc, kept between builds.

Serialising the whole country's data takes a second or two (``json`` indents in Python); a
preview after one edit changes one bloc. Each bloc's text is kept in the page cache under its
bloc's fingerprint, and the file is put together from those texts: the same bytes as
:func:`export.dumps` of the whole document, which a test checks.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from .aggregate import Archive
from .export import bloc_entry, blocs_document, dumps

_MARK = "\ue000blocs\ue000"  # stands for the list of blocs while the frame is written


def blocs_json(archive: Archive, site_url: str, keys: list[str] | None = None,
               known: Mapping[str, str] | None = None, kept: dict[str, str] | None = None) -> str:
    """The text of ``data/blocs.json``. With ``keys`` (one per bloc, in order), a bloc's text
    is taken from ``known`` when its key is there; every text used goes into ``kept``."""
    if keys is None or not archive.blocs:
        return dumps(blocs_document(archive, site_url))
    texts = []
    for record, key in zip(archive.blocs, keys, strict=True):
        text = (known or {}).get(key)
        if text is None:
            text = _indented(json.dumps(bloc_entry(record), ensure_ascii=False, indent=1, sort_keys=True))
        if kept is not None:
            kept[key] = text
        texts.append(text)
    frame = blocs_document(Archive(), site_url)
    frame["blocs"] = [_MARK]
    return dumps(frame).replace(f'  "{_MARK}"', ",\n".join(texts), 1)


def _indented(text: str) -> str:
    """A bloc's text at its place in the document: two levels down."""
    return "\n".join("  " + line for line in text.split("\n"))
