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
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class YearCount:
    year: int
    conferred: int
    proposed: int

    @property
    def total(self) -> int:
        return self.conferred + self.proposed


# SVG building


def _svg(chart_id: str, title: str, height: float) -> ET.Element:
    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {WIDTH} {_n(height)}",
        "role": "img",
        "aria-labelledby": f"{chart_id}-title",
        "aria-describedby": f"{chart_id}-text",
        "class": "chart",
        "focusable": "false",
    })
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    return svg


def _text(parent: ET.Element, x: float, y: float, words: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, "text", {"x": _n(x), "y": _n(y), **attributes})
    element.text = words
    return element


def _n(value: float) -> str:
    """Coordinates with at most one decimal, written the same way on every build."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _markup(svg: ET.Element) -> Markup:
    # Escaped as ElementTree escapes every text and attribute; the names come from front matter.
    parts: list[str] = []
    _serialise(svg, parts)
    return Markup("".join(parts))


def _serialise(element: ET.Element, parts: list[str]) -> None:
    """What ``ET.tostring(element, encoding="unicode")`` writes for these charts (plain tags,
    no namespaces, no tails), without its search for namespaces: a third of a page's time."""
    parts.append("<" + element.tag)
    for name, value in element.items():
        parts.append(f' {name}="{_escape_attribute(value)}"')
    if element.text or len(element):
        parts.append(">")
        if element.text:
            parts.append(_escape_text(element.text))
        for child in element:
            _serialise(child, parts)
        parts.append(f"</{element.tag}>")
    else:
        parts.append(" />")


