"""The registry loaded while a helper reads the articles (``pipeline.load_registry_early``):
the build then uses that registry, once, and only while the registry's files are unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT, FixtureContent
from emulation_blocs import pipeline
from emulation_blocs.settings import apply_defaults
from pelican.settings import read_settings


@pytest.fixture
def settings(fixture_content: FixtureContent, tmp_path: Path) -> dict:
    fixture_content.copy_province("quang-tri")
    values = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(fixture_content.root), "CACHE_PATH": str(tmp_path / "cache"),
        "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False})
    apply_defaults(values)
    return values


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders the registry is read from, each time it is read."""
    folders: list[Path] = []
    original = pipeline.load_registry

    def counted(folder: Path, *arguments: object) -> object:
        folders.append(folder)
        return original(folder, *arguments)

    monkeypatch.setattr(pipeline, "load_registry", counted)
    return folders


def test_the_registry_loaded_early_is_the_one_used_once(settings: dict, loads: list[Path]) -> None:
    pipeline.load_registry_early(settings)
    assert len(loads) == 1
    early = pipeline._loaded_early[next(iter(pipeline._loaded_early))]
    used = pipeline.load_site_registry(settings)
    assert used is early and len(loads) == 1  # not read again
    assert [province.name for province in used.provinces.values()] == ["Quảng Trị"]
    again = pipeline.load_site_registry(settings)  # the next build reads its own
    assert again is not early and len(loads) == 2


def test_a_registry_edited_after_the_early_load_is_read_again(settings: dict, fixture_content: FixtureContent,
                                                              loads: list[Path]) -> None:
    pipeline.load_registry_early(settings)
    path = fixture_content.root / "registry" / "provinces" / "quang-tri.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Quảng Trị", "name: Quảng Trị (mới)", 1),
                    encoding="utf-8")
    stamp = path.stat()
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
    used = pipeline.load_site_registry(settings)
    assert len(loads) == 2
    assert [province.name for province in used.provinces.values()] == ["Quảng Trị (mới)"]
