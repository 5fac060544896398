"""Where the build takes a faster road, it arrives at the same place: the same dates, the same
SVG as ElementTree, the same words for search as an HTML parser, the same data file, the same
templates compiled or from the cache."""

from __future__ import annotations

import datetime
import re
import textwrap
import traceback
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from conftest import CONTENT, ROOT, BuiltSite, examples
from emulation_blocs.commands.check import _listing, read_archive
from emulation_blocs.domain.aggregate import Archive
from emulation_blocs.domain.model import Authority, AwardType
from emulation_blocs.incremental.templatecache import keep_compiled_templates
from emulation_blocs.pages import links, structured_data, tables
from emulation_blocs.pages.charts import (
    WRAP_AT,
    YearCount,
    _awards_chart,
    _awards_elements,
    _escape_attribute,
    _escape_text,
    _n,
    _tag,
    _wrap,
    leader_timeline,
)
from emulation_blocs.pages.context import PageContext
from emulation_blocs.pages.escaping import escaped
from emulation_blocs.pages.formatting import label
from emulation_blocs.pages.search import fold_d, words_with_d
from emulation_blocs.pelican_compat import source_paths, writer
from emulation_blocs.source.validation import parse_date, parse_date_or_datetime
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape
from pelican.contents import Content
from pelican.settings import read_settings

DATE_TEXT = st.text(alphabet="0123456789-: T+Z٣", max_size=22) | st.builds(
    lambda day, minutes: day.isoformat() + minutes, st.dates(), st.sampled_from(["", " 14:30", " 24:00", "T14:30",
                                                                               " 14:30:05", " 1:30"]))


def _strptime(text: str, patterns: tuple[str, ...]) -> datetime.datetime | None:
    for pattern in patterns:
        try:
            return datetime.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


@settings(max_examples=examples(500), deadline=None)
@given(DATE_TEXT)
def test_dates_read_as_strptime_reads_them(text: str) -> None:
    day = _strptime(text, ("%Y-%m-%d",))
    assert parse_date(text) == (day.date() if day else None)
    assert parse_date_or_datetime(text) == _strptime(text, ("%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S",
                                                            "%Y-%m-%dT%H:%M"))


NAMES = st.sampled_from(["svg", "g", "text", "rect", "title", "line"])
TEXTS = st.text(alphabet="aĐđ &<>\"'\r\n\t0", max_size=8)


@st.composite
def elements(draw: st.DrawFn, depth: int = 0) -> ET.Element:
    element = ET.Element(draw(NAMES), {f"a{index}": draw(TEXTS) for index in range(draw(st.integers(0, 3)))})
    element.text = draw(st.none() | TEXTS)
    if depth < 3:
        for _ in range(draw(st.integers(0, 3))):
            element.append(draw(elements(depth + 1)))
    return element


@settings(max_examples=examples(300), deadline=None)
@given(elements())
def test_charts_are_written_as_element_tree_writes_them(element: ET.Element) -> None:
    assert _written(element) == ET.tostring(element, encoding="unicode", short_empty_elements=True)


def _written(element: ET.Element) -> str:
    """The tree written as the charts write theirs, element by element."""
    content = _escape_text(element.text or "") + "".join(_written(child) for child in element)
    return _tag(element.tag, dict(element.items()), content)


@settings(max_examples=examples(300), deadline=None)
@given(counts=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=12)
       .filter(lambda counts: any(conferred + proposed for conferred, proposed in counts)),  # as count_by_year
       chart_id=st.sampled_from(["khen-thuong-hoi-a", 'khen "&<id>']))
def test_awards_chart_is_written_as_its_tree(counts: list[tuple[int, int]], chart_id: str) -> None:
    """The awards chart is written as text directly: the same text as its tree written by
    :func:`_tag` (that is, as ElementTree writes it). Its elements, kept for the charts with the
    same counts, carry each chart's own id."""
    years = [YearCount(2000 + number, conferred, proposed) for number, (conferred, proposed) in enumerate(counts)]
    _awards_elements.cache_clear()
    chart = _awards_chart(chart_id, "Khen thưởng <của> Hội A", years)
    assert chart is not None
    text = str(chart.svg).replace(' xmlns="http://www.w3.org/2000/svg"', "", 1)
    tree = ET.fromstring(text)
    assert _written(tree) == text
    other = _awards_chart("khen-thuong-hoi-b", "Khen thưởng <của> Hội A", years)  # from the kept elements
    assert other is not None and _awards_elements.cache_info().hits == 1
    assert str(other.svg) == str(chart.svg).replace(_escape_attribute(chart_id), "khen-thuong-hoi-b")


