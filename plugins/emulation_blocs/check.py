"""Checking the content without building: the same reader checks, name resolution and
aggregation as a build, without Markdown or templates."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from pelican.settings import read_settings

from .pipeline import load_site_registry, run
from .problems import Place, Problem, problem
from .reader import ARTICLE_SCHEMA, split_front_matter
from .settings import apply_defaults
from .validation import read_yaml

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown"}


@dataclass
class SourceFile:
    """What resolution needs of an article, read without rendering it."""

    relative_source_path: str
    metadata: dict = field(default_factory=dict)
    url: str = ""

    @property
    def title(self) -> str:
        return str(self.metadata.get("report_data", {}).get("title", self.relative_source_path))


def read_source(path: Path, content_root: Path) -> SourceFile:
    shown = path.relative_to(content_root).as_posix()
    text = path.read_text(encoding="utf-8-sig")
    parts = split_front_matter(text)
    if parts is None:
        return SourceFile(shown, {"report_data": {}, "problems": [problem("TD001", Place(shown, 1))]})
    located = read_yaml(parts[0], ARTICLE_SCHEMA, Place(shown, 2))
    return SourceFile(shown, {"report_data": located.data, "report_lines": located.lines,
                              "problems": located.problems})


def find_problems(settings: dict) -> list[Problem]:
    apply_defaults(settings)
    content_root = Path(settings["PATH"]).resolve()
    sources = [
        read_source(path, content_root)
        for folder in settings.get("ARTICLE_PATHS", [""])
        for path in sorted((content_root / folder).rglob("*"))
        if path.suffix in MARKDOWN_SUFFIXES and path.is_file()
    ]
    _archive, problems = run(sources, (), load_site_registry(settings),
                             lambda source: source.relative_source_path)
    return problems


def check(settings_file: str) -> int:
    problems = find_problems(read_settings(settings_file))
    for found in problems:
        print(found.format(), file=sys.stderr)
    if problems:
        print(f"{len(problems)} lỗi.", file=sys.stderr)
        return 1
    print("Nội dung hợp lệ.")
    return 0
