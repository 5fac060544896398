"""The pieces of the pages written in Python (pages/pieces.py, province_pieces.py,
organisation_lists.py, bloc_year_lists.py, year_lists.py) give the bytes the templates' macros and loops gave,
every registry and front-matter text escaped the same way: the macros and loops as they were
are kept here and rendered beside the Python on random values with markup in every text."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import jinja2
from conftest import examples
from emulation_blocs.pages import (
    bloc_lists,
    bloc_year_lists,
    links,
    organisation_lists,
    pieces,
    province_pieces,
    report_facts,
    tables,
    year_lists,
)
from emulation_blocs.pages.formatting import FILTERS
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

TEMPLATE = """\
{% macro source_list(reports, SITEURL) -%}
<span class="sources">{% for report in reports %}<a href="{{ SITEURL }}/{{ report.url }}" title="{{ report.title }}">\
[nguồn{% if reports|length > 1 %} {{ loop.index }}{% endif %}]</a>{% if not loop.last %} {% endif %}{% endfor %}</span>
{%- endmacro %}
{% macro organisation_link(organisation, SITEURL) -%}
{% if organisation.url %}<a href="{{ SITEURL }}/{{ organisation.url }}">{{ organisation.name }}</a>\
{% else %}{{ organisation.name }}{% endif %}
{%- endmacro %}
{% macro report_date(report) -%}
{% if report.date_known %}{{ report.date|vi_date }}{% else %}<span class="unknown">không rõ ngày đăng</span>{% endif %}
{%- endmacro %}
{% macro meeting_date(date) -%}
{% if date.iso %}<time datetime="{{ date.iso }}">{{ date.label }}</time>{% elif date.day %}{{ date.label }}\
{% else %}<span class="unknown">{{ date.label }}</span>{% endif %}
{%- endmacro %}
{% macro handover_text(handover, bloc, SITEURL) -%}
{% if handover.giver %}{{ org(handover.giver, SITEURL) }} bàn giao vai trò {{ handover.role|role_label(bloc) }} \
năm {{ handover.year }} cho {{ org(handover.receiver, SITEURL) }}{% else %}{{ org(handover.receiver, SITEURL) }} \
nhận bàn giao vai trò {{ handover.role|role_label(bloc) }} năm {{ handover.year }} \
<span class="unknown">(bài không nêu đơn vị bàn giao)</span>{% endif %}\
{% if handover.items %}; bàn giao: {{ handover.items|join(", ") }}{% endif %}
{%- endmacro %}
{% macro role_holders(bloc_year, role, SITEURL, with_detail=false) -%}
{% set facts = [bloc_year.leader] if role == "truong-khoi" and bloc_year.leader else \
(bloc_year.deputies if role == "pho-khoi" else []) %}
{% for fact in facts %}{{ org(fact.value, SITEURL) }}{% if with_detail %} <small>({{ fact.detail|label }}\
{% if fact.decision %}, quyết định số {{ fact.decision }}{% endif %})</small>{% endif %} \
{{ sources(fact.sources, SITEURL) }}{% if not loop.last %}; {% endif %}{% else %}\
{% if bloc_year.unnamed_roles[role] %}<span class="unknown">Đã chọn nhưng bài không nêu tên</span> \
{{ sources(bloc_year.unnamed_roles[role], SITEURL) }}{% else %}<span class="unknown">Các bài chưa nêu</span>\
{% endif %}{% endfor %}
{%- endmacro %}
{% macro movement_text(movement, bloc, SITEURL) -%}
{{ movement.kind_label }} «{{ movement.name }}»{% if movement.organisation %} — \
{{ org(movement.organisation, SITEURL) }}{% elif movement.scope == "khoi" %} — của {{ bloc.word }}\
{% elif movement.scope == "tinh" %} — chung của {{ bloc.province.title }}{% else %} — toàn quốc{% endif %}
{%- endmacro %}
{% macro breadcrumbs(items, SITEURL) -%}
<nav class="breadcrumbs" aria-label="Vị trí trang">
  <ol>
    <li><a href="{{ SITEURL }}/">Trang chủ</a></li>
    {% for name, url in items %}
    <li>{% if url %}<a href="{{ SITEURL }}/{{ url }}">{{ name }}</a>{% else %}\
