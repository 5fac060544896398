"""The offline archive: a copy of the site that works from file:// (checked link by link),
per-year bundles that are complete, verifiable and reproducible, and the link checker itself."""

from __future__ import annotations

import datetime
import hashlib
import io
import shutil
import tarfile
from pathlib import Path

import pytest
from archive_helpers import SAMPLE_CONTENT, SETTINGS, hrefs, main_text, page, resolve
from emulation_blocs.commands.build import BuildFailed
from emulation_blocs.offline.archive import ArchiveResult, make_archive, make_offline
from emulation_blocs.offline.htmllinks import find_links
from emulation_blocs.offline.linkcheck import check_folder

YEARS = [2018, 2019, 2020, 2021, 2023, 2024]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> ArchiveResult:
    return make_archive(SETTINGS, str(tmp_path_factory.mktemp("archive") / "luu-tru"))


def verify_manifest(folder: Path) -> list[str]:
    """What ``sha256sum -c SHA256SUMS`` checks; returns the files it lists."""
    listed = []
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
        listed.append(name)
    return listed


def extract(bundle: Path, into: Path) -> Path:
    with tarfile.open(bundle) as tar:
        tar.extractall(into, filter="data")
    return into / bundle.name.removesuffix(".tar.gz")


def test_layout(archive: ArchiveResult) -> None:
    folder = archive.folder
    assert (folder / "site" / "index.html").is_file()
    assert [path.name for path in archive.bundles] == [f"thi-dua-khoi-{year}.tar.gz" for year in YEARS]
    assert verify_manifest(folder) == [path.name for path in archive.bundles]
    assert "sha256sum -c SHA256SUMS" in (folder / "DOC-TRUOC.txt").read_text(encoding="utf-8")


def test_every_link_of_the_copy_works_from_disk(archive: ArchiveResult) -> None:
    site = archive.folder / "site"
    links = sum(len(find_links(path.read_text(encoding="utf-8"))) for path in site.rglob("*.html"))
    assert links > 2000  # the check below looked at the whole site
    assert check_folder(site) == []


def test_links_to_folders_became_links_to_files(archive: ArchiveResult) -> None:
    site = archive.folder / "site"
    home = page(site, "index.html")
    assert home.select_one(".site-name a")["href"] == "./index.html"
    bloc_year = page(site, "khoi/bac-kan/mttq-va-cac-doan-the/2020.html")
    assert bloc_year.select_one(".breadcrumbs a")["href"] == "../../../index.html"
    for path in site.rglob("*.html"):
        for link in find_links(path.read_text(encoding="utf-8")):
            assert not link.url.split("#")[0].endswith("/"), (path, link.url)


def test_search_note_page(archive: ArchiveResult) -> None:
    site = archive.folder / "site"
    note = page(site, "luu-tru/index.html").find(id="tim-kiem")
    assert note is not None and note.name == "h2"
    text = note.find_next("p").get_text()
    assert "ô tìm kiếm không chạy" in text and "file://" in text
    for url in ("index.html", "nam/2020.html", "tin/index.html"):
        footer = page(site, url).find("footer")
        assert [resolve(url, href) for href in hrefs(footer, footer)] == ["du-lieu.html", "luu-tru/index.html"]
    # The published site has no such page.
    assert "luu-tru/index.html" not in (SAMPLE_CONTENT.parent / "tests" / "published_urls.txt").read_text()


def test_search_page_says_search_needs_a_server_and_the_index_is_kept(archive: ArchiveResult) -> None:
    """The copy keeps the Pagefind index (it works when the copy is served); opened from disk,
    the search page says at once that search does not run there, and where to look instead.
    The home page has no search box in the copy."""
    site = archive.folder / "site"
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "pagefind" / "pagefind-entry.json").is_file()
    search = page(site, "tim-kiem.html")
    note = search.main.find(id="ghi-chu-tim-kiem")
    assert note is not None and "không chạy khi mở bản lưu trữ từ ổ đĩa" in note.get_text()
    assert [resolve("tim-kiem.html", href) for href in hrefs(note, note)] == ["luu-tru/index.html"]
    assert search.find("form", attrs={"data-index": "./pagefind/pagefind.js"}) is not None
    assert page(site, "index.html").find("form", role="search") is None
    served_note = page(site, "luu-tru/index.html").find(id="tim-kiem").find_next_siblings("p")[1]
    assert "pagefind" in served_note.get_text() and hrefs(served_note) == ["../tim-kiem.html"]
    # Only the search page loads Pagefind; no other page gets the note.
    noted = {path.relative_to(site).as_posix() for path in site.rglob("*.html")
             if 'id="ghi-chu-tim-kiem"' in path.read_text(encoding="utf-8")}
    assert noted == {"tim-kiem.html"}


