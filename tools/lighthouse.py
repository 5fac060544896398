"""Lighthouse scores (mobile profile) of the home, bloc, bloc-year and organisation pages of
the published site, served on the loopback interface; the numbers go into docs/quality.md.

    PYTHONPATH=plugins:tests .venv/bin/python tools/lighthouse.py

Needs `npm ci` (Lighthouse is pinned in package-lock.json) and Debian's Chromium. Too slow
for every CI run (about 20 s a page), so it is run by hand.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from published_site_helpers import CHROMIUM, NODE_BIN, PAGE_TYPES, published_site

PAGES = ("home", "bloc", "bloc-year", "organisation")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def scores(url: str, report: Path) -> dict[str, int]:
    command = [str(NODE_BIN / "lighthouse"), url, "--quiet", "--output=json", f"--output-path={report}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run",
               f"--only-categories={','.join(CATEGORIES)}"]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    result = json.loads(report.read_text(encoding="utf-8"))
    failing = [f"{audit['id']}: {audit['title']}" for audit in result["audits"].values()
               if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"]
    if failing:
        print(url, "failing audits:", *failing, sep="\n  ", file=sys.stderr)
    return {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    site = published_site()
    print("| page | " + " | ".join(CATEGORIES) + " |")
    print("|---|" + "---|" * len(CATEGORIES))
    with tempfile.TemporaryDirectory() as scratch:
        for name in PAGES:
            found = scores(site.url(PAGE_TYPES[name]), Path(scratch) / f"{name}.json")
            print(f"| {name} (`{PAGE_TYPES[name]}`) | " + " | ".join(str(found[c]) for c in CATEGORIES) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