<span aria-current="page">{{ name }}</span>{% endif %}</li>
    {% endfor %}
  </ol>
</nav>
{%- endmacro %}
{% macro chart_figure(chart) -%}
{% if chart %}
<figure class="chart-figure">
  {{ chart.svg }}
  <figcaption id="{{ chart.id }}-text">{{ chart.summary }}</figcaption>
</figure>
{% endif %}
{%- endmacro %}
{% macro province_change(province, SITEURL) -%}
{% if province.successor %}
<p class="notice province-change">{{ province.heading }} tồn tại đến hết ngày \
<time datetime="{{ province.until|iso_date }}">{{ province.until|vi_date }}</time>. Từ ngày \
<time datetime="{{ province|transition_date|iso_date }}">{{ province|transition_date|vi_date }}</time>\
{% if province.merged_by %} ({{ province.merged_by }}){% endif %}, địa bàn thuộc \
<a href="{{ SITEURL }}/{{ province.successor.url }}">{{ province.successor.title }}</a>. \
Các trang và bài viết giữ nguyên tên {{ province.title }} như khi đăng.</p>
{% endif %}
{% if province.predecessors %}
<p class="notice province-change">{{ province.heading }} nay gồm cả địa bàn của: \
{% for former in province.predecessors %}<a href="{{ SITEURL }}/{{ former.url }}">{{ former.title }}</a> \
(từ ngày <time datetime="{{ former|transition_date|iso_date }}">{{ former|transition_date|vi_date }}</time>\
{% if former.merged_by %}, {{ former.merged_by }}{% endif %}){% if not loop.last %}; {% endif %}{% endfor %}.</p>
{% endif %}
{%- endmacro %}
{% macro province_name(province, SITEURL, url=none) -%}
<a href="{{ SITEURL }}/{{ url or province.url }}">{{ province.name }}</a>{% if province.successor %} \
<small class="province-change">(đến {{ province.until|vi_date }}; từ {{ province|transition_date|vi_date }} \
thuộc <a href="{{ SITEURL }}/{{ province.successor.url }}">{{ province.successor.title }}</a>)</small>{% endif %}
{%- endmacro %}
{% macro data_links(files, SITEURL) -%}
{% if files %}<p class="data-links">Dữ liệu mở: {% for file in files %}<a href="{{ SITEURL }}/{{ file.url }}" \
type="{{ file.media_type }}">{{ file.title }}</a>{% if not loop.last %} · {% endif %}{% endfor %}</p>{% endif %}
{%- endmacro %}
{% macro feed_link(entry, name, FEED_DOMAIN) -%}
{% if entry.feed_url %}<p class="feed"><a href="{{ FEED_DOMAIN }}/{{ entry.feed_url }}" \
type="application/atom+xml">Theo dõi tin mới của {{ name }} (Atom)</a></p>{% endif %}
{%- endmacro %}
{% macro feed_alternate(entry, name, FEED_DOMAIN) -%}
{% if entry.feed_url %}<link rel="alternate" type="application/atom+xml" title="{{ name }}" \
href="{{ FEED_DOMAIN }}/{{ entry.feed_url }}">{% endif %}
{%- endmacro %}
{% macro organisation_lists(record, SITEURL) -%}
{% set organisation = record.organisation %}
{% if record.bloc_years %}
  <tbody>
  {% for bloc_year in record.bloc_years %}
    <tr><td><a href="{{ SITEURL }}/{{ bloc_year.url }}">{{ bloc_year.year }}</a></td><td>\
