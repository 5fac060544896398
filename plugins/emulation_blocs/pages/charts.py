"""Charts drawn at build time as inline SVG: the leader rotation of a bloc and the awards
per year of a bloc or an organisation.

The pages stay readable without scripts or images from elsewhere. Each chart carries its
own text alternative (``summary``), shown under it and tied to it with aria-describedby;
the tables on the same page hold the same facts with their sources. Geometry is computed
here, in a viewBox 320 units wide, so that on a phone one unit is about one CSS pixel.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from markupsafe import Markup

from ..domain.model import AwardRecord, BlocRecord, Organisation, OrganisationRecord

WIDTH = 320
FONT_SIZE = 13
LINE_HEIGHT = 17
# Dark enough for 3:1 against white (WCAG 1.4.11) and told apart by their names, never by
# colour alone.
PALETTE = ("#8a1c1c", "#1f4e8c", "#2f6b2f", "#6b3d8f", "#8a5a00", "#0f6b6b", "#444444")
CONFERRED_COLOUR = "#8a1c1c"
PROPOSED_COLOUR = "#8a5a00"
# Characters per line of an organisation's name beside the timeline (13px system font).
WRAP_AT = 34


@dataclass(frozen=True)
class Chart:
    """An inline SVG and the sentence that says what it shows."""

    id: str
    title: str
    summary: str
    svg: Markup


class YearCount(NamedTuple):
    """A year's awards (a named tuple: a chart makes one for every year it spans)."""

    year: int
    conferred: int
    proposed: int

    @property
    def total(self) -> int:
        return self.conferred + self.proposed


# SVG building: each element is written as text at once, as ElementTree would write it
# (plain tags, attributes in the order given, no namespaces): the charts are small trees made
# once, and building them as objects first cost more than writing them.


def _tag(tag: str, attributes: dict[str, str], content: str = "") -> str:
    """One element; ``content`` is its escaped text and children, already written."""
    if _ATTRIBUTE_SPECIAL.search("".join(attributes.values())):
        written = "".join([f' {name}="{_escape_attribute(value)}"' for name, value in attributes.items()])
    else:  # nearly every element: numbers, colours, ids; one search for all its values
        written = "".join([f' {name}="{value}"' for name, value in attributes.items()])
    return f"<{tag}{written}>{content}</{tag}>" if content else f"<{tag}{written} />"


def _svg(chart_id: str, title: str, height: float, children: list[str]) -> Markup:
    # Every text and attribute is escaped on the way: the names come from the registry.
    return Markup(_tag("svg", {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {WIDTH} {_n(height)}",
        "role": "img",
        "aria-labelledby": f"{chart_id}-title",
        "aria-describedby": f"{chart_id}-text",
        "class": "chart",
        "focusable": "false",
    }, _tag("title", {"id": f"{chart_id}-title"}, _escape_text(title)) + "".join(children)))


def _n(value: float) -> str:
    """Coordinates with at most one decimal, written the same way on every build: without
    a decimal when it is 0."""
    text = f"{value:.1f}"
    return text[:-2] if text[-2:] == ".0" else text


_ATTRIBUTE_SPECIAL = re.compile('[&<>"\r\n\t]')


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(text: str) -> str:
    if not _ATTRIBUTE_SPECIAL.search(text):
        return text
    return (_escape_text(text).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#09;"))


# Leader rotation

_PLAIN_WORDS = re.compile(r"[^\s-]+(?: [^\s-]+)*")


def _wrap(text: str) -> list[str]:
    """``textwrap.wrap(text, WRAP_AT)``. For words without hyphens, at most WRAP_AT long and
    one space apart (nearly every name), the same lines are worked out directly: textwrap
    splits its chunks with a regular expression, the most of a timeline's cost."""
    words = text.split(" ")
    if not _PLAIN_WORDS.fullmatch(text) or max(map(len, words)) > WRAP_AT:
        return textwrap.wrap(text, WRAP_AT)
    lines = [words[0]]
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) <= WRAP_AT:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _colours(organisations: Iterable[Organisation]) -> dict[Organisation, str]:
    colours: dict[Organisation, str] = {}
    for organisation in organisations:
        if organisation not in colours:
            colours[organisation] = PALETTE[len(colours) % len(PALETTE)]
    return colours


def _role_text(role: str, organisation: Organisation | None) -> str:
    return f"{role}: {organisation.name if organisation else 'chưa rõ'}"


