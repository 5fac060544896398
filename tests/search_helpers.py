"""Helpers for the tests of the search index: whether Pagefind's bundle is whole, and the
bundle Pagefind makes of a folder's pages from scratch."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

from emulation_blocs.pages import search
from incremental_helpers import tree_bytes

BUNDLE = "pagefind"


def assert_whole(bundle: Path) -> None:
    """Pagefind's entry, its loader, and exactly the index, fragment and filter files its
    metadata names (their names are in the metadata's CBOR as text)."""
    assert (bundle / "pagefind.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    [language] = entry["languages"].values()
    meta = gzip.decompress((bundle / f"pagefind.{language['hash']}.pf_meta").read_bytes())
    assert meta.startswith(b"pagefind_dcd")
    named = {found.decode() for found in re.findall(rb"vi_[0-9a-f]{7,}", meta)}
    present = {path.stem for folder in ("index", "fragment", "filter") for path in (bundle / folder).glob("*.pf_*")}
    assert named == present
    assert len(list((bundle / "fragment").glob("*.pf_fragment"))) == language["page_count"]


def indexed_anew(output: Path, folder: Path) -> dict[str, bytes]:
    """The bundle Pagefind makes of the pages now in ``output``, from scratch."""
    shutil.copytree(output, folder, ignore=shutil.ignore_patterns(BUNDLE))
    search.index_site({"BLOCS_SEARCH_INDEX_PATH": BUNDLE, "CACHE_PATH": str(folder.parent / "cache-anew")}, folder)
    return tree_bytes(folder / BUNDLE)