class _Organisation(SimpleNamespace):
    __hash__ = object.__hash__  # a key of the chart's colours, by identity as the model's


LEADERS = st.none() | st.builds(SimpleNamespace, value=st.builds(_Organisation, name=st.text(
    alphabet="aĐ &<>\"' -", max_size=45)))


@settings(max_examples=examples(200), deadline=None)
@given(years=st.dictionaries(st.integers(2015, 2026), st.tuples(LEADERS, st.lists(LEADERS.filter(bool), max_size=2)),
                             min_size=1, max_size=4),
       labels=st.sampled_from([("Khối trưởng", "Khối phó"), ("Cụm <trưởng>", "Cụm & phó")]))
def test_leader_timeline_is_written_as_its_tree(years: dict, labels: tuple[str, str]) -> None:
    """The leader timeline is written as text directly: the same text as its tree written by
    :func:`_tag`, names with markup and long names wrapped on several lines."""
    entries = {year: SimpleNamespace(leader=leader, deputies=deputies, deputy=deputies[0] if deputies else None)
               for year, (leader, deputies) in sorted(years.items())}
    bloc = SimpleNamespace(slug="a-b", name="Khối <A>", leader_label=labels[0], deputy_label=labels[1])
    chart = leader_timeline(SimpleNamespace(bloc=bloc, years=entries))
    if chart is None:
        assert not any(entry.leader or entry.deputy for entry in entries.values())
        return
    text = str(chart.svg).replace(' xmlns="http://www.w3.org/2000/svg"', "", 1)
    assert _written(ET.fromstring(text)) == text


@settings(max_examples=examples(500), deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers(-1000, 1000)
       | st.integers(-3000, 3000).map(lambda tenths: tenths / 10) | st.sampled_from([0.05, -0.05, 0.04, 9.95]))
def test_coordinates_are_written_as_they_were(value: float) -> None:
    assert _n(value) == f"{value:.1f}".rstrip("0").rstrip(".")


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet=st.sampled_from("ab c-\t\u00a0Đ"), max_size=80) | st.text(max_size=60))
def test_names_wrap_as_textwrap_wraps_them(text: str) -> None:
    assert _wrap(text) == textwrap.wrap(text, WRAP_AT)


@settings(max_examples=examples(500), deadline=None)
@given(st.text() | st.integers() | st.none() | st.text().map(Markup) | st.text(alphabet="&<>'\"aĐ "))
def test_pieces_escape_as_markupsafe_escapes(value: object) -> None:
    assert escaped(value) == str(escape(value))
    assert type(escaped(value)) is str


@settings(max_examples=examples(500), deadline=None)
@given(st.none() | st.text(alphabet="a Đ<>&;!-/b#x\t\n\u00a0\u2028", max_size=16) | st.text(max_size=16).map(Markup))
def test_texts_of_structured_data_are_what_striptags_gives(html: str | None) -> None:
    """The Open Graph and JSON-LD texts: without a tag or an entity, the words are joined
    without asking ``striptags``; it gives the same."""
    assert structured_data._text(html) == Markup(html or "").striptags()


VALUES = st.none() | st.sampled_from(["", 0, 0.0, False, True, (), set(), Markup(""), "a", [1], {"a": 1}, [], {}])


@settings(max_examples=examples(300), deadline=None)
@given(st.dictionaries(st.text(max_size=2), VALUES))
def test_structured_data_leaves_out_what_it_always_left_out(data: dict) -> None:
    assert structured_data._without_empty(data) == {key: value for key, value in data.items()
                                                    if value not in (None, "", [], {})}


def _former_conference(base: str | None, report: SimpleNamespace) -> dict:
    """The Event of a conference as it was made, every dict through ``_without_empty``."""
    held, data = report.conference, structured_data
    return data._without_empty({
        "@type": "Event",
        "name": f"{', '.join(held.kind_labels)} — {report.bloc.name}",
        "startDate": held.date.iso or None,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": data._without_empty({"@type": "Place", "name": held.place, "address": data._area(report.province)}),
        "organizer": data._reference(base, report.bloc),
        "subjectOf": data._without_empty({"@type": "NewsArticle", "headline": str(report.title)[:110],
                                          "datePublished": data._iso_date(report.published),
                                          "url": data._at(base, report.url)}),
    })