def leader_timeline(record: BlocRecord) -> Chart | None:
    """One row per year, from the first to the last year with a known leader or deputy: a
    mark coloured by the leading organisation, the leader's and the deputy's names."""
    known = {year: entry for year, entry in record.years.items() if entry.leader or entry.deputy}
    if not known:
        return None
    chart_id = f"luan-phien-{record.bloc.slug}"
    bloc = record.bloc
    title = f"Luân phiên {bloc.leader_label}, {bloc.deputy_label} của {bloc.name}"
    colours = _colours(entry.leader.value for entry in known.values() if entry.leader)
    rows = []
    for year in range(min(known), max(known) + 1):
        entry = known.get(year)
        leader = entry.leader.value if entry and entry.leader else None
        deputies = [fact.value for fact in entry.deputies] if entry else []
        texts = [_role_text(bloc.leader_label, leader)]
        texts += [_role_text(bloc.deputy_label, deputy) for deputy in deputies or [None]]
        rows.append((year, leader, texts))
    wrapped = [[line for part in parts for line in _wrap(part)] for _, _, parts in rows]
    height = sum(len(lines) * LINE_HEIGHT + 14 for lines in wrapped) + 8
    axis_x, y = 54.0, 8.0
    children = [_tag("line", {"x1": _n(axis_x), "y1": _n(y + 8), "x2": _n(axis_x), "y2": _n(height - 14),
                              "stroke": "#767676", "stroke-width": "2"})]
    # Written as text directly, as the awards chart is: every value but the names is a number
    # or a colour of the palette, and the names are escaped.
    year_x, mark_x, name_x = _n(axis_x - 14), _n(axis_x), _n(axis_x + 16)
    for (year, leader, _parts), lines in zip(rows, wrapped, strict=True):
        colour = colours[leader] if leader else "#767676"
        children.append(f'<text x="{year_x}" y="{_n(y + 12)}" text-anchor="end" font-weight="700" '
                        f'font-size="{FONT_SIZE}">{year}</text>'
                        f'<circle cx="{mark_x}" cy="{_n(y + 8)}" r="7" stroke="{colour}" '
                        f'fill="{colour if leader else "#ffffff"}" stroke-width="2" />')
        children += [f'<text x="{name_x}" y="{_n(y + 12 + index * LINE_HEIGHT)}" font-size="{FONT_SIZE}">'
                     f"{_escape_text(line)}</text>" if line else
                     f'<text x="{name_x}" y="{_n(y + 12 + index * LINE_HEIGHT)}" font-size="{FONT_SIZE}" />'
                     for index, line in enumerate(lines)]
        y += len(lines) * LINE_HEIGHT + 14
    summary = " ".join(f"Năm {year}: {'; '.join(parts)}." for year, _, parts in rows)
    return Chart(chart_id, title, summary, _svg(chart_id, title, height, children))


# Awards per year


def _units(record: AwardRecord) -> int:
    """How many units one award record honours: its recipients, else the stated count."""
    return len(record.recipients) or record.award.count or 1


def count_by_year(entries: Iterable[tuple[int, str, int]]) -> list[YearCount]:
    """``(year, status, units)`` → one count per year from the first to the last, gaps as 0."""
    totals: dict[int, dict[str, int]] = {}
    for year, status, units in entries:
        counts = totals.setdefault(year, {"da-tang": 0, "de-nghi": 0})
        counts[status] = counts.get(status, 0) + units
    if not totals:
        return []
    return [
        YearCount(year, totals.get(year, {}).get("da-tang", 0), totals.get(year, {}).get("de-nghi", 0))
        for year in range(min(totals), max(totals) + 1)
    ]


# A proposal is not an award: the title says that both are counted, and the bars split them.
AWARDS_TITLE = "Số lượt khen thưởng đã tặng và đề nghị (tính riêng) theo năm thành tích"


def bloc_award_counts(record: BlocRecord) -> list[YearCount]:
    """A bloc's awards per year, in units honoured (its recipients, else the stated count)."""
    return count_by_year(
        (year, award.award.status, _units(award)) for year, entry in record.years.items() for award in entry.awards
    )


def bloc_awards_chart(record: BlocRecord) -> Chart | None:
    return _awards_chart(f"khen-thuong-{record.bloc.slug}", f"{AWARDS_TITLE} của {record.bloc.name}",
                         bloc_award_counts(record))


def organisation_awards_chart(record: OrganisationRecord) -> Chart | None:
    counts = count_by_year((entry.year, award.award.status, 1) for entry, award in record.awards)
    return _awards_chart(f"khen-thuong-{record.organisation.slug}",
                         f"{AWARDS_TITLE} của {record.organisation.name}", counts)


