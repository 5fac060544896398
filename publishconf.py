"""Settings for the published site: absolute URLs, feeds, and a build that stops on any
content problem."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://thidua.example.vn")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
BLOC_FEED_ATOM = "feeds/khoi/{province}/{slug}.atom.xml"
PROVINCE_FEED_ATOM = "feeds/tinh/{slug}.atom.xml"

DELETE_OUTPUT_DIRECTORY = True
# The published site is built from the sources alone, never from the preview's cache.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
BLOCS_STRICT = True
