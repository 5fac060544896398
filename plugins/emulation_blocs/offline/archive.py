"""The offline archive: ``python -m emulation_blocs archive``.

It writes, into ``BLOCS_ARCHIVE_PATH`` (replaced only when everything succeeded):

* ``site/``: the whole site built with relative links and no feeds, made to work from
  ``file://`` (a link to a folder becomes a link to its ``index.html``, a link from the server's
  root becomes relative), then checked: every link of every page must lead to a file of the
  copy, every fragment to an anchor;
* one bundle per year (``BLOCS_ARCHIVE_BUNDLE_NAME.tar.gz``): that year's pages, the reports they
  cite, the year's data, the files they load, an ``index.html`` listing them and a
  ``SHA256SUMS`` manifest; links to pages outside the bundle become plain text;
* ``SHA256SUMS`` of the bundles, and a ``DOC-TRUOC.txt`` saying how to open all this.

Same content, same bytes: files in sorted order, times taken from the content (the latest
report of the year), owners and modes fixed, gzip without a name or a time of its own.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import io
import json
import posixpath
import re
import tarfile
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pelican.settings import read_settings

from ..commands.build import BuildFailed, build, output_lock, replace_folder
from ..folders import ScratchFolder, exclusive, remove_abandoned
from ..settings import apply_defaults, url_and_file
from .htmllinks import Link, find_links, rewrite
from .linkcheck import BrokenLink, check_folder, html_pages

SITE_FOLDER = "site"
MANIFEST = "SHA256SUMS"
README = "DOC-TRUOC.txt"
OUTSIDE_CLASS = "ngoai-ban-luu"  # a link to a page the bundle does not hold
_MAIN = re.compile(r"<main\b[^>]*>")
# An attribute naming Pagefind's script: a <script src>, or the search page's data-index
# (it loads the script with import(), which a browser refuses from file://).
_SEARCH_SCRIPT = re.compile(r"""=\s*["'][^"']*pagefind[^"'/]*\.js["']""")
SHOWN_PROBLEMS = 30

README_TEXT = """Bản lưu trữ trang {sitename}

- {site}/index.html: toàn bộ trang, mở bằng trình duyệt, không cần mạng.
- {bundles}: mỗi năm một gói, gồm các trang và dữ liệu của năm đó;
  giải nén rồi mở index.html trong thư mục của gói.
- {manifest}: mã SHA-256 của các gói; kiểm tra bằng lệnh: sha256sum -c {manifest}
  (mỗi gói cũng có tệp {manifest} của riêng nó).
"""


def archive_overrides(settings: Mapping[str, object]) -> dict[str, object]:
    """What an archive build changes: relative links, no feeds (they need the site's address),
    no robots.txt, the archive's own pages. The search index stays: it works when the copy is
    served by a web server."""
    return {
        "SITEURL": "",
        "RELATIVE_URLS": True,
        "FEED_DOMAIN": "",
        "FEED_ALL_ATOM": None,
        "FEED_ATOM": None,
        "FEED_RSS": None,
        "FEED_ALL_RSS": None,
        "BLOC_FEED_ATOM": None,
        "PROVINCE_FEED_ATOM": None,
        "BLOCS_ROBOTS_SAVE_AS": "",
        "BLOCS_ARCHIVE": True,
        "BLOCS_ARCHIVE_ORIGIN": str(settings.get("SITEURL", "")),
    }


@dataclass(frozen=True)
class ArchiveResult:
    folder: Path
    bundles: list[Path]


def make_archive(settings_file: str, output: str | None = None,
                 overrides: dict | None = None) -> ArchiveResult:
    """Build the archive; raise :class:`BuildFailed` (leaving the previous one) on failure."""
    overrides = dict(overrides or {})
    settings = read_settings(settings_file, override=overrides)
    apply_defaults(settings)
    overrides.update(archive_overrides(settings))
    settings.update(overrides)
    _check_settings(settings)
    target = Path(output or str(settings["BLOCS_ARCHIVE_PATH"])).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(output_lock(target), target):
        remove_abandoned(target.parent, f".{target.name}-*")
        bundles = _make_in_place(settings_file, settings, overrides, target)
    return ArchiveResult(target, [target / path.name for path in bundles])


