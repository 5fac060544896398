"""Pelican's internals are used only in pelican_compat/, and only with the versions of Pelican
they were checked against."""

from __future__ import annotations

import ast
from pathlib import Path

import emulation_blocs
import pelican
import pytest
from conftest import ROOT, FixtureContent, build_site
from emulation_blocs.pelican_compat.version import UntestedPelican

PLUGIN = ROOT / "plugins" / "emulation_blocs"
COMPAT = PLUGIN / "pelican_compat"


def test_an_untested_pelican_is_refused_at_registration_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pelican, "__version__", "4.13.0")
    with pytest.raises(UntestedPelican) as refused:
        emulation_blocs.register()
    message = str(refused.value)
    assert message.startswith("TD752 ")
    assert "Pelican 4.13.0" in message and "4.12.x" in message
    assert "chưa được thử" in message and "has not been tested" in message
    assert "pip install -r requirements.txt" in message


def test_a_build_with_an_untested_pelican_stops_and_writes_nothing(
        monkeypatch: pytest.MonkeyPatch, fixture_content: FixtureContent, tmp_path: Path) -> None:
    """Pelican catches an ``Exception`` from ``register()`` and builds without the plugin; the
    refusal must stop the build instead."""
    fixture_content.copy_province("bac-kan")
    monkeypatch.setattr(pelican, "__version__", "5.0.0")
    with pytest.raises(UntestedPelican):
        build_site(fixture_content.root, tmp_path / "output", BLOCS_SEARCH_INDEX=False)
    assert not (tmp_path / "output").exists()


def test_the_tested_version_is_accepted() -> None:
    assert pelican.__version__.startswith("4.12.")
    emulation_blocs.register()


# The standard library's private names the plugin uses in type hints (argparse has no public
# name for the object ``add_subparsers`` returns).
STANDARD = {"argparse"}


def _private_uses(path: Path) -> list[str]:
    """``x._name`` where ``x`` is not ``self``, ``cls`` or a module of :data:`STANDARD`:
    another object's private attribute."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls", *STANDARD})):
            found.append(f"{path.relative_to(PLUGIN)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_private_attribute_is_used_outside_pelican_compat() -> None:
    modules = [path for path in sorted(PLUGIN.rglob("*.py")) if COMPAT not in path.parents]
    assert [use for path in modules for use in _private_uses(path)] == []