<a href="{{ SITEURL }}/{{ bloc_year.bloc.url }}">{{ bloc_year.bloc.name }}</a></td>\
<td>{{ sources(bloc_year.members[organisation], SITEURL) }}</td></tr>
  {% endfor %}
  </tbody>
{% endif %}
{% if record.roles %}
<ul>
{% for bloc_year, role, fact in record.roles %}
  <li>{{ role|role_label(bloc_year.bloc) }} năm <a href="{{ SITEURL }}/{{ bloc_year.url }}">{{ bloc_year.year }}</a>, \
{{ bloc_year.bloc.name }}{% if fact.decision %} (quyết định số {{ fact.decision }}){% endif %} \
{{ sources(fact.sources, SITEURL) }}</li>
{% endfor %}
</ul>
{% endif %}
{% if record.handovers %}
<ul class="handovers">
{% for bloc_year, fact in record.handovers %}
  <li>{{ handover_text(fact.value, bloc_year.bloc, SITEURL) }} — {{ bloc_year.bloc.name }} \
{{ sources(fact.sources, SITEURL) }}</li>
{% endfor %}
</ul>
{% endif %}
{% if record.ranks %}
<ul class="ranking">
{% for bloc_year, fact in record.ranks %}
  <li>{{ fact.value.label }} năm <a href="{{ SITEURL }}/{{ bloc_year.url }}">{{ bloc_year.year }}</a>, \
{{ bloc_year.bloc.name }} {{ sources(fact.sources, SITEURL) }}</li>
{% endfor %}
</ul>
{% endif %}
{% if record.movements %}
<ul>
{% for bloc_year, fact in record.movements %}
  <li>{{ fact.value.kind_label }} «{{ fact.value.name }}» ({{ bloc_year.year }}) \
{{ sources(fact.sources, SITEURL) }}</li>
{% endfor %}
</ul>
{% endif %}
{%- endmacro %}
{% macro bloc_year_lists(bloc_year, bloc, SITEURL) -%}
{% if bloc_year.handovers %}
<ul class="handovers">
{% for fact in bloc_year.handovers %}
  <li>{{ handover_text(fact.value, bloc, SITEURL) }} {{ sources(fact.sources, SITEURL) }}</li>
{% endfor %}
</ul>
{% endif %}
{% if bloc_year.ranking %}
<ul class="ranking">
{% for fact in bloc_year.ranking|sort(attribute="value.rank") %}
  <li>{{ fact.value.label }}: {{ org(fact.value.organisation, SITEURL) }} {{ sources(fact.sources, SITEURL) }}</li>
{% endfor %}
</ul>
{% endif %}
{% if bloc_year.members %}
<ul class="members">
{% for organisation, reports in bloc_year.members.items() %}
  <li>{{ org(organisation, SITEURL) }} {{ sources(reports, SITEURL) }}</li>
{% endfor %}
</ul>
{% endif %}
{% if bloc_year.movements %}
<ul>
{% for fact in bloc_year.movements %}
  <li>{{ movement_text(fact.value, bloc, SITEURL) }} {{ sources(fact.sources, SITEURL) }}</li>
{% endfor %}
</ul>
{% endif %}
<ul>
{% for report in bloc_year.reports %}
  <li><a href="{{ SITEURL }}/{{ report.url }}">{{ report.title }}</a> <small>{{ report_date(report) }} · \
{{ report.conference.kind_labels|join(", ") }} · họp {{ meeting_date(report.conference.date) }}</small></li>
{% endfor %}
</ul>
{%- endmacro %}
{% macro report_box(report, SITEURL) -%}
    <dl>
      <dt>{{ report.bloc.word|capitalize }}</dt><dd><a href="{{ SITEURL }}/{{ report.bloc.url }}">\
{{ report.bloc.name }}</a></dd>
      <dt>{{ report.province.word|capitalize }}</dt><dd>{{ province_name(report.province, SITEURL) }}</dd>
      <dt>Hội nghị</dt><dd>{{ report.conference.kind_labels|join(", ") }}</dd>
      <dt>Ngày họp</dt><dd>{{ meeting_date(report.conference.date) }}\
{% if report.conference.place %}, {{ report.conference.place }}{% endif %}</dd>
      {% if report.conference.reviews %}<dt>Năm được tổng kết</dt><dd>{{ report.conference.year_reviewed }} \
