"""``data/blocs.json`` written from the text of each bloc, kept between builds.

Even with a fast encoder, building and serialising the whole country's data is a noticeable
part of a preview after one edit, which changes one bloc. Each bloc's text is kept in the page
cache under its bloc's fingerprint, and the file is put together from those texts, piece by
piece: the same bytes as :func:`export.dumps` of the whole document, which a test checks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..domain.aggregate import Archive
from .document import bloc_entry, blocs_document, document_chunks, dump_bloc


def blocs_json(archive: Archive, site_url: str, keys: list[str] | None = None,
               known: Mapping[str, str] | None = None, kept: dict[str, str] | None = None) -> Iterator[bytes]:
    """The bytes of ``data/blocs.json``, a piece at a time. With ``keys`` (one per bloc, in
    order), a bloc's text is taken from ``known`` when its key is there; every text used goes
    into ``kept``."""
    return document_chunks(blocs_document(Archive(), site_url), _bloc_texts(archive, keys, known or {}, kept))


def _bloc_texts(archive: Archive, keys: list[str] | None, known: Mapping[str, str],
                kept: dict[str, str] | None) -> Iterator[str]:
    for number, record in enumerate(archive.blocs):
        key = keys[number] if keys is not None else None
        text = known.get(key) if key is not None else None
        if text is None:
            text = dump_bloc(bloc_entry(record))
        if kept is not None and key is not None:
            kept[key] = text
        yield text