def _make_in_place(settings_file: str, settings: Mapping[str, object], overrides: dict, target: Path) -> list[Path]:
    scratch = ScratchFolder(target.parent, f".{target.name}-")
    # The build inside locks the folder that holds its output, this one; nothing else can
    # take it meanwhile: any build that removes leftovers here waits for the lock held above.
    scratch.release()
    staging = scratch.path
    try:
        site = build(settings_file, str(staging / SITE_FOLDER), overrides)
        make_offline(site, str(settings["ARCHIVE_NOTE_URL"]))
        _fail_on(check_folder(site), "bản lưu trữ")
        bundles = write_bundles(site, staging, settings)
        _write_manifest(staging, [path.name for path in bundles])
        _write_readme(staging, settings)
        replace_folder(target, staging)
    except BaseException:
        scratch.remove()
        raise
    return bundles


NEEDED = {
    "DATA_INDEX_SAVE_AS": "danh mục dữ liệu (data/index.json) cho biết trang nào thuộc năm nào",
    "ARCHIVE_NOTE_SAVE_AS": "trang giới thiệu bản lưu trữ",
    "ARCHIVE_YEAR_SAVE_AS": "trang mở đầu của gói từng năm",
    "YEAR_SAVE_AS": "trang kết quả từng năm",
}


def _check_settings(settings: Mapping[str, object]) -> None:
    """Settings that turn off a page the archive needs stop it before it builds anything."""
    off = [f"{name} ({why})" for name, why in NEEDED.items() if not settings.get(name)]
    if off:
        raise BuildFailed("Bản lưu trữ cần các trang mà cấu hình đang tắt: " + "; ".join(off)
                          + ". Đặt lại các thiết lập này (để trống là tắt).")


def _write_readme(folder: Path, settings: Mapping[str, object]) -> None:
    bundles = str(settings["BLOCS_ARCHIVE_BUNDLE_NAME"]).format(year="NĂM") + ".tar.gz"
    text = README_TEXT.format(sitename=settings["SITENAME"], site=SITE_FOLDER, manifest=MANIFEST,
                              bundles=bundles)
    (folder / README).write_text(text, encoding="utf-8")


def _fail_on(broken: list[BrokenLink], where: str) -> None:
    if broken:
        shown = "\n".join(problem.format() for problem in broken[:SHOWN_PROBLEMS])
        raise BuildFailed(f"{len(broken)} liên kết hỏng trong {where}:\n{shown}")


# Making pages work from file://


def _folder_of(root: Path, page: Path) -> str:
    return page.parent.relative_to(root).as_posix()


