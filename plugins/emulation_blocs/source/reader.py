"""Step 1 of the pipeline: read a Markdown report and check its YAML front matter.

The front matter is checked against ``schemas/article.schema.json`` here, per file, so that
Pelican's reader cache keeps the result; names are resolved later, once the registry and
every report are known. A file with problems still becomes an article, so that the preview
can show the problems on its page; a strict build stops instead.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import Any, ClassVar

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from ..pelican_compat.contents import use_converter
from ..problems import Place, Problem, problem
from ..settings import keys_pages
from .characters import cleaned, described, line_at, not_allowed, quoted
from .field_rules import check_rules
from .limits import FRONT_MATTER_LIMIT, limits_of
from .sanitise import sanitise, text_paragraph, trusted
from .sourcetext import read_text
from .validation import parse_date, parse_date_or_datetime, parse_month, read_yaml
from .yamlsource import JsonPath

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


def missing_front_matter(text: str, shown: str) -> Problem:
    """TD001, saying whether the opening or the closing line «---» is missing."""
    first = text.split("\n", 1)[0].strip()
    if first == "---":
        return problem("TD001", Place(shown, 1), first,
                       detail="có dòng «---» mở đầu nhưng không có dòng «---» đóng phần khai báo")
    shown_first = f"«{first[:60]}»" if first else "dòng trống"
    return problem("TD001", Place(shown, 1), first[:60], detail=f"dòng 1 là {shown_first}, không phải «---»")


def oversized_front_matter(yaml_text: str, max_bytes: int, shown: str) -> Problem | None:
    """TD706 when the front matter is longer than ``max_bytes``: it is then not read at all
    (PyYAML keeps several times its size in memory)."""
    if len(yaml_text) * 4 <= max_bytes:  # never more than four bytes a character
        return None
    size = len(yaml_text.encode("utf-8", errors="surrogatepass"))
    if size <= max_bytes:
        return None
    return problem("TD706", Place(shown, 2), size, limit=max_bytes, setting=FRONT_MATTER_LIMIT)


def body_characters(body: str, first_line: int, shown: str) -> list[Problem]:
    """TD704 for each line of the body (its first being line ``first_line`` of the file) that
    holds a character no page may hold, up to :data:`MAX_REPORTED` lines."""
    found: dict[int, Problem] = {}
    for position in not_allowed(body):
        line = first_line + body.count("\n", 0, position)
        if line not in found:
            found[line] = problem("TD704", Place(shown, line), quoted(*line_at(body, position)),
                                  where="Nội dung bài", character=described(body[position]))
            if len(found) == MAX_REPORTED:
                break
    return list(found.values())


# Lines of a body reported for their characters: a file full of them needs one look, not a thousand.
MAX_REPORTED = 10


class ReportReader(MarkdownReader):
    """Markdown with YAML front matter describing one conference of a bloc."""

    file_extensions: ClassVar[list[str]] = ["md", "markdown", "mkd", "mdown"]  # type: ignore[misc]

    def read(self, source_path: str) -> tuple[str, dict]:
        body, data, metadata = self.read_front_matter(source_path)
        if isinstance(data.get("summary"), str):
            # Front matter is text: the summary is shown as written, never read as Markdown or HTML.
            metadata["summary"] = text_paragraph(data["summary"])
        content = self._convert(body)
        return (content if trusted(self.settings) else sanitise(content)), metadata

    def _convert(self, text: str) -> str:
        """Markdown to HTML with one converter, reset between texts: setting up a new one
        for each file (as Pelican's reader does) costs as much as converting a report."""
        if getattr(self, "_converter", None) is None:
            self._converter = Markdown(**self._markdown_settings())
        use_converter(self, self._converter)
        try:
            return self._converter.convert(text)
        finally:
            self._converter.reset()

    def read_front_matter(self, source_path: str) -> tuple[str, dict, dict]:
        """``(Markdown body, front matter as checked, Pelican metadata)``; the metadata
        carries the front matter, the line of each field and the problems found."""
        shown = self._shown_path(source_path)
        limits = limits_of(self.settings)
        text, problems = read_text(source_path, shown, limits.file_bytes, keys_pages(self.settings))
        parts = split_front_matter(text)
        data: dict[str, Any] = {}
        lines: dict[JsonPath, int] = {}
        if problems:  # not UTF-8 or too large: what was read cannot be trusted, one problem says it all
            body = cleaned(text)
        elif parts is None:
            problems.append(missing_front_matter(text, shown))
            body = self._checked_body(text, 1, shown, problems)
        else:
            front_matter_problem = oversized_front_matter(parts[0], limits.front_matter_bytes, shown)
            if front_matter_problem is not None:
                problems.append(front_matter_problem)
            else:
                located = read_yaml(parts[0], ARTICLE_SCHEMA, Place(shown, 2))
                data, lines = located.data, located.lines
                problems.extend(located.problems)
                if not located.problems:
                    problems.extend(check_rules(data, located, Place(shown, 2), parts[1], parts[2]))
            body = self._checked_body(parts[1], parts[2], shown, problems)
        metadata = self._pelican_metadata(data, source_path)
        metadata["report_data"] = data
        metadata["report_lines"] = lines
        metadata["problems"] = problems
        # Filled once the names are resolved (the blocs generator). Announced here, it is made an
        # attribute with the others: an attribute added to each article later would make
        # CPython give every article a dictionary of its own instead of the shared key table.
        metadata["report"] = None
        # False when the report gives no publication date: the page says so, and the article
        # is listed under the meeting's date instead (see _fallback_date).
        metadata["date_known"] = "date" in data
        return body, data, metadata

    @staticmethod
    def _checked_body(body: str, first_line: int, shown: str, problems: list[Problem]) -> str:
        """The body, cleaned of the characters no page may hold, each reported (TD704)."""
        found = body_characters(body, first_line, shown)
        if not found:
            return body
        problems.extend(found)
        return cleaned(body)

    def _markdown_settings(self) -> dict:
        # Pelican adds the "meta" extension, which would read the body's first lines as
        # metadata; the front matter is YAML here.
        settings = dict(self.settings["MARKDOWN"])
        settings["extensions"] = [
            extension for extension in settings.get("extensions", [])
            if extension != "markdown.extensions.meta"
        ]
        return settings

    def _pelican_metadata(self, data: dict, source_path: str) -> dict:
        values = {name: data[name] for name in _PELICAN_FIELDS if isinstance(data.get(name), str)}
        if "title" not in values:
            values["title"] = cleaned(Path(source_path).stem)
        parsed = {name: parse_date_or_datetime(values.pop(name)) for name in ("date", "modified") if name in values}
        # A date already reported as TD104 is left out, to keep the page buildable.
        dates = {name: value for name, value in parsed.items() if value is not None}
        if "date" not in dates:
            dates["date"] = (parse_date_or_datetime(self._fallback_date(source_path, data))
                             or datetime.datetime(1970, 1, 1))
        metadata = {name: self.process_metadata(name, value) for name, value in values.items()}
        # The formats the schema allows, parsed as Pelican's dateutil would parse them, faster.
        metadata.update({name: SafeDatetime(*value.timetuple()[:6]) for name, value in dates.items()})
        return metadata

    @staticmethod
    def _fallback_date(source_path: str, data: dict) -> str:
        """For a report without a publication date, a date that never changes between builds:
        the latest day the meeting can have been held on, the one in the file name, or 1970.
        It orders lists and feeds only; the page says the date is not known."""
        meeting = _latest_meeting_day(data.get("conference"))
        if meeting is not None:
            return meeting.isoformat()
        found = _DATE_IN_NAME.search(Path(source_path).name)
        if found and _valid_iso(found.group(1)):
            return found.group(1)
        return _EPOCH

    def _shown_path(self, source_path: str) -> str:
        """The path from the content folder, as Pelican's ``relative_source_path`` gives it
        (without resolving links: that costs a system call for each folder of each file)."""
        root = os.path.abspath(self.settings["PATH"])
        relative = os.path.relpath(os.path.abspath(source_path), root)
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            return Path(relative).as_posix()
        try:  # outside the content folder as written: perhaps inside it through a link
            return Path(source_path).resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            return Path(source_path).as_posix()


class FrontMatterReader(ReportReader):
    """The same metadata without rendering the Markdown, for checking the content alone."""

    def read(self, source_path: str) -> tuple[str, dict]:
        _body, _data, metadata = self.read_front_matter(source_path)
        return "", metadata


def _latest_meeting_day(conference: object) -> datetime.date | None:
    if not isinstance(conference, dict):
        return None
    text = conference.get("date") or conference.get("not_after")
    if not isinstance(text, str):
        return None
    day = parse_date(text)
    if day is not None:
        return day
    month = parse_month(text)
    if month is None:
        return None
    return datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1) - datetime.timedelta(days=1)


def _valid_iso(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True