({{ report.conference.period|label }})</dd>
      {% else %}<dt>Hội nghị cho năm</dt><dd>{{ report.conference.year }} \
<small>(không tổng kết năm nào)</small></dd>{% endif %}
      {% for leadership in report.leaderships|distinct_roles %}
      <dt>{{ leadership.role|role_label(report.bloc) }} năm {{ leadership.year }}</dt><dd>\
{% if leadership.organisation %}{{ org(leadership.organisation, SITEURL) }}{% else %}\
<span class="unknown">bài không nêu tên</span>{% endif %} <small>({{ leadership.chosen|label }}\
{% if leadership.decision %}, quyết định số {{ leadership.decision }}{% endif %})</small></dd>
      {% endfor %}
      {% for handover in report.handovers %}
      <dt>Bàn giao</dt><dd>{{ handover_text(handover, report.bloc, SITEURL) }}</dd>
      {% endfor %}
      {% if report.pact_year %}<dt>Giao ước thi đua</dt><dd>Ký kết giao ước năm {{ report.pact_year }}</dd>{% endif %}
    </dl>
{%- endmacro %}
{% macro bloc_lists(record, SITEURL) -%}
{% set bloc = record.bloc %}
<nav aria-label="Các năm"><p>Từng năm: {% for year, bloc_year in record.years.items() %}\
<a href="{{ SITEURL }}/{{ bloc_year.url }}">{{ year }}</a>{% if not loop.last %} · {% endif %}{% endfor %}</p></nav>
  <tbody>
  {% for year, bloc_year in record.years.items() if bloc_year.leader or bloc_year.deputies or bloc_year.unnamed_roles %}
    <tr>
      <th scope="row"><a href="{{ SITEURL }}/{{ bloc_year.url }}">{{ year }}</a></th>
      <td>{{ role_holders_html(bloc_year, "truong-khoi", SITEURL) }}</td>
      <td>{{ role_holders_html(bloc_year, "pho-khoi", SITEURL) }}</td>
    </tr>
  {% else %}
    <tr><td colspan="3">Các bài chưa nêu {{ bloc.leader_label }}, {{ bloc.deputy_label }}.</td></tr>
  {% endfor %}
  </tbody>
  <tbody>
  {% for row in record.member_rows %}
    <tr><th scope="row">{{ org(row.organisation, SITEURL) }}</th>{{ member_cells(row.cells) }}</tr>
  {% endfor %}
  </tbody>
{%- endmacro %}
{% macro year_province_parts(entry, SITEURL) -%}
{% for bloc_year in entry.bloc_years %}{% set bloc = bloc_year.bloc %}
<section aria-labelledby="khoi-{{ bloc.id }}">
  <h2 id="khoi-{{ bloc.id }}"><a href="{{ SITEURL }}/{{ bloc_year.url }}">{{ bloc.name }}</a></h2>
  <dl class="roles">
    <dt>{{ bloc_year.bloc.leader_label }}</dt>
    <dd>{{ role_holders_html(bloc_year, "truong-khoi", SITEURL) }}</dd>
    <dt>{{ bloc_year.bloc.deputy_label }}</dt>
    <dd>{{ role_holders_html(bloc_year, "pho-khoi", SITEURL) }}</dd>
    <dt>Thành viên</dt>
    <dd>{% if bloc_year.members_complete %}{{ bloc_year.members|length }} tổ chức (danh sách đầy đủ)\
{% elif bloc_year.members %}{{ bloc_year.members|length }} tổ chức được nêu tên trong bài\
{% else %}<span class="unknown">Các bài chưa nêu</span>{% endif %}{% if bloc_year.stated_count is not none %}\
; bài ghi {{ bloc_year.bloc.word }} có {{ bloc_year.stated_count }} thành viên{% endif %}</dd>
  </dl>
  {% if bloc_year.awards %}
  {{ awards_table_html(bloc_year.awards, "Khen thưởng cho thành tích năm " ~ bloc_year.year, SITEURL) }}
  {% else %}<p>Các bài chưa nêu khen thưởng cho năm này.</p>{% endif %}
