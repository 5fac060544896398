"""The plugin's settings and their defaults.

URL settings follow Pelican's pattern: ``X_URL`` is the link, ``X_SAVE_AS`` the file written
(by default the same path, or ``…/index.html`` for a URL ending in ``/``). An empty
``X_SAVE_AS`` turns that kind of page off.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping

DEFAULTS: dict[str, object] = {
    # Folder of the registry, relative to PATH (the content folder).
    "BLOCS_REGISTRY_PATH": "registry",
    # Stop the build on any content problem (publishconf.py sets it).
    "BLOCS_STRICT": False,
    # The writers may publish any HTML in a report's body: no sanitising (see docs/security.md).
    # Front matter is escaped whatever this says.
    "BLOCS_TRUSTED_AUTHORS": False,
    # Pages. Fields: {province} (province id), {slug} (bloc or organisation id), {year}.
    "BLOCS_URL": "khoi/index.html",
    "BLOC_URL": "khoi/{province}/{slug}.html",
    "BLOC_YEAR_URL": "khoi/{province}/{slug}/{year}.html",
    "ORGANISATIONS_URL": "to-chuc/index.html",
    "ORGANISATION_URL": "to-chuc/{province}/{slug}.html",
    "PROVINCES_URL": "tinh/index.html",
    "PROVINCE_URL": "tinh/{slug}.html",
    # Open data.
    "BLOCS_DATA_URL": "data/blocs.json",
    # Results per year across provinces, and per year and province. Fields: {year}, {province}.
    "YEARS_URL": "nam/index.html",
    "YEAR_URL": "nam/{year}.html",
    "YEAR_PROVINCE_URL": "nam/{year}/{province}.html",
    # Open data per year and per bloc: JSON in the schema of blocs.json, and CSV tables
    # ({table}: thanh-vien, khoi-truong, khen-thuong, ban-giao), listed with their checksums in the
    # catalogue; the data page lists them for people.
    "OPEN_DATA_URL": "du-lieu.html",
    "DATA_INDEX_URL": "data/index.json",
    "YEAR_JSON_URL": "data/nam/{year}.json",
    "YEAR_CSV_URL": "data/nam/{year}/{table}.csv",
    "BLOC_JSON_URL": "data/khoi/{province}/{slug}.json",
    "BLOC_CSV_URL": "data/khoi/{province}/{slug}/{table}.csv",
    # Old URLs (former ids in the registry) answer with a redirect page; hosts that read a
    # redirects file (Netlify, Cloudflare Pages) get one too. Empty: no file.
    "BLOCS_REDIRECTS_SAVE_AS": "_redirects",
    # The offline archive (``python -m emulation_blocs archive``): the folder it writes, the
    # name of each year's bundle, and the pages only an archive has (about the copy, and the
    # contents of each year's bundle). BLOCS_ARCHIVE is set by the archive command.
    "BLOCS_ARCHIVE": False,
    "BLOCS_ARCHIVE_PATH": "luu-tru",
    "BLOCS_ARCHIVE_BUNDLE_NAME": "thi-dua-khoi-{year}",
    "ARCHIVE_NOTE_URL": "luu-tru/index.html",
    "ARCHIVE_YEAR_URL": "luu-tru/{year}.html",
    # The search page; its index (Pagefind) is written into BLOCS_SEARCH_INDEX_PATH after
    # each build. False turns the index off (the page then says search is unavailable).
    "SEARCH_URL": "tim-kiem.html",
    "BLOCS_SEARCH_INDEX": True,
    "BLOCS_SEARCH_INDEX_PATH": "pagefind",
    # Atom feeds per bloc and per province (fields as for the pages); None turns them off.
    # Feeds need an absolute SITEURL, so pelicanconf.py (the preview) turns them off.
    "BLOC_FEED_ATOM": "feeds/khoi/{province}/{slug}.atom.xml",
    "PROVINCE_FEED_ATOM": "feeds/tinh/{slug}.atom.xml",
    # sitemap.xml and robots.txt, written when SITEURL is absolute (the published site).
    "BLOCS_SITEMAP_SAVE_AS": "sitemap.xml",
    "BLOCS_ROBOTS_SAVE_AS": "robots.txt",
    # Pelican's PAGINATION_PATTERNS for the pages of one template (a name of PAGINATED_TEMPLATES):
    # {template: rules, in PAGINATION_PATTERNS' form}. The other templates keep PAGINATION_PATTERNS.
    "BLOCS_PAGINATION_PATTERNS": {},
    # With Pelican's cache on (CACHE_CONTENT, LOAD_CONTENT_CACHE), skip the pages whose sources,
    # settings, templates and code are unchanged since they were written (see docs/performance.md).
    "BLOCS_RENDER_CACHE": True,
    # Limits on what is read (docs/content-model.md): bytes of a content file (article or
    # registry file, TD705), of an article's front matter (TD706), and of a slug, the part of
    # a URL that comes from a file name, a ``slug`` or a registry id (TD703). A file name of a
    # page is at most 255 bytes on common file systems; the URL patterns add up to 15 to a slug.
    "BLOCS_MAX_FILE_BYTES": 2_000_000,
    "BLOCS_MAX_FRONT_MATTER_BYTES": 100_000,
    "BLOCS_MAX_SLUG_BYTES": 200,
    # The browser editor (Decap CMS) in the published site at admin/, saving to a git host:
    # {"name": "github" | "gitlab" | "gitea", "repo": "owner/name", "branch": "main", "base_url": ""}
    # (see docs/settings.md). None: no admin/ folder; the editor runs only with «make editor».
    "BLOCS_EDITOR_BACKEND": None,
}

PAGE_KINDS = (
    "BLOCS",
    "BLOC",
    "BLOC_YEAR",
    "ORGANISATIONS",
    "ORGANISATION",
    "PROVINCES",
    "PROVINCE",
    "BLOCS_DATA",
    "YEARS",
    "YEAR",
    "YEAR_PROVINCE",
    "OPEN_DATA",
    "DATA_INDEX",
    "YEAR_JSON",
    "YEAR_CSV",
    "BLOC_JSON",
    "BLOC_CSV",
    "ARCHIVE_NOTE",
    "ARCHIVE_YEAR",
    "SEARCH",
)


def apply_defaults(settings: MutableMapping[str, object]) -> None:
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    for kind in PAGE_KINDS:
        url = str(settings[f"{kind}_URL"])
        settings.setdefault(f"{kind}_SAVE_AS", url + "index.html" if url.endswith("/") or not url else url)


def keys_pages(settings: Mapping[str, object]) -> bool:
    """Whether a build keys its pages (``BLOCS_RENDER_CACHE``, with Pelican's cache on), its
    defaults applied or not."""
    return bool(settings.get("BLOCS_RENDER_CACHE", DEFAULTS["BLOCS_RENDER_CACHE"])
                and (settings.get("LOAD_CONTENT_CACHE") or settings.get("CACHE_CONTENT")))


def url_and_file(settings: Mapping[str, object], kind: str, **fields: object) -> tuple[str, str]:
    """The URL and the output file of one page of ``kind`` (``"BLOC"``, ``"PROVINCE"``, …)."""
    url = str(settings[f"{kind}_URL"]).format(**fields)
    save_as = str(settings[f"{kind}_SAVE_AS"]).format(**fields)
    return url, save_as
