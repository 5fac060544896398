"""The open data written beside the pages: ``data/blocs.json`` (schema in docs/data.md)."""

from __future__ import annotations

from collections.abc import Iterable

import orjson

from ..domain.aggregate import Archive
from ..domain.model import AwardRecord, BlocRecord, BlocYear, Fact, Handover, Organisation, Report

# 2: "deputy" became "deputies" (a list); award types and authorities may be null (not stated);
# handovers, ranking, conferences (with unknown dates and bylines as null) were added.
SCHEMA_VERSION = 2


def _organisation(organisation: Organisation) -> dict:
    return {"id": organisation.id, "name": organisation.name, "url": organisation.url}


def _sources(reports: list[Report]) -> list[str]:
    return [report.url for report in reports]


def _role(fact: Fact | None) -> dict | None:
    if fact is None:
        return None
    return {**_organisation(fact.value), "chosen": fact.detail, "decision": fact.decision or None,
            "sources": _sources(fact.sources)}


def _handover(fact: Fact) -> dict:
    handover: Handover = fact.value
    return {
        "year": handover.year,
        "role": handover.role,
        "from": handover.giver.id if handover.giver else None,
        "to": handover.receiver.id,
        "items": list(handover.items),
        "sources": _sources(fact.sources),
    }


def _conference(report: Report) -> dict:
    """What one report says of its meeting; null where it does not say."""
    conference = report.conference
    return {
        "report": report.url,
        "kinds": list(conference.kinds),
        "date": conference.date.value,
        "date_precision": conference.date.precision,
        "year": conference.year,
        "year_reviewed": conference.year_reviewed,
        "period": conference.period,
        "published": report.published.isoformat() if report.published else None,
        "author": report.article.metadata.get("report_data", {}).get("author"),
    }


def _award(record: AwardRecord) -> dict:
    award = record.award
    province = record.source.province
    return {
        "type": award.type.code if award.type else None,
        "type_name": award.type.name_in(province) if award.type else None,
        "authority": award.authority.code if award.authority else None,
        "authority_name": award.authority.name_in(province) if award.authority else None,
        "recipient_kind": award.recipient_kind,
        "people": list(award.people),
        "status": award.status,
        "year": award.year,
        "recipients": [organisation.id for organisation in record.recipients],
        "count": award.count,
        "remaining_members": award.remaining_members,
        "as_written": award.as_written,
        "decision": award.decision or None,
        "sources": [record.source.url],
    }


def _bloc_year(bloc_year: BlocYear) -> dict:
    return {
        "year": bloc_year.year,
        "url": bloc_year.url,
        "members": {
            "complete": bloc_year.members_complete,
            "stated_count": bloc_year.stated_count,
            "organisations": [
                {**_organisation(organisation), "sources": _sources(sources)}
                for organisation, sources in bloc_year.members.items()
            ],
        },
        "leader": _role(bloc_year.leader),
        "deputies": [_role(fact) for fact in bloc_year.deputies],
        "unnamed_roles": sorted(bloc_year.unnamed_roles),
        "handovers": [_handover(fact) for fact in bloc_year.handovers],
        "ranking": [
            {"rank": fact.value.rank, "organisation": fact.value.organisation.id, "sources": _sources(fact.sources)}
            for fact in sorted(bloc_year.ranking, key=lambda fact: fact.value.rank)
        ],
        "awards": [_award(record) for record in bloc_year.awards],
        "movements": [
            {
                "name": fact.value.name,
                "kind": fact.value.kind,
                "scope": fact.value.scope,
                "organisation": fact.value.organisation.id if fact.value.organisation else None,
                "sources": _sources(fact.sources),
            }
            for fact in bloc_year.movements
        ],
        "conferences": [_conference(report) for report in bloc_year.reports if report.bloc_year is bloc_year],
        "pact_signed_at": _sources(bloc_year.pacts),
        "reports": _sources(bloc_year.reports),
    }


def bloc_entry(record: BlocRecord, years: Iterable[BlocYear] | None = None) -> dict:
    """One bloc as in ``blocs``; ``years`` narrows its years (the per-year files)."""
    bloc = record.bloc
    return {
        "id": f"{bloc.province.id}/{bloc.id}",
        "province": {"id": bloc.province.id, "name": bloc.province.name, "kind": bloc.province.kind,
                     "url": bloc.province.url},
        "kind": bloc.kind,
        "number": bloc.number,
        "name": bloc.name,
        "aliases": list(bloc.aliases),
        "former_names": list(bloc.former_names),
        "url": bloc.url,
        "years": [_bloc_year(bloc_year) for bloc_year in (record.years.values() if years is None else years)],
    }


def blocs_document(archive: Archive, site_url: str) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "site_url": site_url,
        "blocs": [bloc_entry(record) for record in archive.blocs],
    }


# orjson writes the same text as ``json.dumps(indent=2, sort_keys=True, ensure_ascii=False)``,
# in C: the standard library's encoder falls back to Python whenever it indents.
_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


def dumps(document: dict) -> str:
    """Stable bytes for the same data: sorted keys, indented by two spaces, no timestamps."""
    return dump_entry(document) + "\n"


def dump_entry(entry: dict) -> str:
    """One JSON value indented as :func:`dumps` indents it, without the final newline."""
    return orjson.dumps(entry, option=_OPTIONS).decode("utf-8")


def dump_bloc(entry: dict) -> str:
    """The text of one bloc's entry at its place in a document: the list of blocs, two levels
    down."""
    return _indented(dump_entry(entry), "    ")


def _indented(text: str, indent: str) -> str:
    return indent + text.replace("\n", "\n" + indent)


_MARK = "\ue000entries\ue000"  # stands for a list's entries while the text around them is written


def _around_mark(text: str, indent: str) -> tuple[str, str]:
    head, tail = text.split(f'{indent}"{_MARK}"')
    return head, tail


def document_frame(frame: dict) -> tuple[str, str]:
    """The text of a document before and after its list of blocs (``frame``: the document
    without "blocs"), when the list has entries: the entries, joined by ``",\n"``, go between."""
    return _around_mark(dumps({**frame, "blocs": [_MARK]}), "    ")


def empty_document(frame: dict) -> str:
    return dumps({**frame, "blocs": []})


def bloc_frame(record: BlocRecord) -> tuple[str, str]:
    """The text of a bloc's entry (:func:`dump_bloc`) before and after its list of years, when
    the list has entries (:func:`bloc_year_text`, joined by ``",\n"``)."""
    return _around_mark(dump_bloc({**bloc_entry(record, ()), "years": [_MARK]}), "        ")


def bloc_year_text(bloc_year: BlocYear) -> str:
    """The text of one year of a bloc at its place in a document: the same in the bloc's file,
    its year's file and ``data/blocs.json``."""
    return _indented(dump_entry(_bloc_year(bloc_year)), "        ")