</section>
{% endfor %}
<ul>
{% for report in entry.reports %}
  <li><a href="{{ SITEURL }}/{{ report.url }}">{{ report.title }}</a> <small>{{ report_date_html(report) }}</small></li>
{% endfor %}
</ul>
{%- endmacro %}
"""
# What the templates now write for the same lists.
CALLS = """\
{% macro year_province_parts(entry, SITEURL) -%}
{% for bloc_year in entry.bloc_years %}{{ year_bloc_section(bloc_year, SITEURL) }}{% endfor %}
<ul>
{{ year_report_items(entry.reports, SITEURL) }}</ul>
{%- endmacro %}
{% macro bloc_lists(record, SITEURL) -%}
<nav aria-label="Các năm"><p>Từng năm: {{ bloc_year_links(record, SITEURL) }}</p></nav>
  <tbody>
{{ bloc_leader_rows(record, SITEURL) }}  </tbody>
  <tbody>
{{ bloc_member_rows(record, SITEURL) }}  </tbody>
{%- endmacro %}
{% macro report_box(report, SITEURL) -%}
    {{ report_facts(report, SITEURL) }}
{%- endmacro %}
{% macro organisation_lists(record, SITEURL) -%}
{% if record.bloc_years %}
  <tbody>
{{ organisation_membership_rows(record, SITEURL) }}
  </tbody>
{% endif %}
{% if record.roles %}
<ul>
{{ organisation_role_items(record, SITEURL) }}
</ul>
{% endif %}
{% if record.handovers %}
<ul class="handovers">
{{ organisation_handover_items(record, SITEURL) }}
</ul>
{% endif %}
{% if record.ranks %}
<ul class="ranking">
{{ organisation_rank_items(record, SITEURL) }}
</ul>
{% endif %}
{% if record.movements %}
<ul>
{{ organisation_movement_items(record, SITEURL) }}
</ul>
{% endif %}
{%- endmacro %}
{% macro bloc_year_lists(bloc_year, bloc, SITEURL) -%}
{% if bloc_year.handovers %}
<ul class="handovers">
{{ handover_items(bloc_year.handovers, bloc, SITEURL) }}
</ul>
{% endif %}
{% if bloc_year.ranking %}
<ul class="ranking">
{{ bloc_year_ranking_items(bloc_year, SITEURL) }}
</ul>
{% endif %}
{% if bloc_year.members %}
<ul class="members">
{{ bloc_year_member_items(bloc_year, SITEURL) }}
</ul>
{% endif %}
{% if bloc_year.movements %}
<ul>
{{ bloc_year_movement_items(bloc_year, SITEURL) }}
</ul>
{% endif %}
<ul>
{% if bloc_year.reports %}{{ report_items(bloc_year.reports, SITEURL, meeting=true) }}
{% endif %}
</ul>
{%- endmacro %}
"""
class _Key(SimpleNamespace):
    """An organisation usable as a dictionary key, as the model's are (by identity)."""

    __hash__ = object.__hash__

    def __eq__(self, other: object) -> bool:
        return self is other


