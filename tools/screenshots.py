"""Screenshots of every page type of the published site at phone width (390 CSS pixels),
into docs/screenshots/, with Debian's Chromium; the search page shows the results of a
search typed without diacritics.

    PYTHONPATH=plugins:tests .venv/bin/python tools/screenshots.py
"""

from __future__ import annotations

import sys

from published_site_helpers import PAGE_TYPES, ROOT, chromium, published_site

TARGET = ROOT / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}


def main() -> int:
    site = published_site()
    TARGET.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        for name, path in PAGE_TYPES.items():
            page.goto(site.url(path) + ("?q=phu+nu" if name == "search" else ""))
            if name == "search":
                page.locator("#ket-qua li").first.wait_for()
            page.screenshot(path=str(TARGET / f"{name}.png"), full_page=True)
            print(TARGET / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
