"""Shared fixtures: real sites built into temporary folders, and their pages parsed."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup
from emulation_blocs.commands.build import build
from emulation_blocs.incremental.kept_articles import KeptArticles
from emulation_blocs.incremental.templatecache import compile_options
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
# Fixtures that start Chromium: a test that uses one is marked ``browser`` (make test-fast skips it).
BROWSER_FIXTURES = frozenset({"browser", "page"})
# make test-fast passes --hypothesis-profile=fast: property tests try a fifth of their examples
# there (see examples()); make test and CI run hypothesis' default profile, and all of them.
settings.register_profile("fast", max_examples=settings.get_profile("default").max_examples // 5)


def _keep_compiled_modules() -> None:
    """Where PYTHONDONTWRITEBYTECODE is set, Python keeps no compiled module, and every process
    of the tests (each xdist worker, each command line, server or build they start) compiled
    the plugin and the test modules again. As bench/run.py does for its children, the tests
    keep them, in the system's temporary folder rather than beside the sources. Set here, in
    the process that starts the workers, before it starts them: they and every process they
    start inherit it."""
    if not os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
        return
    prefix = os.environ.setdefault("PYTHONPYCACHEPREFIX",
                                   os.path.join(tempfile.gettempdir(), "emulation-blocs-pycache"))
    sys.dont_write_bytecode = False
    sys.pycache_prefix = prefix


_keep_compiled_modules()


def examples(full: int) -> int:
    """How many examples a property test tries: ``full`` under hypothesis' default profile, and
    as many fewer under the profile loaded (``--hypothesis-profile``) as it has fewer."""
    return max(1, full * settings.default.max_examples // settings.get_profile("default").max_examples)


@pytest.fixture(autouse=True, scope="session")
def _away_from_the_checkout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests run from a folder of their own: what a build writes relative to the working folder
    (Pelican's default CACHE_PATH, "cache") must not land in the checkout, where parallel
    workers would share it."""
    here = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("cwd"))
    yield
    os.chdir(here)


@pytest.fixture(autouse=True, scope="session")
def _templates_compiled_once_per_process() -> Iterator[None]:
    """Jinja compiles a template from its source alone (and the environment's options), the
    same code at every build; the tests build hundreds of sites in one process, and compiling
    their templates again was most of a small site's build. So each process compiles a source
    once: every cache the plugin keeps (CACHE_PATH/templates, its misses and damaged files)
    works as in a real build, and an edited template, another option, or another set of
    filters or tests (the code passes a context to those that take one, and the ``cached`` tag
    looks at them) is compiled anew."""
    compiled: dict[tuple, object] = {}
    compile_source = jinja2.Environment.compile

    def compile_once(environment: jinja2.Environment, source: object, name: str | None = None,
                     filename: str | None = None, raw: bool = False, defer_init: bool = False) -> object:
        if not isinstance(source, str):
            return compile_source(environment, source, name, filename, raw, defer_init)
        key = (source, name, filename, raw, defer_init, compile_options(environment), environment.is_async,
               environment.finalize, environment.code_generator_class, _passed(environment.filters),
               _passed(environment.tests))
        if key not in compiled:
            compiled[key] = compile_source(environment, source, name, filename, raw, defer_init)
        return compiled[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.Environment, "compile", compile_once)
        yield


def _passed(functions: dict[str, object]) -> frozenset[tuple[str, object]]:
    """Filters or tests as compiled code sees them: their names, and what each is passed."""
    return frozenset((name, getattr(function, "jinja_pass_arg", None)) for name, function in functions.items())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


class BuiltSite:
    """An output folder and helpers to read what the build wrote."""

    def __init__(self, output: Path) -> None:
        self.output = output

    def page(self, relative: str) -> BeautifulSoup:
        path = self.output / relative
        assert path.is_file(), f"{relative} was not written"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def data(self, relative: str = "data/blocs.json") -> dict:
        return json.loads((self.output / relative).read_text(encoding="utf-8"))

    def resolve(self, page: str, href: str) -> Path:
        """The file a relative link of ``page`` points to."""
        target = href.split("#", 1)[0]
        return (self.output / page).parent.joinpath(target).resolve()


def build_site(content: Path, output: Path, kept: KeptArticles | None = None, **overrides: object) -> BuiltSite:
    settings = {"PATH": str(content), "THEME": str(ROOT / "theme"), "PLUGIN_PATHS": [str(ROOT / "plugins")],
                "CACHE_PATH": str(output.parent / "cache"), **overrides}
    build(str(ROOT / "pelicanconf.py"), str(output), settings, kept)
    return BuiltSite(output)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real site, built once from content/."""
    return build_site(CONTENT, tmp_path_factory.mktemp("site") / "output")


class FixtureContent:
    """A small content folder: the real national registry, and provinces and articles
    written by the test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "registry" / "provinces").mkdir(parents=True)
        shutil.copy(CONTENT / "registry" / "national.yaml", root / "registry" / "national.yaml")

    def province(self, name: str, text: str) -> Path:
        return self._write(f"registry/provinces/{name}.yaml", text)

    def copy_province(self, name: str) -> Path:
        return self._write(f"registry/provinces/{name}.yaml",
                           (CONTENT / "registry" / "provinces" / f"{name}.yaml").read_text(encoding="utf-8"))

    def article(self, relative: str, text: str) -> Path:
        return self._write(f"articles/{relative}", text)

    def _write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path


@pytest.fixture
def fixture_content(tmp_path: Path) -> FixtureContent:
    return FixtureContent(tmp_path / "content")


@pytest.fixture
def build_fixture(tmp_path: Path) -> Callable[..., BuiltSite]:
    def _build(content: FixtureContent, **overrides: object) -> BuiltSite:
        return build_site(content.root, tmp_path / "output", **overrides)

    return _build
