"""What ``make check`` says about one report as the editor holds it, before it is saved, and
its text as the site renders it: the editor's preview pane shows both.

The draft is read by the same reader as a build, from a temporary folder at the report's own
path (so that problems name the file the writer edits), and checked with every other report
of the site as saved, so that names, leaders and awards are checked against the others too.
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from pelican.contents import Article
from pelican.readers import Readers

from ..commands.check import read_articles
from ..domain.pipeline import load_site_registry, run
from ..problems import Problem
from ..settings import apply_defaults
from ..source.reader import ReportReader


class DraftPathError(ValueError):
    """The editor asked about a path outside the articles folder."""


@dataclass(frozen=True)
class DraftCheck:
    problems: list[Problem]
    title: str
    html: str  # the body as the site renders it

    def as_json(self) -> dict:
        return {"problems": [asdict(found) for found in self.problems], "title": self.title, "html": self.html}


def check_draft(settings: dict, relative: str, text: str) -> DraftCheck:
    """The problems of the report at ``relative`` (from the content folder) if it said ``text``."""
    relative = _safe_relative(relative)
    settings = dict(settings)
    apply_defaults(settings)
    with tempfile.TemporaryDirectory(prefix="blocs-draft-") as folder:
        draft_path = Path(folder) / relative
        draft_path.parent.mkdir(parents=True, exist_ok=True)
        draft_path.write_text(text, encoding="utf-8")
        draft_settings = {**settings, "PATH": folder}
        draft, html = _read(draft_settings, folder, relative)
    registry = load_site_registry(settings)
    listed, _refused = read_articles(settings)  # a refused file is another file's problem
    articles = [article for article in listed if article.relative_source_path != relative]
    articles.append(draft)
    published = [article for article in articles if article.status == "published"]
    unpublished = [article for article in articles if article.status != "published"]
    # The site's settings give the limits and the list pages a report's file must not take;
    # the other files of the content folder are not this draft's concern.
    _archive, problems = run(published, unpublished, registry, lambda article: article.relative_source_path,
                             lambda article: article.save_as, settings, look_for_unread=False)
    return DraftCheck([found for found in problems if found.path == relative], str(getattr(draft, "title", "")), html)


def _read(settings: dict, folder: str, relative: str) -> tuple[Article, str]:
    readers = Readers(settings)
    reader = ReportReader(settings)
    readers.readers = dict.fromkeys(ReportReader.file_extensions, reader)
    article = readers.read_file(base_path=folder, path=relative, content_class=Article, context={})
    return article, article.content


def _safe_relative(relative: str) -> str:
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or path.suffix != ".md":
        raise DraftPathError(relative)
    return path.as_posix()