TEXT = st.text(alphabet="aĐ <>&\"'/;", max_size=5)
URL = st.sampled_from(["", "a/b.html", "x&y<z>.html"])
DAY = st.dates(datetime.date(2019, 1, 1), datetime.date(2026, 12, 31))
REPORT = st.builds(
    SimpleNamespace, url=URL, title=TEXT, date_known=st.booleans(),
    date=st.datetimes(datetime.datetime(2019, 1, 1), datetime.datetime(2026, 12, 31)),
    conference=st.builds(SimpleNamespace, kind_labels=st.lists(TEXT, max_size=2),
                         date=st.builds(SimpleNamespace, iso=st.sampled_from(["", "2024-01-02"]),
                                        day=st.none() | st.integers(1, 28), label=TEXT)))
REPORTS = st.lists(REPORT, max_size=2)
ORGANISATION = st.builds(lambda name, url: _Key(name=name, url=url), TEXT, st.sampled_from(["", "to-chuc/a/b.html"]))
FORMER = st.builds(SimpleNamespace, url=URL, title=TEXT, until=DAY, merged_by=TEXT)
PROVINCE = st.builds(SimpleNamespace, title=TEXT, heading=TEXT, name=TEXT, url=URL, until=st.none() | DAY,
                     merged_by=TEXT, successor=st.none() | st.builds(SimpleNamespace, url=URL, title=TEXT),
                     predecessors=st.lists(FORMER, max_size=2))
BLOC = st.builds(SimpleNamespace, kind=st.sampled_from(["khoi", "cum"]), word=TEXT, name=TEXT, url=URL,
                 province=PROVINCE)
ROLE = st.sampled_from(["truong-khoi", "pho-khoi"])


def facts(values: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(SimpleNamespace, value=values, sources=REPORTS, detail=st.sampled_from(["bau", "<x>", ""]),
                     decision=TEXT)


HANDOVER = st.builds(SimpleNamespace, giver=st.none() | ORGANISATION, receiver=ORGANISATION, role=ROLE,
                     year=st.integers(2019, 2026), items=st.lists(TEXT, max_size=2))
MOVEMENT = st.builds(SimpleNamespace, kind_label=TEXT, name=TEXT, organisation=st.none() | ORGANISATION,
                     scope=st.sampled_from(["khoi", "tinh", "toan-quoc"]))
RANK = st.builds(SimpleNamespace, label=TEXT, rank=st.integers(1, 3), organisation=ORGANISATION)


@st.composite
def bloc_years(draw: st.DrawFn) -> SimpleNamespace:
    members = draw(st.lists(ORGANISATION, max_size=3))
    return SimpleNamespace(
        bloc=draw(BLOC), url=draw(URL), year=draw(st.integers(2019, 2026)),
        members={member: draw(REPORTS) for member in members},
        leader=draw(st.none() | facts(ORGANISATION)), deputies=draw(st.lists(facts(ORGANISATION), max_size=2)),
        unnamed_roles=draw(st.dictionaries(ROLE, REPORTS, max_size=2)),
        handovers=draw(st.lists(facts(HANDOVER), max_size=2)), ranking=draw(st.lists(facts(RANK), max_size=2)),
        movements=draw(st.lists(facts(MOVEMENT), max_size=2)), reports=draw(REPORTS))


def _environment(source: str) -> jinja2.Environment:
    environment = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, autoescape=True)
    environment.filters.update(FILTERS)
    environment.globals.update({**links.GLOBALS, **tables.GLOBALS, **pieces.GLOBALS, **province_pieces.GLOBALS,
                                **organisation_lists.GLOBALS, **bloc_year_lists.GLOBALS, **bloc_lists.GLOBALS,
                                **report_facts.GLOBALS, **year_lists.GLOBALS})
    return environment


MACROS = _environment(TEMPLATE).from_string(TEMPLATE).module
CALLED = _environment(CALLS).from_string(CALLS).module
SITEURL = st.sampled_from(["../..", "", "a&b\"<"])


