"""Caches on disk: written atomically under unique names, and a cache that cannot be read
(cut short, or holding classes that have moved since) dropped with TD750 and rebuilt, never a
crash."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import CONTENT, FixtureContent, build_site
from emulation_blocs.incremental.diskcache import load_pickle, save_pickle
from emulation_blocs.pelican_compat import caches
from incremental_helpers import EDITED, EDITED_PAGE, copy_content, edit_title_and_body, fresh_build, tree_bytes
from jinja2.bccache import bc_magic

NO_SEARCH = {"BLOCS_SEARCH_INDEX": False}
# Pickles of what the plugin's objects were called before they moved (protocol 0, by hand).
MOVED_MODULE = b"cemulation_blocs.generator\nBlocsGenerator\n."
MOVED_CLASS = b"cemulation_blocs.problems\nProblemOfOldVersion\n."


def _site(fixture_content: FixtureContent) -> Path:
    """One province's registry and reports (and the province that succeeded it)."""
    for province in ("bac-kan", "thai-nguyen"):
        fixture_content.copy_province(province)
    shutil.copytree(CONTENT / "articles" / "bac-kan", fixture_content.root / "articles" / "bac-kan")
    return fixture_content.root


def _cut_short(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("damage", [_cut_short, lambda path: path.write_bytes(MOVED_MODULE),
                                    lambda path: path.write_bytes(MOVED_CLASS)],
                         ids=["truncated", "module-moved", "class-moved"])
def test_an_unreadable_readers_cache_is_dropped_and_rebuilt(fixture_content: FixtureContent, tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture, damage: object) -> None:
    content = _site(fixture_content)
    first = tree_bytes(build_site(content, tmp_path / "output", **NO_SEARCH).output)
    readers = tmp_path / "cache" / "ArticlesGenerator-Readers"
    damage(readers)  # type: ignore[operator]

    again = tree_bytes(build_site(content, tmp_path / "output", **NO_SEARCH).output)

    assert again == first
    assert "TD750" in caplog.text and "ArticlesGenerator-Readers" in caplog.text
    assert isinstance(pickle.loads(readers.read_bytes()), dict)  # written whole again


def test_a_truncated_compiled_template_is_compiled_again(fixture_content: FixtureContent, tmp_path: Path,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    content = _site(fixture_content)
    first = tree_bytes(build_site(content, tmp_path / "output", **NO_SEARCH).output)
    compiled = sorted((tmp_path / "cache" / "templates").glob("*.cache"))
    assert compiled
    for path in compiled:
        path.write_bytes(path.read_bytes()[: len(bc_magic) + 3])  # Jinja's header, its checksum cut off

    assert tree_bytes(build_site(content, tmp_path / "output", **NO_SEARCH).output) == first
    assert "TD750" in caplog.text


def test_two_writers_of_one_cache_never_share_a_temporary_file(tmp_path: Path) -> None:
    """Two builds saving the same cache at once: each writes its own temporary file (a name
    made of the process id alone, or a fixed one, was the same for both)."""
    path = tmp_path / "cache" / "emulation_blocs-pages.pickle"

    class Slow:
        def __reduce__(self) -> tuple:
            save_pickle(path, "the other build's")  # while this one is still being written
            return (str, ("this build's",))

    save_pickle(path, Slow())
    assert load_pickle(path) == "this build's"
    assert [item.name for item in path.parent.iterdir()] == [path.name]


def test_a_failed_write_leaves_the_former_cache(tmp_path: Path) -> None:
    path = tmp_path / "registry.pickle"
    save_pickle(path, {"kept": 1})

    class Unpicklable:
        def __reduce__(self) -> tuple:
            raise KeyboardInterrupt  # the build stopped while saving

    with pytest.raises(KeyboardInterrupt):
        save_pickle(path, [1, Unpicklable()])
    assert load_pickle(path) == {"kept": 1}
    assert [item.name for item in tmp_path.iterdir()] == [path.name]


def _cacher(loaded: dict | None, cache: dict) -> SimpleNamespace:
    cacher = SimpleNamespace(_cache=cache)
    if loaded is not None:
        setattr(cacher, caches.LOADED, loaded)
    return cacher


def test_the_readers_cache_is_saved_unless_it_lacks_only_a_few_entries() -> None:
    loaded = {f"a{index}.md": (index, object()) for index in range(2000)}

    def with_new(count: int) -> dict:
        return {**loaded, **{f"a{index}.md": (index, object()) for index in range(count)}}

    assert not caches.worth_saving(_cacher(loaded, dict(loaded)))  # nothing new
    assert not caches.worth_saving(_cacher(loaded, with_new(caches.MOST_UNSAVED)))  # a few files edited
    assert caches.worth_saving(_cacher(loaded, with_new(caches.MOST_UNSAVED + 1)))
    small = dict(list(loaded.items())[:50])
    assert caches.worth_saving(_cacher(small, {**small, "a0.md": (0, object())}))  # a large share of a small site
    # Dropped (other code or settings) and read again, or dropped and left empty: always saved.
    assert caches.worth_saving(_cacher(loaded, {path: (stamp, object()) for path, (stamp, _made) in loaded.items()}))
    assert caches.worth_saving(_cacher(loaded, {}))
    assert caches.worth_saving(_cacher(None, {}))  # never loaded


def test_an_edit_left_out_of_the_readers_cache_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the cache is not saved after an edit, the next build reads the edited file again
    and equals a build from scratch."""
    monkeypatch.setattr(caches, "MOST_UNSAVED", 1)  # the sample content is small
    monkeypatch.setattr(caches, "UNSAVED_SHARE", 1.0)
    content = copy_content(tmp_path / "content")
    preview = tmp_path / "preview" / "output"
    build_site(content, preview, **NO_SEARCH)
    readers = tmp_path / "preview" / "cache" / "ArticlesGenerator-Readers"
    saved = readers.read_bytes()

    edit_title_and_body(content / EDITED, " (đã sửa)")
    build_site(content, preview, **NO_SEARCH)
    assert readers.read_bytes() == saved
    build_site(content, preview, **NO_SEARCH)
    assert readers.read_bytes() == saved
    assert tree_bytes(preview) == fresh_build(content, tmp_path / "fresh" / "output", **NO_SEARCH)
    assert "(đã sửa)" in (preview / EDITED_PAGE).read_text(encoding="utf-8")