SOME_TEXT = st.sampled_from(["", "Hội <A>", "x" * 120])
CONFERENCES = st.builds(
    SimpleNamespace, title=SOME_TEXT, url=st.sampled_from(["", "tin/a.html"]),
    published=st.none() | st.dates(), province=st.builds(SimpleNamespace, title=SOME_TEXT),
    bloc=st.builds(SimpleNamespace, name=SOME_TEXT, url=st.sampled_from(["", "khoi/a.html"])),
    conference=st.builds(SimpleNamespace, kind_labels=st.lists(SOME_TEXT, max_size=2), place=st.none() | SOME_TEXT,
                         date=st.builds(SimpleNamespace, iso=st.sampled_from(["", "2024-05", "2024-05-06"]))))


@settings(max_examples=examples(300), deadline=None)
@given(report=CONFERENCES, base=st.sampled_from([None, "https://thidua.example.vn/"]))
def test_conferences_are_the_events_they_were(report: SimpleNamespace, base: str | None) -> None:
    organizer = structured_data._reference(base, report.bloc)
    assert structured_data._conference(base, report, organizer) == _former_conference(base, report)


def _stops() -> str:
    raise StopIteration


class _Callable:
    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context, word: str) -> str:
        return f"{word} {context['page']}"


CALLS = """{% macro m(x) %}[{{ x }}]{% endmacro %}{% block b %}{% set inner = "khối" %}\
{{ plain(1, "<a>", key="&") }} {{ marked("x") }} {{ environ() }} {{ obj("y") }} {{ method(", ") }} {{ stops() }} \
{{ m("<m>") }} {{ evaluated() }}{% for item in items %} {{ plain(item, inner, key=loop.index) }} \
{{ marked(item) }}{% endfor %}{% endblock %}"""


def test_the_page_context_calls_as_jinjas_calls() -> None:
    """Plain functions called at once; functions that want the context, the evaluation context
    or the environment, callable objects, methods and macros as Jinja calls them, in a block
    and in a loop, a StopIteration turned into an undefined value."""
    values = {
        "plain": lambda number, text, key: f"{number}{text}{key}",
        "marked": jinja2.pass_context(lambda context, word: f"{word}/{context['page']}/{context.get('inner')}"),
        "environ": jinja2.pass_environment(lambda environment: str(environment.autoescape)),
        "evaluated": jinja2.pass_eval_context(lambda eval_context: str(eval_context.autoescape)),
        "obj": _Callable(), "method": ", ".join, "stops": _stops, "items": ["<b>", "c"], "page": "trang",
    }
    rendered = []
    for context_class in (jinja2.runtime.Context, PageContext):
        environment = jinja2.Environment(autoescape=True)
        environment.context_class = context_class
        rendered.append(environment.from_string(CALLS).render(values))
    assert rendered[0] == rendered[1]
    assert "1&lt;a&gt;&amp;" in rendered[1] and "x/trang/" in rendered[1] and "y trang" in rendered[1]


def test_pages_render_as_jinja_renders_them() -> None:
    """The writer's render: the environment's and the template's globals, the page's values
    winning over both, and an error raised with the template's line, as ``Template.render``."""
    environment = jinja2.Environment(autoescape=True)
    environment.globals.update(site="Thi đua", shown="toàn cục", loud=str.upper)
    template = environment.from_string("{{ loud(site) }} {{ shown }} {{ own }} {{ page }}", {"own": "<riêng>"})
    for values in ({"page": 1}, {"page": 2, "shown": "<của trang>"}, {"own": "trang", "site": "khác"}):
        assert writer.render(template, dict(values)) == template.render(values)
    failing = environment.from_string("dòng 1\n{{ 1 // zero }}")
    with pytest.raises(ZeroDivisionError) as raised:
        writer.render(failing, {"zero": 0})
    assert ("<template>", 2) in [(frame.filename, frame.lineno) for frame in traceback.extract_tb(raised.tb)]


class _Text(HTMLParser):
    """The reference: an HTML parser's text, without scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.skipping += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _parsed_words(page: str) -> list[str]:
    parser = _Text()
    parser.feed(page)
    return sorted({fold_d(word.lower()) for word in re.findall(r"\w*[đĐ]\w*", " ".join(parser.parts))})


def test_search_words_are_those_an_html_parser_finds(site: BuiltSite) -> None:
    pages = sorted(site.output.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert words_with_d(page) == _parsed_words(page), path
    tricky = '<p>Đoàn<!-- đa --> <b>đ</b>ội &#273;i<script>đ()</script><a title="đề">x</a></p>'
    assert words_with_d(tricky) == _parsed_words(tricky) == ["d", "di", "doàn"]


def _archive_of(site: BuiltSite) -> Archive:
    """The sample content's archive, aggregated as the build does."""
    archive, _problems = read_archive(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(CONTENT)}))
    assert archive.blocs
    return archive