@settings(max_examples=examples(200), deadline=None)
@given(bloc_year=bloc_years(), role=ROLE, detail=st.booleans(), siteurl=SITEURL,
       crumbs=st.lists(st.tuples(TEXT, URL), max_size=3))
def test_the_pieces_are_what_the_macros_wrote(bloc_year: SimpleNamespace, role: str, detail: bool, siteurl: str,
                                             crumbs: list) -> None:
    bloc = bloc_year.bloc
    assert pieces.role_holders(bloc_year, role, siteurl, detail) == MACROS.role_holders(bloc_year, role, siteurl,
                                                                                         detail)
    assert pieces.breadcrumbs(crumbs, siteurl) == MACROS.breadcrumbs(crumbs, siteurl)
    for fact in bloc_year.handovers:
        assert pieces.handover_text(fact.value, bloc, siteurl) == MACROS.handover_text(fact.value, bloc, siteurl)
    for fact in bloc_year.movements:
        assert pieces.movement_text(fact.value, bloc, siteurl) == MACROS.movement_text(fact.value, bloc, siteurl)
    assert CALLED.bloc_year_lists(bloc_year, bloc, siteurl) == MACROS.bloc_year_lists(bloc_year, bloc, siteurl)


@settings(max_examples=examples(200), deadline=None)
@given(province=PROVINCE, siteurl=SITEURL, url=st.none() | URL, entry=st.builds(SimpleNamespace, feed_url=URL),
       name=TEXT, files=st.lists(st.builds(SimpleNamespace, url=URL, media_type=TEXT, title=TEXT), max_size=2),
       chart=st.none() | st.builds(SimpleNamespace, svg=st.builds(Markup, TEXT), id=TEXT, summary=TEXT))
def test_the_province_pieces_are_what_the_macros_wrote(province: SimpleNamespace, siteurl: str, url: str | None,
                                                      entry: SimpleNamespace, name: str, files: list,
                                                      chart: SimpleNamespace | None) -> None:
    assert province_pieces.province_change(province, siteurl) == MACROS.province_change(province, siteurl)
    assert province_pieces.province_name(province, siteurl, url) == MACROS.province_name(province, siteurl, url)
    assert province_pieces.data_links(files, siteurl) == MACROS.data_links(files, siteurl)
    assert province_pieces.feed_link(entry, name, siteurl) == MACROS.feed_link(entry, name, siteurl)
    assert province_pieces.feed_alternate(entry, name, siteurl) == MACROS.feed_alternate(entry, name, siteurl)
    assert pieces.chart_figure(chart) == MACROS.chart_figure(chart)


@st.composite
def organisation_records(draw: st.DrawFn) -> SimpleNamespace:
    organisation = _Key(name=draw(TEXT), url="to-chuc/a/b.html")
    years = draw(st.lists(bloc_years(), min_size=1, max_size=3))
    for bloc_year in years:
        bloc_year.members[organisation] = draw(REPORTS)
    def some(*values: st.SearchStrategy) -> list[tuple]:
        return [(draw(st.sampled_from(years)), *(draw(value) for value in values))
                for _ in range(draw(st.integers(0, 2)))]

    return SimpleNamespace(organisation=organisation, bloc_years=years, roles=some(ROLE, facts(ORGANISATION)),
                           handovers=some(facts(HANDOVER)), ranks=some(facts(RANK)), movements=some(facts(MOVEMENT)))


@settings(max_examples=examples(100), deadline=None)
@given(record=organisation_records(), siteurl=SITEURL)
def test_the_organisation_lists_are_what_the_loops_wrote(record: SimpleNamespace, siteurl: str) -> None:
    assert CALLED.organisation_lists(record, siteurl) == MACROS.organisation_lists(record, siteurl)


