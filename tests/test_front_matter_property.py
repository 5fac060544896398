"""Random front matter never breaks the pipeline: whatever a writer types, reading,
validating and resolving it gives either a valid result or problems with a catalogued code
and a line — never a traceback."""

from __future__ import annotations

import datetime
import string
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
import yaml
from authoring_helpers import REPO
from conftest import examples
from emulation_blocs.domain.aggregate import aggregate
from emulation_blocs.domain.pipeline import load_site_registry
from emulation_blocs.domain.resolve import ReportResolver
from emulation_blocs.problems import CATALOGUE, Place, Problem
from emulation_blocs.settings import apply_defaults
from emulation_blocs.source.field_rules import check_rules
from emulation_blocs.source.reader import ReportReader
from emulation_blocs.source.validation import load_schema, read_yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pelican.settings import read_settings

SCHEMA = "article.schema.json"
SOURCE = "articles/x/2021/2021-12-30-bai.md"
FIRST_LINE = 2  # the front matter starts on the file's second line
# Loaded at import, before the tests leave the checkout: the registry is not kept on disk.
SETTINGS = read_settings(str(REPO / "pelicanconf.py"), override={"PATH": str(REPO / "content"),
                                                                  "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False})
apply_defaults(SETTINGS)
REGISTRY = load_site_registry(SETTINGS)
PROPERTY = settings(max_examples=examples(250), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Values a writer might type: the registry's real names and codes, dates that exist or
# not, years in and out of range, the enumerations, and junk.
_names = sorted({name for province in REGISTRY.provinces.values() for name in (province.name, *province.aliases)}
                | {bloc.name for bloc in REGISTRY.all_blocs()}
                | {name for organisation in REGISTRY.all_organisations()
                   for name in (organisation.name, *organisation.aliases)}
                | {name for table in (REGISTRY.award_types, REGISTRY.authorities)
                   for entry in table.values() for name in (entry.code, entry.name, *entry.aliases)})
_ENUMS = ["tong-ket", "so-ket", "trien-khai", "ky-ket-giao-uoc", "ban-giao", "ca-nam", "6-thang", "de-nghi",
          "da-tang", "truong-khoi", "pho-khoi", "bau", "suy-ton", "khong-ro", "published", "draft", "vi"]
_YAML_CHARS = string.ascii_letters + string.digits + " :-[]{},#&*!|>'\"%@`?~.\t\nđĐăâêôơưạảấầẩẫậọ"
names = st.sampled_from(_names)
dates = st.one_of(st.dates().map(str), st.builds("{}-{:02d}-{:02d}".format, st.integers(1900, 2100),
                                                  st.integers(0, 13), st.integers(0, 32)))
years = st.integers(1900, 2150)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 100_000), st.floats(allow_nan=True),
                    st.text(max_size=30), names, dates, st.sampled_from(_ENUMS))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly a plausible value, sometimes any value at all."""
    return st.one_of(strategy, strategy, strategy, values)


def optional(**fields: st.SearchStrategy) -> st.SearchStrategy:
    return st.fixed_dictionaries({}, optional={key: maybe(strategy) for key, strategy in fields.items()})


conference = optional(kinds=st.lists(st.sampled_from(_ENUMS[:5]), min_size=1, max_size=3), date=dates,
                      year_reviewed=years, period=st.sampled_from(["ca-nam", "6-thang"]), place=st.text(max_size=10),
                      year=years, not_after=dates)
members = optional(year=years, list=st.lists(names, max_size=5), count=st.integers(-1, 20), complete=st.booleans(),
                   note=st.text(max_size=10))
leadership = st.lists(optional(year=years, leader=names, deputy=st.one_of(names, st.lists(names, max_size=3)),
                               deputy_unnamed=st.booleans(), decision=st.text(max_size=10),
                               chosen=st.sampled_from(_ENUMS)), max_size=3)
handover = optional(year=years, **{"from": names, "to": names}, role=st.sampled_from(["truong-khoi", "pho-khoi"]),
                    items=st.lists(st.text(min_size=1, max_size=10), max_size=2))
awards = st.lists(optional(type=names, authority=names, recipients=st.lists(names, max_size=3),
                           count=st.integers(-1, 10), remaining_members=st.booleans(), year=years,
                           status=st.sampled_from(["de-nghi", "da-tang"]), as_written=st.text(min_size=1, max_size=20),
                           decision=st.text(max_size=10), recipient_kind=st.sampled_from(["tap-the", "ca-nhan"]),
                           people=st.lists(st.text(min_size=1, max_size=10), max_size=2)), max_size=3)
front_matter = st.fixed_dictionaries(
    {"title": maybe(st.text(min_size=1, max_size=20)), "date": maybe(dates), "author": maybe(st.text(max_size=10)),
     "source": maybe(optional(paper=st.text(min_size=1, max_size=10), url=st.just("https://example.vn/a"))),
     "province": maybe(names), "bloc": maybe(names), "conference": maybe(conference)},
    optional={"members": maybe(members), "leadership": maybe(leadership), "handover": maybe(handover),
              "awards": maybe(awards), "pact": maybe(optional(year=years)), "historical": maybe(st.booleans()),
              "movements": maybe(st.lists(optional(name=st.text(max_size=10), organisation=names,
                                                   kind=st.sampled_from(["phong-trao", "mo-hinh", "quy"]),
                                                   scope=st.sampled_from(["khoi", "tinh", "toan-quoc"])), max_size=2)),
              "ranking": maybe(st.lists(optional(year=years, rank=st.integers(0, 5), organisation=names), max_size=2)),
              "status": maybe(st.sampled_from(["published", "draft", "hidden"])), "titel": values},
)


@st.composite
def plausible_front_matter(draw: st.DrawFn) -> dict:
    """Front matter of the right shape about a real province, bloc and organisations, with
    facts drawn at random: it reaches name resolution and the checks across facts."""
    province = draw(st.sampled_from([entry for entry in REGISTRY.provinces.values() if REGISTRY.blocs[entry.id]]))
    own = [name for organisation in REGISTRY.organisations[province.id]
           for name in (organisation.name, *organisation.aliases)]
    organisations = st.one_of(*[st.sampled_from(own)] * 30, names)  # now and then another province's name
    day = draw(st.dates(min_value=datetime.date(1995, 1, 1), max_value=datetime.date(2030, 12, 31)))
    year = st.integers(day.year - 2, day.year + 1)
    awards_types = st.sampled_from([entry.code for entry in REGISTRY.award_types.values()])
    authorities = st.sampled_from([entry.name for entry in REGISTRY.authorities.values()])
    data = {
        "title": "Tổng kết", "date": str(day), "author": "Thu Trang", "source": {"paper": "Báo"},
        "province": draw(st.sampled_from([province.name, *province.aliases])),
        "bloc": draw(st.sampled_from([bloc.name for bloc in REGISTRY.blocs[province.id]])),
        "conference": {"kinds": draw(st.lists(st.sampled_from(_ENUMS[:5]), min_size=1, max_size=3)),
                       "date": str(draw(st.dates(max_value=day, min_value=day - datetime.timedelta(days=40)))),
                       "year_reviewed": draw(year)},
        "historical": draw(st.booleans()),
    }
    data["members"] = draw(st.fixed_dictionaries({"list": st.lists(organisations, max_size=8)}, optional={
        "year": year, "count": st.integers(0, 12), "complete": st.booleans()}))
    data["leadership"] = draw(st.lists(st.fixed_dictionaries({"year": year}, optional={
        "leader": organisations, "deputy": st.one_of(organisations, st.lists(organisations, max_size=2)),
        "deputy_unnamed": st.booleans()}), max_size=3))
    data["awards"] = draw(st.lists(st.fixed_dictionaries(
        {"type": awards_types, "authority": authorities, "year": year,
         "status": st.sampled_from(["de-nghi", "da-tang"]), "as_written": st.just("đề nghị tặng")},
        optional={"recipients": st.lists(organisations, max_size=3), "remaining_members": st.booleans(),
                  "count": st.integers(0, 10)}), max_size=3))
    data["ranking"] = draw(st.lists(st.fixed_dictionaries({"year": year, "rank": st.integers(1, 4),
                                                           "organisation": organisations}), max_size=2))
    if draw(st.booleans()):
        data["handover"] = draw(st.fixed_dictionaries({"year": year, "to": organisations},
                                                      optional={"from": organisations}))
    if not set(data["conference"]["kinds"]) & {"tong-ket", "so-ket"}:
        data["conference"]["year"] = data["conference"].pop("year_reviewed")
    return data


def assert_coded(problems: list[Problem], last_line: int) -> None:
    for found in problems:
        assert found.code in CATALOGUE, found
        assert 1 <= found.line <= last_line, found
        assert found.message and found.hint


def outcome(text: str) -> None:
    """Read, validate and resolve ``text`` as front matter, checking each step's result."""
    last_line = FIRST_LINE + text.count("\n") + 1
    located = read_yaml(text, SCHEMA, Place(SOURCE, FIRST_LINE))
    if not located.problems:  # as the reader does
        located.problems.extend(check_rules(located.data, located, Place(SOURCE, FIRST_LINE), "", last_line))
    assert_coded(located.problems, last_line)
    if located.problems:
        event("problems in the front matter")
        return
    jsonschema.Draft202012Validator(load_schema(SCHEMA)).validate(located.data)  # a valid result is valid
    resolver = ReportResolver(REGISTRY, SOURCE, located.lines)
    report = resolver.resolve(SimpleNamespace(url="", title=""), located.data)
    assert_coded(resolver.problems, last_line)
    assert (report is None) == bool(resolver.problems)
    event(f"resolved with {sorted({found.code for found in resolver.problems})}")
    if report is not None:
        archive = aggregate([report], REGISTRY)
        assert_coded(archive.problems, last_line)
        event(f"aggregated with {sorted({found.code for found in archive.problems})}")


@PROPERTY
@given(plausible_front_matter())
def test_random_facts_about_real_blocs(data: dict) -> None:
    outcome(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@PROPERTY
@given(front_matter)
def test_random_values_of_the_real_fields(data: dict) -> None:
    outcome(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@PROPERTY
@given(front_matter)
def test_random_values_in_flow_style(data: dict) -> None:
    outcome(yaml.safe_dump(data, allow_unicode=True, default_flow_style=True, width=60))


@PROPERTY
@given(st.text(alphabet=_YAML_CHARS, max_size=200))
def test_random_yaml_like_text(text: str) -> None:
    outcome(text)


@PROPERTY
@given(front_matter, st.integers(0, 10_000), st.text(alphabet=_YAML_CHARS, min_size=1, max_size=3))
def test_real_fields_with_a_typing_slip(data: dict, position: int, slip: str) -> None:
    """A valid-looking document with a few characters typed at a random place."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    position %= len(text) + 1
    outcome(text[:position] + slip + text[position:])


@pytest.fixture(scope="module")
def article_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reader") / "content" / "articles" / "2021-12-30-bai.md"


@PROPERTY
@given(raw=st.binary(max_size=300) | st.text(alphabet=_YAML_CHARS, max_size=300).map(str.encode),
       fenced=st.booleans())
def test_pelican_reader_on_random_files(article_file: Path, raw: bytes, fenced: bool) -> None:
    """The reader Pelican runs, on any bytes: problems are coded, the page can be written."""
    article_file.parent.mkdir(parents=True, exist_ok=True)
    article_file.write_bytes(b"---\n" + raw + "\n---\nNội dung.\n".encode() if fenced else raw)
    reader = ReportReader({**SETTINGS, "PATH": str(article_file.parents[1])})
    content, metadata = reader.read(str(article_file))
    assert isinstance(content, str)
    assert metadata["title"] and metadata["date"]
    assert_coded(metadata["problems"], raw.count(b"\n") + 4)
