"""What Jinja 3.1 keeps inside a macro: the context of the template that defines it.

A macro of a template imported without the page's context (``{% from "x.html" import m %}``)
can read only its arguments and the globals; one of the page's own template, or imported
``with context``, can read every variable of the page. Jinja does not say which: the compiled
macro's function holds, in its closure, ``context.resolve_or_missing`` of its template's
context, whose ``parent`` holds the variables it was given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2.runtime import Context, Macro


def sees_the_page(context: Mapping | Context, macro: Macro) -> bool:
    """True when the template that defines ``macro`` was given more than the globals of
    ``context``'s template and of its own; True as well where Jinja keeps no such function."""
    function: Any = getattr(macro, "_func", None)
    if function is None:
        return True
    allowed = set(getattr(context, "globals_keys", ()))
    for cell in function.__closure__ or ():
        seen = getattr(cell.cell_contents, "__self__", None)
        if isinstance(seen, Context) and not set(seen.parent) <= allowed | seen.globals_keys:
            return True
    return False
