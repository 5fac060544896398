"""The template context of the plugin's pages: Jinja's own, calling a plain function directly.

A template calls every Jinja global through ``Context.call``, which first asks the callable,
then its ``__call__``, whether it wants the context, the evaluation context or the environment
passed to it (two attribute lookups that fail for a plain function, each raising and catching
an ``AttributeError``), and the pages call the plugin's pieces (:mod:`.pieces`, :mod:`.links`,
the lists) dozens of times each. A plain function that was not marked by ``pass_context`` and
its kin wants none of them: it is called at once, as ``Context.call`` would end by calling it.
Anything else (a macro, a method, a callable object, a marked function) goes through
``Context.call`` itself. The environment is Jinja's documented ``context_class``.
"""

from __future__ import annotations

from types import FunctionType
from typing import Any

from jinja2.runtime import Context


class PageContext(Context):
    """:class:`jinja2.runtime.Context`, with plain functions called without the questions."""

    def call(__self, __obj: Any, *args: Any, _block_vars: Any = None, _loop_vars: Any = None,
             **kwargs: Any) -> Any:
        if type(__obj) is FunctionType and "jinja_pass_arg" not in __obj.__dict__:
            try:
                return __obj(*args, **kwargs)
            except StopIteration:  # as Context.call answers it
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception")
        return super().call(__obj, *args, _block_vars=_block_vars, _loop_vars=_loop_vars, **kwargs)
