"""Settings for writing and previewing the site (relative URLs, no feeds).

publishconf.py builds on these for the published site.
"""

# No AUTHOR: Pelican would give it to every report without a byline (see content-model.md).
SITENAME = "Thi đua khối, cụm"
SITESUBTITLE = "Tin tổng kết, sơ kết và kết quả thi đua của các khối, cụm thi đua cấp tỉnh"
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# Pictures the browser editor uploads (content/images), copied as they are.
STATIC_PATHS = ["images"]
THEME = "theme"

TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
LOCALE = ("C.UTF-8",)
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
DEFAULT_PAGINATION = 20

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["emulation_blocs"]

# Article URLs come from the file name, which does not change when a title is edited;
# ".html" files open from disk as well as from a server.
SLUGIFY_SOURCE = "basename"
# The front matter gives every date (the reader falls back on the file name itself): Pelican
# need not parse the one in the file name as well (0.3 s per 4,000 articles, with dateutil).
FILENAME_METADATA = ""
ARTICLE_URL = "tin/{date:%Y}/{slug}.html"
ARTICLE_SAVE_AS = ARTICLE_URL
PAGE_URL = "trang/{slug}.html"
PAGE_SAVE_AS = PAGE_URL
# The list of years, and one page per year beside its articles: one list of every report
# would grow with the archive (a megabyte at 4,000 reports), too much on a phone.
ARCHIVES_SAVE_AS = "tin/index.html"
YEAR_ARCHIVE_URL = "tin/{date:%Y}/index.html"
YEAR_ARCHIVE_SAVE_AS = YEAR_ARCHIVE_URL
# A year lists its reports a hundred a page (a year of a national archive, 1,500 reports, was
# 400 kB on one page): the first page keeps the year's URL, the next ones are
# tin/<year>/trang-2.html, … (BLOCS_PAGINATION_PATTERNS); the home page keeps Pelican's
# index2.html, … (PAGINATION_PATTERNS).
PAGINATED_TEMPLATES = {"index": None, "period_archives": 100}
BLOCS_PAGINATION_PATTERNS = {
    "period_archives": [
        (1, "{name}{extension}", "{name}{extension}"),
        (2, "{base_name}/trang-{number}{extension}", "{base_name}/trang-{number}{extension}"),
    ],
}
DIRECT_TEMPLATES = ["index", "archives"]
# Pelican's category, tag and author pages are not used: blocs, provinces and
# organisations are the site's ways in.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DEFAULT_CATEGORY = "tin"
USE_FOLDER_AS_CATEGORY = False

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# The plugin's feeds per bloc and per province need an absolute SITEURL: published site only.
BLOC_FEED_ATOM = None
PROVINCE_FEED_ATOM = None

# Everything from front matter is escaped; Markdown bodies are marked safe in the templates.
# Every build makes its template environments anew, so a template edited between two builds
# of the preview server is read again; within one build nothing changes, and Jinja would look
# at a template file's date at every use (30,000 times at 4,000 articles).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "auto_reload": False}

RELATIVE_URLS = True
# The preview rebuilds only what an edit changes: Pelican keeps what it read in cache/, and
# the plugin skips the pages whose sources did not change (BLOCS_RENDER_CACHE).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
GZIP_CACHE = False  # a larger cache/, read and written faster

# The emulation-bloc plugin (defaults in plugins/emulation_blocs/settings.py).
BLOCS_REGISTRY_PATH = "registry"
BLOCS_STRICT = False
READERS = {"rst": None}  # Markdown only; docutils has no Vietnamese