_ATTRIBUTE_SPECIAL = re.compile('[&<>"\r\n\t]')


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(text: str) -> str:
    if not _ATTRIBUTE_SPECIAL.search(text):  # nearly every value: numbers, colours, ids
        return text
    return (_escape_text(text).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#09;"))


# Leader rotation


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
    title = f"Luân phiên Khối trưởng, Khối phó của {record.bloc.name}"
    colours = _colours(entry.leader.value for entry in known.values() if entry.leader)
    rows = []
    for year in range(min(known), max(known) + 1):
        entry = known.get(year)
        leader = entry.leader.value if entry and entry.leader else None
        deputy = entry.deputy.value if entry and entry.deputy else None
        rows.append((year, leader, [_role_text("Khối trưởng", leader), _role_text("Khối phó", deputy)]))
    wrapped = [[line for part in parts for line in textwrap.wrap(part, WRAP_AT)] for _, _, parts in rows]
    height = sum(len(lines) * LINE_HEIGHT + 14 for lines in wrapped) + 8
    svg = _svg(chart_id, title, height)
    axis_x, y = 54.0, 8.0
    ET.SubElement(svg, "line", {"x1": _n(axis_x), "y1": _n(y + 8), "x2": _n(axis_x), "y2": _n(height - 14),
                                "stroke": "#767676", "stroke-width": "2"})
    for (year, leader, _parts), lines in zip(rows, wrapped, strict=True):
        _text(svg, axis_x - 14, y + 12, str(year),
              **{"text-anchor": "end", "font-weight": "700", "font-size": str(FONT_SIZE)})
        colour = colours[leader] if leader else "#767676"
        ET.SubElement(svg, "circle", {"cx": _n(axis_x), "cy": _n(y + 8), "r": "7", "stroke": colour,
                                      "fill": colour if leader else "#ffffff", "stroke-width": "2"})
        for index, line in enumerate(lines):
            _text(svg, axis_x + 16, y + 12 + index * LINE_HEIGHT, line, **{"font-size": str(FONT_SIZE)})
        y += len(lines) * LINE_HEIGHT + 14
    summary = " ".join(f"Năm {year}: {'; '.join(parts)}." for year, _, parts in rows)
    return Chart(chart_id, title, summary, _markup(svg))


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


def bloc_awards_chart(record: BlocRecord) -> Chart | None:
    counts = count_by_year(
        (year, award.award.status, _units(award)) for year, entry in record.years.items() for award in entry.awards
    )
    return _awards_chart(f"khen-thuong-{record.bloc.slug}",
                         f"Số lượt khen thưởng theo năm thành tích của {record.bloc.name}", counts)


def organisation_awards_chart(record: OrganisationRecord) -> Chart | None:
    counts = count_by_year((entry.year, award.award.status, 1) for entry, award in record.awards)
    return _awards_chart(f"khen-thuong-{record.organisation.slug}",
                         f"Số lượt khen thưởng theo năm thành tích của {record.organisation.name}", counts)


def _scale_step(maximum: int) -> int:
    """A whole-number step giving at most four gridlines above zero."""
    return max(1, -(-maximum // 4))


def _awards_chart(chart_id: str, title: str, counts: list[YearCount]) -> Chart | None:
    if not counts:
        return None
    left, right, top, plot_height = 30.0, 8.0, 18.0, 130.0
    bottom = top + plot_height
    height = bottom + 58
    step = _scale_step(max(count.total for count in counts))
    scale_max = step * -(-max(count.total for count in counts) // step)
    unit = plot_height / scale_max
    svg = _svg(chart_id, title, height)
    defs = ET.SubElement(svg, "defs")
    pattern = ET.SubElement(defs, "pattern", {"id": f"{chart_id}-soc", "width": "6", "height": "6",
                                              "patternUnits": "userSpaceOnUse",
                                              "patternTransform": "rotate(45)"})
    ET.SubElement(pattern, "rect", {"width": "6", "height": "6", "fill": "#ffffff"})
    ET.SubElement(pattern, "line", {"x1": "0", "y1": "0", "x2": "0", "y2": "6",
                                    "stroke": PROPOSED_COLOUR, "stroke-width": "3"})
    for tick in range(0, scale_max + 1, step):
        y = bottom - tick * unit
        ET.SubElement(svg, "line", {"x1": _n(left), "y1": _n(y), "x2": _n(WIDTH - right), "y2": _n(y),
                                    "stroke": "#767676" if tick == 0 else "#d0d0d0", "stroke-width": "1"})
        _text(svg, left - 6, y + 4, str(tick), **{"text-anchor": "end", "font-size": "11"})
    slot = (WIDTH - left - right) / len(counts)
    bar = min(36.0, slot * 0.6)
    for index, count in enumerate(counts):
        x = left + slot * index + (slot - bar) / 2
        conferred_top = bottom - count.conferred * unit
        if count.conferred:
            ET.SubElement(svg, "rect", {"x": _n(x), "y": _n(conferred_top), "width": _n(bar),
                                        "height": _n(count.conferred * unit), "fill": CONFERRED_COLOUR})
        if count.proposed:
            ET.SubElement(svg, "rect", {"x": _n(x + 1), "y": _n(conferred_top - count.proposed * unit + 1),
                                        "width": _n(bar - 2), "height": _n(count.proposed * unit - 2),
                                        "fill": f"url(#{chart_id}-soc)", "stroke": PROPOSED_COLOUR,
                                        "stroke-width": "2"})
        centre = x + bar / 2
        _text(svg, centre, bottom - count.total * unit - 5, str(count.total),
              **{"text-anchor": "middle", "font-size": "12", "font-weight": "700"})
        _text(svg, centre, bottom + 16, str(count.year), **{"text-anchor": "middle", "font-size": "12"})
    legend_y = bottom + 32
    ET.SubElement(svg, "rect", {"x": _n(left), "y": _n(legend_y), "width": "14", "height": "14",
                                "fill": CONFERRED_COLOUR})
    _text(svg, left + 20, legend_y + 12, "Đã tặng", **{"font-size": str(FONT_SIZE)})
    ET.SubElement(svg, "rect", {"x": _n(left + 111), "y": _n(legend_y + 1), "width": "12", "height": "12",
                                "fill": f"url(#{chart_id}-soc)", "stroke": PROPOSED_COLOUR, "stroke-width": "2"})
    _text(svg, left + 132, legend_y + 12, "Đề nghị", **{"font-size": str(FONT_SIZE)})
    return Chart(chart_id, title, _awards_summary(counts), _markup(svg))


def _awards_summary(counts: list[YearCount]) -> str:
    parts = []
    for count in counts:
        if count.total == 0:
            parts.append(f"Năm {count.year}: các bài không nêu khen thưởng.")
        else:
            parts.append(f"Năm {count.year}: {count.total} lượt ({count.conferred} đã tặng, {count.proposed} đề nghị).")
    return " ".join(parts)


FILTERS = {
    "leader_timeline": leader_timeline,
    "bloc_awards_chart": bloc_awards_chart,
    "organisation_awards_chart": organisation_awards_chart,
}
