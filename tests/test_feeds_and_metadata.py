"""What machines read from the published site: Atom feeds (site, bloc, province),
sitemap.xml, robots.txt, JSON-LD and Open Graph; and that two builds of the same content,
search index included, are the same bytes."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import BuiltSite
from published_site_helpers import PAGE_TYPES, PublishedSite, build_published, published_site

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BAC_KAN_BLOC = "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh"


@pytest.fixture(scope="module")
def served() -> PublishedSite:
    return published_site()


def _feed(served: PublishedSite, url: str) -> ET.Element:
    assert url.startswith(served.base_url + "/"), url
    return ET.parse(served.output / url[len(served.base_url) + 1:]).getroot()


def _alternate(served: PublishedSite, page: str, title: str) -> str:
    link = served.page(page).find("link", rel="alternate", title=title)
    assert link is not None and link["type"] == "application/atom+xml"
    return link["href"]


def test_site_feed_lists_every_article_with_tag_ids(served: PublishedSite) -> None:
    feed = _feed(served, _alternate(served, "index.html", "Thi đua khối, cụm — tất cả tin"))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(list((Path(__file__).parent.parent / "content" / "articles").rglob("*.md")))
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids) and all(entry_id.startswith("tag:127.0.0.1") for entry_id in ids)
    # Newest first; the feed's date is its newest entry's (Quảng Trị, 09/01/2024, Hanoi time).
    assert entries[0].findtext(f"{ATOM}published") == "2024-01-09T00:00:00+07:00"
    assert feed.findtext(f"{ATOM}updated") == "2024-01-09T00:00:00+07:00"


def test_bloc_and_province_feeds_have_their_own_ids(served: PublishedSite) -> None:
    bloc_page = served.url(PAGE_TYPES["bloc"])
    bloc = _feed(served, _alternate(served, PAGE_TYPES["bloc"], BAC_KAN_BLOC))
    province = _feed(served, _alternate(served, PAGE_TYPES["province"], "Tỉnh Bắc Kạn"))
    site_feed = _feed(served, served.url("feeds/all.atom.xml"))
    assert bloc.findtext(f"{ATOM}id") == bloc_page
    assert bloc.find(f"{ATOM}link[@rel='alternate']").get("href") == bloc_page
    assert province.findtext(f"{ATOM}id") == served.url(PAGE_TYPES["province"])
    assert len({bloc.findtext(f"{ATOM}id"), province.findtext(f"{ATOM}id"), site_feed.findtext(f"{ATOM}id")}) == 3
    assert bloc.findtext(f"{ATOM}title") == f"Thi đua khối, cụm - {BAC_KAN_BLOC} (Bắc Kạn)"
    # Bắc Kạn has one report: the 2020 review, published 30/12/2020.
    for feed in (bloc, province):
        (entry,) = feed.findall(f"{ATOM}entry")
        assert entry.find(f"{ATOM}link").get("href") == served.url(PAGE_TYPES["article"])
        assert entry.findtext(f"{ATOM}published") == "2020-12-30T00:00:00+07:00"
        assert feed.findtext(f"{ATOM}updated") == "2020-12-30T00:00:00+07:00"


def test_no_feed_without_reports(served: PublishedSite) -> None:
    """Thái Nguyên has no report of its own (Bắc Kạn's are kept under Bắc Kạn)."""
    soup = served.page("tinh/thai-nguyen.html")
    assert soup.find("link", rel="alternate", title="Tỉnh Thái Nguyên") is None
    assert not (served.output / "feeds" / "tinh" / "thai-nguyen.atom.xml").exists()


def test_sitemap_lists_every_page_and_robots_points_to_it(served: PublishedSite) -> None:
    root = ET.parse(served.output / "sitemap.xml").getroot()
    locs = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root}
    pages = {served.base_url + "/" + path.relative_to(served.output).as_posix()
             for path in served.output.rglob("*.html") if "pagefind" not in path.parts}
    pages = {page.removesuffix("/index.html") + "/" if page == served.base_url + "/index.html" else page
             for page in pages}
    assert set(locs) == pages
    assert locs[served.url(PAGE_TYPES["article"])] == "2020-12-30T00:00:00+07:00"
    assert locs[served.url(PAGE_TYPES["bloc"])] is None  # no invented dates
    robots = (served.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert robots == ["User-agent: *", "Allow: /", f"Sitemap: {served.base_url}/sitemap.xml"]


def test_preview_build_has_no_absolute_metadata(site: BuiltSite) -> None:
    assert not (site.output / "sitemap.xml").exists()
    assert not (site.output / "feeds").exists()
    assert (site.output / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    soup = site.page(PAGE_TYPES["article"])
    assert soup.find("link", rel="canonical") is None
    assert soup.find("meta", property="og:url") is None
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert "url" not in data and "mainEntityOfPage" not in data


def test_article_json_ld_and_open_graph(served: PublishedSite) -> None:
    soup = served.page(PAGE_TYPES["article"])
    data = json.loads(soup.find("script", type="application/ld+json").string)
    url = served.url(PAGE_TYPES["article"])
    # The facts of content/articles/bac-kan/2020/2020-12-30-…md and the registry.
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == soup.find("h1").get_text()
    assert data["datePublished"] == "2020-12-30T00:00:00+07:00"
    assert data["author"] == [{"@type": "Person", "name": "Thu Trang"}]
    assert data["sourceOrganization"]["name"] == "Báo Bắc Kạn"
    assert data["about"] == [{"@type": "Organization", "name": BAC_KAN_BLOC, "url": served.url(PAGE_TYPES["bloc"])}]
    assert data["url"] == url and data["inLanguage"] == "vi"
    assert data["publisher"] == {"@type": "Organization", "name": "Thi đua khối, cụm", "url": served.base_url + "/"}
    og = {meta["property"]: meta["content"] for meta in soup.find_all("meta", property=True)}
    assert og["og:type"] == "article" and og["og:url"] == url and og["og:locale"] == "vi_VN"
    assert og["og:title"] == soup.title.get_text()
    assert og["og:description"] == soup.find("meta", attrs={"name": "description"})["content"]
    assert soup.find("link", rel="canonical")["href"] == url


def test_organisation_json_ld(served: PublishedSite) -> None:
    soup = served.page(PAGE_TYPES["organisation"])
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Organization"
    assert data["name"] == "Hội Liên hiệp Phụ nữ tỉnh"
    assert "Hội LHPN" in data["alternateName"]
    assert data["areaServed"]["name"] == "tỉnh Bắc Kạn"
    assert data["memberOf"] == [{"@type": "Organization", "name": BAC_KAN_BLOC, "url": served.url(PAGE_TYPES["bloc"])}]
    assert "award" not in data  # the Cờ thi đua of 2020 was only proposed
    og = {meta["property"]: meta["content"] for meta in soup.find_all("meta", property=True)}
    assert og["og:type"] == "website"


def _json_ld(served: PublishedSite, page_type: str) -> dict:
    (script,) = served.page(PAGE_TYPES[page_type]).find_all("script", type="application/ld+json")
    return json.loads(script.string)


def test_bloc_json_ld_is_an_organisation_with_members_and_data(served: PublishedSite) -> None:
    data = _json_ld(served, "bloc")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
    assert data["name"] == BAC_KAN_BLOC and data["url"] == served.url(PAGE_TYPES["bloc"])
    assert "Khối MTTQ và các đoàn thể" in data["alternateName"]
    assert data["areaServed"] == {"@type": "AdministrativeArea", "name": "tỉnh Bắc Kạn"}
    members = {member["name"]: member["url"] for member in data["member"]}
    assert len(members) == 6
    assert members["Hội Liên hiệp Phụ nữ tỉnh"] == served.url(PAGE_TYPES["organisation"])
    downloads = data["subjectOf"]["distribution"]
    assert data["subjectOf"]["@type"] == "Dataset"
    assert {item["encodingFormat"].split(";")[0] for item in downloads} == {"application/json", "text/csv"}
    for item in downloads:
        assert (served.output / item["contentUrl"].removeprefix(served.base_url + "/")).is_file()


def test_bloc_year_json_ld_lists_its_conferences_as_events(served: PublishedSite) -> None:
    data = _json_ld(served, "bloc-year")
    assert data["@type"] == "ItemList" and data["numberOfItems"] == len(data["itemListElement"]) == 1
    assert data["about"]["url"] == served.url(PAGE_TYPES["bloc"])
    (item,) = data["itemListElement"]
    event = item["item"]
    assert item["position"] == 1 and event["@type"] == "Event"
    assert event["startDate"] == "2020-12-29"  # the conference, not the article's publication
    assert event["name"].startswith("Tổng kết năm") and event["name"].endswith(BAC_KAN_BLOC)
    assert event["location"]["address"]["name"] == "tỉnh Bắc Kạn"
    assert event["organizer"]["name"] == BAC_KAN_BLOC
    assert event["subjectOf"]["@type"] == "NewsArticle"
    assert event["subjectOf"]["url"] == served.url(PAGE_TYPES["article"])


def test_province_json_ld_lists_its_blocs(served: PublishedSite) -> None:
    data = _json_ld(served, "province")
    assert data["@type"] == "ItemList" and data["about"]["name"] == "tỉnh Bắc Kạn"
    assert [item["item"]["url"] for item in data["itemListElement"]] == [served.url(PAGE_TYPES["bloc"])]
    assert data["itemListElement"][0]["item"]["@type"] == "Organization"


def test_year_json_ld_is_a_dataset_with_its_downloads(served: PublishedSite) -> None:
    data = _json_ld(served, "year")
    assert data["@type"] == "Dataset" and data["temporalCoverage"] == "2020"
    assert [area["name"] for area in data["spatialCoverage"]] == ["tỉnh Bắc Kạn", "tỉnh Quảng Bình", "tỉnh Tây Ninh"]
    assert data["url"] == served.url(PAGE_TYPES["year"]) and data["description"]
    downloads = [item["contentUrl"] for item in data["distribution"]]
    assert downloads[:2] == [served.url("data/nam/2020.json"), served.url("data/nam/2020/thanh-vien.csv")]
    province = _json_ld(served, "year-province")
    assert province["@type"] == "Dataset" and province["spatialCoverage"] == [data["spatialCoverage"][0]]
    assert province["isPartOf"] == {"@type": "Dataset", "url": data["url"]}


def _digests(output: Path) -> dict[str, str]:
    return {path.relative_to(output).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(output.rglob("*")) if path.is_file()}


def test_same_content_same_bytes(tmp_path: Path) -> None:
    first = build_published(tmp_path / "one" / "output", "https://thidua.example.vn")
    second = build_published(tmp_path / "two" / "output", "https://thidua.example.vn")
    first_files, second_files = _digests(first), _digests(second)
    assert any(name.startswith("pagefind/") for name in first_files)
    assert "sitemap.xml" in first_files and "feeds/all.atom.xml" in first_files
    assert first_files == second_files