@settings(max_examples=examples(200), deadline=None)
@given(reports=st.lists(REPORT, max_size=3), organisation=ORGANISATION, siteurl=SITEURL)
def test_the_links_are_what_the_macros_wrote(reports: list, organisation: SimpleNamespace, siteurl: str) -> None:
    """The links to the sources (none, one unnumbered, several numbered) and to an organisation."""
    assert links.sources(reports, siteurl) == MACROS.source_list(reports, siteurl)
    assert links.org(organisation, siteurl) == MACROS.organisation_link(organisation, siteurl)


MEMBER_ROW = st.builds(SimpleNamespace, organisation=ORGANISATION,
                       cells=st.lists(st.sampled_from(["member", "named", "absent", "unknown", "<x>"]), max_size=4))


@settings(max_examples=examples(100), deadline=None)
@given(years=st.lists(bloc_years(), max_size=3), bloc=BLOC, labels=st.tuples(TEXT, TEXT),
       rows=st.lists(MEMBER_ROW, max_size=3), siteurl=SITEURL)
def test_the_bloc_lists_are_what_the_loops_wrote(years: list[SimpleNamespace], bloc: SimpleNamespace,
                                                 labels: tuple[str, str], rows: list, siteurl: str) -> None:
    """The bloc page's years, role holders and membership rows, with and without any."""
    bloc.leader_label, bloc.deputy_label = labels
    record = SimpleNamespace(bloc=bloc, years={2019 + index: year for index, year in enumerate(years)},
                             member_rows=rows)
    assert CALLED.bloc_lists(record, siteurl) == MACROS.bloc_lists(record, siteurl)


LEADERSHIP = st.builds(SimpleNamespace, year=st.integers(2019, 2026), role=ROLE, organisation=st.none() | ORGANISATION,
                       chosen=st.sampled_from(["bau", "khong-ro", "<x>"]), decision=TEXT)
CONFERENCE = st.builds(SimpleNamespace, kind_labels=st.lists(TEXT, max_size=2), place=TEXT, reviews=st.booleans(),
                       year_reviewed=st.integers(2019, 2026), period=st.sampled_from(["ca-nam", "<x>"]),
                       year=st.integers(2019, 2026),
                       date=st.builds(SimpleNamespace, iso=st.sampled_from(["", "2024-01-02"]),
                                      day=st.none() | st.integers(1, 28), label=TEXT))


@settings(max_examples=examples(200), deadline=None)
@given(report=st.builds(SimpleNamespace, bloc=BLOC, province=PROVINCE, conference=CONFERENCE,
                        leaderships=st.lists(LEADERSHIP, max_size=3), handovers=st.lists(HANDOVER, max_size=2),
                        pact_year=st.none() | st.integers(2019, 2026)),
       siteurl=SITEURL)
def test_the_report_box_is_what_the_template_wrote(report: SimpleNamespace, siteurl: str) -> None:
    report.province.word = report.bloc.word = "thành phố"
    assert CALLED.report_box(report, siteurl) == MACROS.report_box(report, siteurl)


@settings(max_examples=examples(100), deadline=None)
@given(years=st.lists(bloc_years(), max_size=3), reports=REPORTS, siteurl=SITEURL, data=st.data())
def test_the_year_province_parts_are_what_the_template_wrote(years: list[SimpleNamespace], reports: list,
                                                             siteurl: str, data: st.DataObject) -> None:
    """A province's year: each bloc's section (members counted or not, awards or none) and the
    reports. The award table is :func:`pieces.awards_table` in both (its rows are tested above)."""
    for bloc_year in years:
        bloc_year.bloc.id = data.draw(TEXT)
        bloc_year.bloc.leader_label, bloc_year.bloc.deputy_label = data.draw(st.tuples(TEXT, TEXT))
        bloc_year.members_complete = data.draw(st.booleans())
        bloc_year.stated_count = data.draw(st.none() | st.integers(0, 30))
        bloc_year.awards = []
    entry = SimpleNamespace(bloc_years=years, reports=reports)
    assert CALLED.year_province_parts(entry, siteurl) == MACROS.year_province_parts(entry, siteurl)