def _scale_step(maximum: int) -> int:
    """A whole-number step giving at most four gridlines above zero."""
    return max(1, -(-maximum // 4))


# The awards chart's frame: its plot, scale and legend stand at the same places in every chart.
_LEFT, _RIGHT, _TOP, _PLOT_HEIGHT = 30.0, 8.0, 18.0, 130.0
_BOTTOM = _TOP + _PLOT_HEIGHT
_AWARDS_HEIGHT = _BOTTOM + 58
_LEGEND_Y = _BOTTOM + 32
# Every value but the ticks' and bars' places is a constant, written once.
_TICK_LINE = f'<line x1="{_n(_LEFT)}" y1="{{y}}" x2="{_n(WIDTH - _RIGHT)}" y2="{{y}}" '
_TICK_TEXT = f'<text x="{_n(_LEFT - 6)}" y="{{y}}" text-anchor="end" font-size="11">{{tick}}</text>'
_YEAR_Y = _n(_BOTTOM + 16)
_LEGEND = (f'<rect x="{_n(_LEFT)}" y="{_n(_LEGEND_Y)}" width="14" height="14" fill="{CONFERRED_COLOUR}" />'
           f'<text x="{_n(_LEFT + 20)}" y="{_n(_LEGEND_Y + 12)}" font-size="{FONT_SIZE}">Đã tặng</text>'
           f'<rect x="{_n(_LEFT + 111)}" y="{_n(_LEGEND_Y + 1)}" width="12" height="12" fill="url(#{{pattern}})" '
           f'stroke="{PROPOSED_COLOUR}" stroke-width="2" />'
           f'<text x="{_n(_LEFT + 132)}" y="{_n(_LEGEND_Y + 12)}" font-size="{FONT_SIZE}">Đề nghị</text>')


_PATTERN = "\x00"  # stands for a chart's pattern id in the elements kept for charts alike


def _awards_chart(chart_id: str, title: str, counts: list[YearCount]) -> Chart | None:
    if not counts:
        return None
    elements, summary = _awards_elements(tuple(counts))
    elements = elements.replace(_PATTERN, _escape_attribute(f"{chart_id}-soc"))
    return Chart(chart_id, title, summary, _svg(chart_id, title, _AWARDS_HEIGHT, [elements]))


@lru_cache(maxsize=32)
def _awards_elements(counts: tuple[YearCount, ...]) -> tuple[str, str]:
    """An awards chart's elements, its pattern's id written :data:`_PATTERN`, and its summary.
    They follow from the counts alone, and many organisations' counts are alike (an award
    proposed in one year or two): the last few are kept, whatever the archive's size (a
    longer history makes more of them unique, and each a longer text)."""
    pattern_id = _PATTERN
    bottom = _BOTTOM
    highest = max(count.total for count in counts)
    step = _scale_step(highest)
    scale_max = step * -(-highest // step)
    unit = _PLOT_HEIGHT / scale_max
    # Written as text directly: the awards chart is drawn on nearly every organisation's page,
    # and every value in it is a number, a colour or the pattern's escaped id.
    children = [
        f'<defs><pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff" />'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{PROPOSED_COLOUR}" stroke-width="3" /></pattern></defs>'
    ]
    for tick in range(0, scale_max + 1, step):
        y = bottom - tick * unit
        children.append(_TICK_LINE.format(y=_n(y)) + f'stroke="{"#767676" if tick == 0 else "#d0d0d0"}" '
                        'stroke-width="1" />' + _TICK_TEXT.format(y=_n(y + 4), tick=tick))
    slot = (WIDTH - _LEFT - _RIGHT) / len(counts)
    bar = min(36.0, slot * 0.6)
    bar_width, inner_width = _n(bar), _n(bar - 2)
    for index, count in enumerate(counts):
        x = _LEFT + slot * index + (slot - bar) / 2
        conferred_top = bottom - count.conferred * unit
        if count.conferred:
            children.append(f'<rect x="{_n(x)}" y="{_n(conferred_top)}" width="{bar_width}" '
                            f'height="{_n(count.conferred * unit)}" fill="{CONFERRED_COLOUR}" />')
        if count.proposed:
            children.append(f'<rect x="{_n(x + 1)}" y="{_n(conferred_top - count.proposed * unit + 1)}" '
                            f'width="{inner_width}" height="{_n(count.proposed * unit - 2)}" '
                            f'fill="url(#{pattern_id})" stroke="{PROPOSED_COLOUR}" stroke-width="2" />')
        centre = _n(x + bar / 2)
        children.append(f'<text x="{centre}" y="{_n(bottom - count.total * unit - 5)}" text-anchor="middle" '
                        f'font-size="12" font-weight="700">{count.total}</text>'
                        f'<text x="{centre}" y="{_YEAR_Y}" text-anchor="middle" '
                        f'font-size="12">{count.year}</text>')
    children.append(_LEGEND.format(pattern=pattern_id))
    return "".join(children), _awards_summary(counts)


def _awards_summary(counts: tuple[YearCount, ...]) -> str:
    parts = []
    for count in counts:
        if count.total == 0:
            parts.append(f"Năm {count.year}: các bài không nêu khen thưởng.")
        else:
            parts.append(f"Năm {count.year}: {count.conferred} lượt đã tặng, {count.proposed} lượt đề nghị "
                         "(đề nghị chưa phải là khen thưởng).")
    return " ".join(parts)


FILTERS = {
    "leader_timeline": leader_timeline,
    "bloc_awards_chart": bloc_awards_chart,
    "organisation_awards_chart": organisation_awards_chart,
}
