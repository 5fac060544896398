"""The templates, compiled once and kept in Pelican's cache folder.

Every generator has its own Jinja environment and compiles every template it uses at every
build, which a preview of one edit would otherwise spend on templates that did not change.
With Pelican's cache on (``CACHE_CONTENT``),
Jinja's own bytecode cache keeps the compiled code in ``CACHE_PATH/templates``; it is used
again only for the same source (Jinja compares its checksum) compiled with the same options
(those are in the key here: the site's and the plugin's environments differ in autoescaping).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from .diskcache import dropped

FOLDER = "templates"

# What the compiled code depends on besides the source (see jinja2.Environment).
_COMPILE_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                    "comment_start_string", "comment_end_string", "line_statement_prefix",
                    "line_comment_prefix", "trim_blocks", "lstrip_blocks", "newline_sequence",
                    "keep_trailing_newline", "optimized", "autoescape")


class CompiledTemplates(FileSystemBytecodeCache):
    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        return super().get_bucket(environment, f"{name}|{compile_options(environment)}", filename, source)

    def load_bytecode(self, bucket: Bucket) -> None:
        """Jinja's, except that a file cut short (Jinja unpickles its header unguarded) is
        compiled again, with TD750, instead of failing the build."""
        try:
            super().load_bytecode(bucket)
        except Exception as error:  # whatever the bytes, the template is compiled again
            bucket.reset()
            dropped(os.path.join(self.directory, self.pattern % (bucket.key,)), error)


def compile_options(environment: Environment) -> str:
    options = [repr(getattr(environment, option)) for option in _COMPILE_OPTIONS]
    extensions = sorted(f"{type(extension).__module__}.{type(extension).__qualname__}"
                        for extension in environment.extensions.values())
    return "|".join([jinja2.__version__, *options, *extensions])


def keep_compiled_templates(environment: Environment, settings: Mapping) -> None:
    """Give ``environment`` the cache of compiled templates, if Pelican caches content."""
    if not settings.get("CACHE_CONTENT") or environment.bytecode_cache is not None:
        return
    folder = os.path.join(str(settings["CACHE_PATH"]), FOLDER)
    os.makedirs(folder, exist_ok=True)
    environment.bytecode_cache = CompiledTemplates(folder)