@pytest.mark.parametrize("first", [True, False])
def test_compiled_templates_are_kept_apart_by_their_options(tmp_path: Path, first: bool) -> None:
    """The site's environment and the plugin's compile the same template with and without
    autoescaping: each must get its own compiled code back from the cache, in either order."""
    settings = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path)}

    def render(autoescape: bool) -> str:
        environment = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "<p>{{ title }}</p>"}),
                                         autoescape=autoescape)
        keep_compiled_templates(environment, settings)
        return environment.get_template("page.html").render(title="Hội <b>Nông dân</b>")

    expected = {True: "<p>Hội &lt;b&gt;Nông dân&lt;/b&gt;</p>", False: "<p>Hội <b>Nông dân</b></p>"}
    for autoescape in (first, not first, first, not first):  # the last two from the cache
        assert render(autoescape) == expected[autoescape]
    assert len(list((tmp_path / "templates").iterdir())) == 2


def test_check_lists_the_files_path_rglob_lists_in_the_same_order(tmp_path: Path) -> None:
    """check's own walk of the article folders: every Markdown file in the order of its path (a
    folder's files among its sub-folders by name), ignored names left out, a linked file listed,
    a linked folder inside the content folder entered (as a build enters it)."""
    articles = tmp_path / "content" / "articles"
    for relative in ("b/x.md", "a-b/y.md", "a/z.md", "a/b/w.md", "a.md", "a/.#z.md", "a/notes.txt", "B/v.mdown"):
        (articles / relative).parent.mkdir(parents=True, exist_ok=True)
        (articles / relative).write_text("x", encoding="utf-8")
    (articles / "linked.md").symlink_to(articles / "a" / "z.md")
    (articles / "linked-folder").symlink_to(articles / "b", target_is_directory=True)
    settings = {"ARTICLE_PATHS": ["articles"], "IGNORE_FILES": [".#*"]}
    root = tmp_path / "content"
    expected = [path.relative_to(root).as_posix() for path in sorted(articles.rglob("*"))
                if path.suffix in {".md", ".mdown"} and path.is_file() and not path.name.startswith(".#")]
    expected.insert(expected.index("articles/linked.md"), "articles/linked-folder/x.md")
    assert _listing(settings, root, "ARTICLE").files == expected
    assert len(expected) == 8 and "articles/linked.md" in expected
    assert _listing({**settings, "ARTICLE_PATHS": ["articles", "missing"]}, root, "ARTICLE").files == expected


SEGMENTS = st.lists(st.sampled_from(["a", "b", "..", ".", "bài viết", "x.md", ""]), max_size=5).map("/".join)


@settings(max_examples=examples(300), deadline=None)
@given(root=st.tuples(st.booleans(), SEGMENTS), path=st.tuples(st.booleans(), SEGMENTS) | st.none())
def test_source_paths_are_pelicans(root: tuple[bool, str], path: tuple[bool, str] | None) -> None:
    """The remembered relative source path is Pelican's own, absolute paths or not, asked once
    or again (the second answer from the memo)."""
    source_paths.apply()
    method = Content.get_relative_source_path
    pelicans = method.__wrapped__

    def absolute(value: tuple[bool, str]) -> str:
        return ("/srv/" if value[0] else "") + value[1]

    content = SimpleNamespace(settings={"PATH": absolute(root)}, source_path="/srv/content/a.md")
    given_path = absolute(path) if path is not None else None
    for _ in range(2):
        assert method(content, given_path) == pelicans(content, given_path)