def offline_url(root: Path, page: Path, link: Link) -> str | None:
    """The link as it must be written to work from disk, or None when it already does."""
    parts = urlsplit(link.url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = parts.path
    if path.startswith("/"):
        relative = posixpath.relpath("." + path, _folder_of(root, page))
        path = relative + ("/" if path.endswith("/") and relative != "." else "")
    target = root / _folder_of(root, page) / path
    if target.is_dir():
        path = path.rstrip("/") + "/index.html"
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def _search_note(page_folder: str, note_url: str) -> str:
    href = posixpath.relpath(note_url, page_folder)
    return (f'<p class="notice" id="ghi-chu-tim-kiem">Ô tìm kiếm không chạy khi mở bản lưu trữ từ ổ đĩa; '
            f'xem <a href="{href}#tim-kiem">cách tìm thông tin trong bản lưu trữ</a>.</p>')


def make_offline(root: Path, note_url: str) -> None:
    """Rewrite every page of ``root`` so that its links work from ``file://``; a page that
    loads the search engine (Pagefind) gets a note that search needs a web server."""
    root = root.resolve()
    for page in html_pages(root):
        text = page.read_text(encoding="utf-8")
        new = rewrite(text, partial(offline_url, root, page))
        loads_search = _SEARCH_SCRIPT.search(new) is not None
        main = _MAIN.search(new)
        if loads_search and main:
            new = new[: main.end()] + _search_note(_folder_of(root, page), note_url) + new[main.end() :]
        if new != text:
            page.write_text(new, encoding="utf-8")


# Year bundles


def _file_of(url: str) -> str:
    return url + "index.html" if url.endswith("/") or not url else url


def _resolve(page: str, url: str) -> str | None:
    """The bundle path a relative URL of ``page`` leads to (None for external links)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or parts.path.startswith("/"):
        return None
    if not parts.path:
        return page
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))


def _rebase(text: str, old: str, new: str) -> str:
    """A page moved from ``old`` to ``new``: its relative links still lead to the same files."""
    def change(link: Link) -> str | None:
        target = _resolve(old, link.url)
        if target is None or not urlsplit(link.url).path:
            return None
        parts = urlsplit(link.url)
        path = posixpath.relpath(target, posixpath.dirname(new) or ".")
        return urlunsplit(("", "", path, parts.query, parts.fragment))
    return rewrite(text, change)


def _loaded_files(site: Path, pages: list[str]) -> set[str]:
    """The files the pages load (style sheets, images, scripts)."""
    found = set()
    for page in pages:
        for link in find_links((site / page).read_text(encoding="utf-8")):
            target = _resolve(page, link.url)
            loads = link.attribute == "src" or (link.tag == "link" and link.attribute == "href")
            if loads and target and (site / target).is_file():
                found.add(target)
    return found


def bundle_files(site: Path, year: Mapping, settings: Mapping[str, object]) -> dict[str, bytes]:
    """The files of one year's bundle, by path inside it, ``SHA256SUMS`` included."""
    _entry_url, entry_file = url_and_file(settings, "ARCHIVE_YEAR", year=year["year"])
    pages = [_file_of(url) for url in year["pages"] if (site / _file_of(url)).is_file()]
    data = [_file_of(url) for url in year["data"]]
    texts = {page: (site / page).read_text(encoding="utf-8") for page in pages}
    texts["index.html"] = _rebase((site / entry_file).read_text(encoding="utf-8"), entry_file, "index.html")
    members = {*texts, *data, *_loaded_files(site, [*pages, entry_file])}

    def outside(page: str) -> Callable[[Link], bool]:
        return lambda link: _resolve(page, link.url) not in members and _resolve(page, link.url) is not None

    files = {path: rewrite(text, lambda link: None, outside(path), OUTSIDE_CLASS).encode("utf-8")
             for path, text in texts.items()}
    for path in members - set(texts):
        files[path] = (site / path).read_bytes()
    files[MANIFEST] = manifest(files).encode("utf-8")
    return dict(sorted(files.items()))


def manifest(files: Mapping[str, bytes]) -> str:
    """``sha256sum`` format, so that ``sha256sum -c SHA256SUMS`` checks the files."""
    lines = (f"{hashlib.sha256(content).hexdigest()}  {path}\n" for path, content in sorted(files.items()))
    return "".join(lines)


def _timestamp(year: Mapping) -> int:
    if not year.get("updated"):
        return 0
    day = datetime.date.fromisoformat(year["updated"])
    return int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp())


def tar_gz(prefix: str, files: Mapping[str, bytes], mtime: int) -> bytes:
    """A reproducible .tar.gz: sorted members under ``prefix/``, fixed time, owner and modes."""
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=mtime, compresslevel=9) as compressed, \
            tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(files):
            info = tarfile.TarInfo(f"{prefix}/{path}")
            info.size, info.mtime, info.mode = len(files[path]), mtime, 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(files[path]))
    return raw.getvalue()


def _check_bundle(name: str, files: Mapping[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for path, content in files.items():
            (Path(folder) / path).parent.mkdir(parents=True, exist_ok=True)
            (Path(folder) / path).write_bytes(content)
        _fail_on(check_folder(Path(folder)), f"gói {name}")


def write_bundles(site: Path, folder: Path, settings: Mapping[str, object]) -> list[Path]:
    _url, index_file = url_and_file(settings, "DATA_INDEX")
    catalogue = json.loads((site / index_file).read_text(encoding="utf-8"))
    written = []
    for year in catalogue["years"]:
        name = str(settings["BLOCS_ARCHIVE_BUNDLE_NAME"]).format(year=year["year"])
        files = bundle_files(site, year, settings)
        _check_bundle(name, files)
        path = folder / f"{name}.tar.gz"
        path.write_bytes(tar_gz(name, files, _timestamp(year)))
        written.append(path)
    return written


def _write_manifest(folder: Path, names: list[str]) -> None:
    files = {name: (folder / name).read_bytes() for name in names}
    (folder / MANIFEST).write_text(manifest(files), encoding="utf-8")
