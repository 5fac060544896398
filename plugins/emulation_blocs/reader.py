"""Step 1 of the pipeline: read a Markdown report and check its YAML front matter.

The front matter is checked against ``schemas/article.schema.json`` here, per file, so that
Pelican's reader cache keeps the result; names are resolved later, once the registry and
every report are known. A file with problems still becomes an article, so that the preview
can show the problems on its page; a strict build stops instead.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import ClassVar

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .problems import Place, problem
from .validation import parse_date_or_datetime, read_yaml

ARTICLE_SCHEMA = "article.schema.json"
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
_PELICAN_FIELDS = ("title", "date", "modified", "author", "slug", "status", "lang")
_EPOCH = "1970-01-01"


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """``(yaml, body, line of the body)``, or None when the text has no front matter."""
    if not text.startswith("---"):
        return None
    first_newline = text.find("\n")
    if first_newline < 0 or text[:first_newline].strip() != "---":
        return None
    closing = _FENCE.search(text, first_newline + 1)
    if closing is None:
        return None
    yaml_text = text[first_newline + 1 : closing.start()]
    body_start = closing.end() + 1
    return yaml_text, text[body_start:], text.count("\n", 0, body_start) + 1


class ReportReader(MarkdownReader):
    """Markdown with YAML front matter describing one conference of a bloc."""

    file_extensions: ClassVar[list[str]] = ["md", "markdown", "mkd", "mdown"]

    def read(self, source_path: str) -> tuple[str, dict]:
        shown = self._shown_path(source_path)
        with pelican_open(source_path) as text:
            parts = split_front_matter(text)
        if parts is None:
            data, lines = {}, {}
            problems = [problem("TD001", Place(shown, 1))]
            body = text
        else:
            located = read_yaml(parts[0], ARTICLE_SCHEMA, Place(shown, 2))
            data, lines, problems = located.data, located.lines, located.problems
            body = parts[1]
        self._md = Markdown(**self._markdown_settings())
        content = self._md.convert(body)
        metadata = self._pelican_metadata(data, source_path)
        metadata["report_data"] = data
        metadata["report_lines"] = lines
        metadata["problems"] = problems
        return content, metadata

    def _markdown_settings(self) -> dict:
        # Pelican adds the "meta" extension, which would read the body's first lines as
        # metadata; the front matter is YAML here.
        settings = dict(self.settings["MARKDOWN"])
        settings["extensions"] = [
            extension for extension in settings.get("extensions", []) if extension != "markdown.extensions.meta"
        ]
        return settings

    def _pelican_metadata(self, data: dict, source_path: str) -> dict:
        values = {name: data[name] for name in _PELICAN_FIELDS if isinstance(data.get(name), str)}
        for name in ("date", "modified"):
            if name in values and parse_date_or_datetime(values[name]) is None:
                del values[name]  # already reported as TD104; keep the page buildable
        values.setdefault("title", Path(source_path).stem)
        values.setdefault("date", self._fallback_date(source_path))
        metadata = {name: self.process_metadata(name, value) for name, value in values.items()}
        if isinstance(data.get("summary"), str):
            self._md.reset()
            metadata["summary"] = self._md.convert(data["summary"])
        return metadata

    @staticmethod
    def _fallback_date(source_path: str) -> str:
        """A date that never changes between builds: the one in the file name, or 1970."""
        found = _DATE_IN_NAME.search(Path(source_path).name)
        if found and _valid_iso(found.group(1)):
            return found.group(1)
        return _EPOCH

    def _shown_path(self, source_path: str) -> str:
        root = Path(self.settings["PATH"]).resolve()
        try:
            return Path(source_path).resolve().relative_to(root).as_posix()
        except ValueError:
            return Path(source_path).as_posix()


def _valid_iso(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True