def test_year_bundle_holds_the_years_pages_sources_and_data(archive: ArchiveResult, tmp_path: Path) -> None:
    bundle = extract(archive.folder / "thi-dua-khoi-2020.tar.gz", tmp_path)
    files = sorted(path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file())
    assert files == [
        "SHA256SUMS",
        "data/nam/2020.json",
        "data/nam/2020/ban-giao.csv",
        "data/nam/2020/khen-thuong.csv",
        "data/nam/2020/khoi-truong.csv",
        "data/nam/2020/thanh-vien.csv",
        "index.html",
        "khoi/bac-kan/mttq-va-cac-doan-the/2020.html",
        "khoi/quang-binh/cac-hoi-dac-thu/2020.html",
        "khoi/tay-ninh/khoi-ii-hoi-quan-chung/2020.html",
        "nam/2020.html",
        "nam/2020/bac-kan.html",
        "nam/2020/quang-binh.html",
        "nam/2020/tay-ninh.html",
        "theme/css/site.css",
        "theme/img/favicon.svg",
        # Tây Ninh's leader of 2020 was handed the role at the review of 2019, in January 2020.
        "tin/2020/2020-01-21-khoi-ii-hoi-quan-chung-tong-ket-2019.html",
        "tin/2020/2020-07-31-khoi-cac-hoi-dac-thu-so-ket-6-thang-2020.html",
        "tin/2020/2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.html",
    ]
    assert verify_manifest(bundle) == [name for name in files if name != "SHA256SUMS"]
    site = archive.folder / "site"
    assert (bundle / "data/nam/2020.json").read_bytes() == (site / "data/nam/2020.json").read_bytes()


def test_year_bundle_navigates_without_a_broken_link(archive: ArchiveResult, tmp_path: Path) -> None:
    for year in YEARS:
        bundle = extract(archive.folder / f"thi-dua-khoi-{year}.tar.gz", tmp_path)
        assert check_folder(bundle) == [], year
    bundle = tmp_path / "thi-dua-khoi-2020"
    year_page = page(bundle, "nam/2020.html")
    outside = [span.get_text() for span in year_page.select("span.ngoai-ban-luu")]
    assert "Năm 2021 →" in outside and "← Năm 2019" in outside
    inside = {resolve("nam/2020.html", href) for href in hrefs(year_page)}
    assert {"nam/2020/bac-kan.html", "index.html"} <= inside
    province_page = page(bundle, "nam/2020/bac-kan.html")
    inside = {resolve("nam/2020/bac-kan.html", href) for href in hrefs(province_page)}
    assert "khoi/bac-kan/mttq-va-cac-doan-the/2020.html" in inside
    entry = page(bundle, "index.html")
    assert entry.h1.get_text() == "Bản lưu trữ kết quả thi đua năm 2020"
    assert "nam/2020.html" in hrefs(entry)
    assert "sha256sum -c SHA256SUMS" in main_text(entry)


def test_bundle_is_reproducible_by_construction(archive: ArchiveResult) -> None:
    raw = (archive.folder / "thi-dua-khoi-2020.tar.gz").read_bytes()
    day = int(datetime.datetime(2020, 12, 30, tzinfo=datetime.UTC).timestamp())  # the year's latest report
    assert int.from_bytes(raw[4:8], "little") == day  # gzip's own time
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        members = tar.getmembers()
    names = [member.name for member in members]
    assert names == sorted(names) and all(name.startswith("thi-dua-khoi-2020/") for name in names)
    fixed = {(entry.mtime, entry.uid, entry.gid, entry.uname, entry.gname, entry.mode) for entry in members}
    assert fixed == {(day, 0, 0, "", "", 0o644)}


