"""The pipeline after reading, shared by the build and by ``check``: load the registry,
resolve every report's names, aggregate, and gather every problem found on the way."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from pelican.utils import slugify

from ..incremental.diskcache import remembered
from ..incremental.fingerprint import code_fingerprint, digest, files_fingerprint
from ..pelican_compat.pagination import year_list_pages
from ..problems import Problem
from ..registry.registry import Registry, load_registry
from ..source.inventory import unread_files
from ..source.limits import limits_of
from .aggregate import Archive, aggregate
from .collisions import list_page_collisions, url_collisions
from .resolve import resolve_reports
from .slugs import article_slug_problems


def load_site_registry(settings: Mapping[str, Any]) -> Registry:
    key, load = _registry_source(settings)
    return remembered(settings, "registry", key, load)


def _registry_source(settings: Mapping[str, Any]) -> tuple[str, Callable[[], Registry]]:
    """The key of the registry's files, code and slugs, and how to load it."""
    content_root = Path(settings["PATH"]).resolve()
    substitutions = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
    folder = content_root / str(settings["BLOCS_REGISTRY_PATH"])

    limits = limits_of(settings)

    def load() -> Registry:
        return load_registry(folder, content_root, lambda text: slugify(text, regex_subs=substitutions), limits)

    # Reading and checking the registry of a whole country is a noticeable part of a preview.
    return digest(str(folder), files_fingerprint([folder]), code_fingerprint(), substitutions, limits), load


def run(published: list, unpublished: Iterable, registry: Registry, path_of: Callable[[Any], str],
        save_as_of: Callable[[Any], str] | None = None, settings: Mapping[str, Any] | None = None,
        refused: Iterable[Problem] = (), look_for_unread: bool = True) -> tuple[Archive, list[Problem]]:
    """Aggregate the published articles; report problems of every article (drafts too), of the
    files refused when listing the content (``refused``), and, given ``save_as_of``, of articles
    written to the same file or to a file that cannot be (by ``settings``' limits and list
    pages); given ``settings`` and ``look_for_unread``, of the files of the content folder that
    are not read."""
    articles = [*published, *unpublished]
    reports, resolve_problems = resolve_reports(published, registry, path_of)
    archive = aggregate(reports, registry)
    read_problems = [found for article in articles for found in article.metadata.get("problems", [])]
    url_problems = []
    if save_as_of:
        slug_bytes = limits_of(settings or {}).slug_bytes
        list_pages = year_list_pages(settings or {}, published)
        url_problems = url_collisions(articles, path_of, save_as_of) + \
            list_page_collisions(articles, path_of, save_as_of, list_pages) + \
            article_slug_problems(articles, path_of, save_as_of, slug_bytes)
    unread = unread_files(settings) if settings is not None and look_for_unread else []
    found = [*refused, *read_problems, *registry.problems, *resolve_problems, *archive.problems, *url_problems,
             *unread]
    return archive, sorted(set(found))