# The award rows and membership cells as the templates wrote them before tables.py.
TEMPLATE_ROWS = """\
{% macro award_name(award, province) -%}
{% if award.type %}{{ award.type.name_in(province) }}{% else %}\
<span class="unknown">Không rõ hình thức</span>{% endif %}
{%- endmacro %}
{% macro authority_name(award, province) -%}
{% if award.authority %}{{ award.authority.name_in(province) }}{% else %}\
<span class="unknown">Không rõ cấp khen</span>{% endif %}
{%- endmacro %}
{% macro recipients_text(record, SITEURL) -%}
{% set award = record.award %}{% set unit = "cá nhân" if award.recipient_kind == "ca-nhan" else "đơn vị" %}
{% if award.recipient_kind == "ca-nhan" %}<small>Cá nhân:</small> {% endif %}
{%- if award.people %}{{ award.people|join("; ") }}{% if record.recipients %} — {% endif %}{% endif %}
{%- if record.recipients %}{% for organisation in record.recipients %}{{ org(organisation, SITEURL) }}\
{% if not loop.last %}; {% endif %}{% endfor %}\
{% if award.remaining_members %} <small>(các đơn vị còn lại)</small>{% endif %}
{%- elif award.people %}
{%- elif award.count is not none %}{{ award.count }} {{ unit }} <span class="unknown">(báo không nêu tên)</span>
{%- else %}<span class="unknown">Báo không nêu tên, không nêu số {{ unit }} nhận</span>{% endif %}
{%- endmacro %}
{% set AWARD_COLUMNS = ["Hình thức", "Cấp khen thưởng", "Tình trạng", "Đơn vị", "Báo viết"] %}
{% macro award_rows(records, SITEURL, show_year=false) -%}
{% for record in records %}
<tr>
  {% if show_year %}<td data-label="Năm thành tích">{{ record.award.year }}</td>{% endif %}
  <td data-label="{{ AWARD_COLUMNS[0] }}">{{ award_name(record.award, record.source.province) }}</td>
  <td data-label="{{ AWARD_COLUMNS[1] }}">{{ authority_name(record.award, record.source.province) }}</td>
  <td data-label="{{ AWARD_COLUMNS[2] }}">{{ record.award.status|label }}</td>
  <td data-label="{{ AWARD_COLUMNS[3] }}" class="cell-recipients">{{ recipients_text(record, SITEURL) }}</td>
  <td data-label="{{ AWARD_COLUMNS[4] }}" class="cell-source"><q>{{ record.award.as_written }}</q>\
{% if record.award.decision %} — QĐ số {{ record.award.decision }}{% endif %} \
{{ sources([record.source], SITEURL) }}</td>
</tr>
{% endfor %}
{%- endmacro %}
{% macro cells(row) %}{% for cell in row %}<td class="cell-{{ cell }}">{% if cell == "member" %}✓\
<span class="visually-hidden"> thành viên</span>{% elif cell == "named" %}•\
<span class="visually-hidden"> được nêu tên</span>\
{% elif cell == "absent" %}–<span class="visually-hidden"> không là thành viên</span>{% endif %}</td>{% endfor %}\
{% endmacro %}
"""
FRONT_MATTER_TEXT = st.text(alphabet="aĐ <>&\"'/;", max_size=6)
NAMED = st.builds(SimpleNamespace, name=FRONT_MATTER_TEXT, url=st.sampled_from(["", "to-chuc/a/b.html"]))
AWARDS = st.builds(
    SimpleNamespace, year=st.integers(2000, 2030), status=st.sampled_from(["de-nghi", "da-tang", "<x>"]),
    as_written=FRONT_MATTER_TEXT, decision=FRONT_MATTER_TEXT, people=st.lists(FRONT_MATTER_TEXT, max_size=2),
    count=st.none() | st.integers(0, 9), recipient_kind=st.sampled_from(["tap-the", "ca-nhan"]),
    remaining_members=st.booleans(),
    type=st.none() | st.builds(AwardType, code=st.just("c"), name=FRONT_MATTER_TEXT, level=st.just("province"),
                               aliases=st.just(()), city_name=FRONT_MATTER_TEXT),
    authority=st.none() | st.builds(Authority, code=st.just("u"), name=FRONT_MATTER_TEXT, level=st.just("province"),
                                    aliases=st.just(()), city_name=FRONT_MATTER_TEXT))
RECORDS = st.builds(SimpleNamespace, award=AWARDS, recipients=st.lists(NAMED, max_size=3),
                    source=st.builds(SimpleNamespace, title=FRONT_MATTER_TEXT, url=st.just("bai/x.html"),
                                     province=st.builds(SimpleNamespace,
                                                        kind=st.sampled_from(["tinh", "thanh-pho"]))))


@settings(max_examples=examples(300), deadline=None)
@given(records=st.lists(RECORDS, max_size=3), show_year=st.booleans(),
       cells=st.lists(st.sampled_from(["member", "named", "absent", "unknown"]), max_size=6))
def test_table_rows_are_what_the_macros_wrote(records: list, show_year: bool, cells: list[str]) -> None:
    """The award rows and membership cells written in Python are the macros' bytes, every
    front-matter text escaped the same way."""
    environment = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, autoescape=True)
    environment.globals.update(org=links.org, sources=links.sources)
    environment.filters["label"] = label
    macros = environment.from_string(TEMPLATE_ROWS).module
    assert tables.award_rows(records, "../..", show_year) == macros.award_rows(records, "../..", show_year)
    assert tables.member_cells(cells) == macros.cells(cells)