def test_a_broken_link_stops_the_archive_and_keeps_the_previous_one(tmp_path: Path, archive: ArchiveResult) -> None:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    target = tmp_path / "luu-tru"
    shutil.copytree(archive.folder, target, symlinks=True)  # the archive of this content, made before
    before = (target / "SHA256SUMS").read_bytes()
    article = next((content / "articles" / "bac-kan").rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nXem [bài cũ](../khong-co-bai-nay.html).\n",
                       encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        make_archive(SETTINGS, str(target), {"PATH": str(content)})
    assert "khong-co-bai-nay.html" in str(failure.value) and "không có tệp này" in str(failure.value)
    assert (target / "SHA256SUMS").read_bytes() == before
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".luu-tru-")]


def write(folder: Path, name: str, body: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    text = f"<!DOCTYPE html><html><head></head><body>{body}</body></html>"
    (folder / name).write_text(text, encoding="utf-8")


def test_link_checker_reports_each_kind_of_broken_link(tmp_path: Path) -> None:
    write(tmp_path, "a/index.html", '<main id="top"><p id="here">x</p></main>')
    write(tmp_path, "page.html", "".join([
        '<link rel="stylesheet" href="https://cdn.example.com/x.css">',
        '<a href="a/index.html#here">ok</a>',
        '<a href="#nowhere">missing fragment here</a>',
        '<a href="a/index.html#gone">missing fragment there</a>',
        '<a href="a/">a folder</a>',
        '<a href="/a/index.html">from the root</a>',
        '<a href="missing.html">missing</a>',
        '<a href="../outside.html">outside</a>',
        '<a href="https://baobackan.example.vn/bai.html">a news source</a>',
        '<img src="hinh.png" alt="">',
    ]))
    found = {(broken.url, broken.reason) for broken in check_folder(tmp_path)}
    assert found == {
        ("https://cdn.example.com/x.css", "tải tệp từ máy khác"),
        ("#nowhere", "trang không có mục #nowhere"),
        ("a/index.html#gone", "trang không có mục #gone"),
        ("a/", "dẫn tới một thư mục, không phải một tệp"),
        ("/a/index.html", "đường dẫn tính từ gốc máy chủ, không mở được từ ổ đĩa"),
        ("missing.html", "không có tệp này"),
        ("../outside.html", "dẫn ra ngoài thư mục"),
        ("hinh.png", "không có tệp này"),
    }


def test_make_offline_rewrites_folder_and_root_links_and_notes_search(tmp_path: Path) -> None:
    write(tmp_path, "index.html", "<main><p>home</p></main>")
    write(tmp_path, "luu-tru/index.html", '<main><h2 id="tim-kiem">Tìm kiếm</h2></main>')
    write(tmp_path, "pagefind/pagefind-ui.js", "")
    write(tmp_path, "tin/index.html", "".join([
        '<main id="noi-dung"><a href="../">home</a> <a href="/tin/">news</a> <a href="./#x">here</a>',
        '<a href="?trang=2">query</a> <a href="https://example.vn/">out</a></main>',
        '<script src="../pagefind/pagefind-ui.js"></script>',
    ]))
    make_offline(tmp_path, "luu-tru/index.html")
    soup = page(tmp_path, "tin/index.html")
    assert hrefs(soup) == ["../luu-tru/index.html#tim-kiem", "../index.html", "./index.html",
                           "./index.html#x", "?trang=2", "https://example.vn/"]
    assert soup.main.p["id"] == "ghi-chu-tim-kiem"
    assert page(tmp_path, "index.html").find(id="ghi-chu-tim-kiem") is None


def test_settings_that_turn_off_a_needed_page_stop_the_archive(tmp_path: Path) -> None:
    with pytest.raises(BuildFailed) as failure:
        make_archive(SETTINGS, str(tmp_path / "luu-tru"),
                     {"ARCHIVE_YEAR_SAVE_AS": "", "DATA_INDEX_SAVE_AS": ""})
    assert "ARCHIVE_YEAR_SAVE_AS" in str(failure.value) and "DATA_INDEX_SAVE_AS" in str(failure.value)
    assert "YEAR_SAVE_AS (" not in str(failure.value).replace("ARCHIVE_YEAR_SAVE_AS (", "")
    assert list(tmp_path.iterdir()) == []
