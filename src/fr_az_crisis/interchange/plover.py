"""PLOVER events (JSON Lines, one record per event) and their CAMEO dyads.

The record follows the PLOVER manual's "Data Fields" chapter as ``schemas/plover.json``
transcribes it, plus the named extensions that file declares (the manual invites them):

- ``event``, ``mode``, ``context`` and ``quad_code`` from the event's codes and the declared
  category table (an event the curators left without a PLOVER category has ``has_event``
  false and an empty ``event`` list: still one record per event);
- ``actor`` and ``recipient`` from event_actors by the declared role mapping, each entity with
  its country code, its Wikidata id only where verified (``identifier_id``), its office, and
  its role and actor_id (extensions); roles mapped to nothing (subject, mediator) are listed
  under ``codes``;
- ``date``/``enddate`` from the event's bounds, and ``date_window`` with their precision;
- ``reports``: every claim reporting the event, with its quote's text and offsets where the
  text is archived, its source's address and the Text Fragment link where one is unique;
  ``text_info`` and ``cite_info`` describe the first of them (the claim that dates the
  event where it reports it);
- no ``event_scale`` and no Goldstein score (``schemas/plover.json``, ``scores``).

The CAMEO dyads expand each coded event into (actor, recipient) rows with GDELT 2.0's column
names, as declared in ``schemas/plover.json`` (``cameoDyads``).
"""

from __future__ import annotations

from typing import Any

import polars as pl

from fr_az_crisis.dtypes import table_schema_dtype
from fr_az_crisis.interchange.declarations import (
    Identifiers,
    creators,
    plover_declaration,
    release_date,
)
from fr_az_crisis.schema_names import actors as A
from fr_az_crisis.schema_names import claims as C
from fr_az_crisis.schema_names import event_actors as EA
from fr_az_crisis.schema_names import events as E
from fr_az_crisis.schema_names import places as P
from fr_az_crisis.schema_names import sources as S
from fr_az_crisis.schema_names import text_fragments as T

ACTOR, RECIPIENT = "actor", "recipient"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _entity(actor: dict[str, Any], role: str) -> dict[str, Any]:
    entity: dict[str, Any] = {"entity_text": actor[A.name]}
    if actor[A.country_code]:
        entity["code"] = actor[A.country_code]
    if actor[A.wikidata_id]:
        entity["identifier_id"] = actor[A.wikidata_id]
    if actor[A.role]:
        entity["office"] = actor[A.role]
    entity["role"] = role
    entity[A.actor_id] = actor[A.actor_id]
    return entity


def side_of(role: str, category: str | None) -> str | None:
    """Where an event_actors role goes: actor, recipient or nowhere (declared mapping)."""
    roles = plover_declaration()["roles"]
    side = roles["values"][role]
    only = roles["onlyFor"].get(role)
    return side if side and (only is None or category in only) else None


def _location(place: dict[str, Any]) -> dict[str, Any]:
    loc: dict[str, Any] = {
        "resolved_place": place[P.name],
        "lat": place[P.latitude],
        "lon": place[P.longitude],
        P.country_code: place[P.country_code],
        P.place_id: place[P.place_id],
    }
    if place[P.wikidata_id]:
        loc["identifier_id"] = place[P.wikidata_id]
    return loc


class Tables:
    """The rows a record draws on, indexed once."""

    def __init__(self, frames: dict[str, pl.DataFrame], fragments: list[dict[str, Any]]):
        self.actors = {r[A.actor_id]: r for r in frames[A.TABLE].iter_rows(named=True)}
        self.places = {r[P.place_id]: r for r in frames[P.TABLE].iter_rows(named=True)}
        self.sources = {r[S.source_id]: r for r in frames[S.TABLE].iter_rows(named=True)}
        self.roles: dict[str, list[dict[str, Any]]] = {}
        for r in frames[EA.TABLE].sort(EA.event_id, EA.role, EA.actor_id).iter_rows(named=True):
            self.roles.setdefault(r[EA.event_id], []).append(r)
        self.reports: dict[str, list[dict[str, Any]]] = {}
        reporting = frames[C.TABLE].filter(
            pl.col(C.claim_type) == C.ClaimType.EVENT_REPORT, pl.col(C.event_id).is_not_null()
        )
        for r in reporting.sort(C.claim_id).iter_rows(named=True):
            self.reports.setdefault(r[C.event_id], []).append(r)
        self.fragments = {f[T.claim_id]: f for f in fragments}
        self.events = frames[E.TABLE].sort(E.event_id)

    def reports_of(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        """The event's reporting claims, the one that dates it first."""
        found = self.reports.get(event[E.event_id], [])
        first = [c for c in found if c[C.claim_id] == event[E.dated_by_claim_id]]
        return first + [c for c in found if c[C.claim_id] != event[E.dated_by_claim_id]]


def _report(claim: dict[str, Any], tables: Tables, ids: Identifiers) -> dict[str, Any]:
    source = tables.sources[claim[C.source_id]]
    entry: dict[str, Any] = {
        "claim": ids.of("claim", claim[C.claim_id]),
        C.claim_id: claim[C.claim_id],
        "source": ids.of("source", claim[C.source_id]),
        C.source_id: claim[C.source_id],
        "modality": claim[C.modality],
        "summary": claim[C.summary],
    }
    if claim[C.char_start] is not None:
        entry["quote"] = claim[C.quote]
        entry["start"] = claim[C.char_start]
        entry["end"] = claim[C.char_end]
    if source[S.url]:
        entry["url"] = source[S.url]
    fragment = tables.fragments.get(claim[C.claim_id])
    if fragment and fragment[T.fragment_link]:
        entry["text_fragment_link"] = fragment[T.fragment_link]
    return entry


def _cite_info(
    claim: dict[str, Any], tables: Tables, descriptor: dict[str, Any], ids: Identifiers
) -> dict[str, Any]:
    source = tables.sources[claim[C.source_id]]
    outlet = tables.actors[source[S.outlet_actor_id]][A.name]
    info: dict[str, Any] = {
        "corpus": descriptor["title"],
        "citation": ids.of("source", claim[C.source_id]),
        "title": source[S.title],
        "language": source[S.language],
        "publication": outlet,
        "license": descriptor_licence(descriptor, "publishers"),
        "copyright": outlet,
        "coder": "; ".join(creators(descriptor)),
        "codebook": plover_declaration()["manual"]["codebook"],
        "version": descriptor["version"],
    }
    if source[S.url]:
        info["url"] = source[S.url]
    return info


def descriptor_licence(descriptor: dict[str, Any], which: str) -> str:
    """The package's licence entry as one string: the curated one's name and address, or the
    publishers' SPDX reference and title."""
    curated, publishers = descriptor["licenses"][0], descriptor["licenses"][1]
    if which == "curated":
        return f"{curated['name']} ({curated['path']})"
    spdx = next(v for k, v in publishers.items() if k.endswith("spdx"))
    return f"{spdx}: {publishers['title']}"


def record(
    event: dict[str, Any], tables: Tables, descriptor: dict[str, Any], ids: Identifiers
) -> dict[str, Any]:
    """One event as a PLOVER record."""
    declared = plover_declaration()
    category = event[E.plover_event]
    sides: dict[str, list[dict[str, Any]]] = {ACTOR: [], RECIPIENT: []}
    unmapped: dict[str, list[str]] = {}
    for r in tables.roles.get(event[E.event_id], []):
        side = side_of(r[EA.role], category)
        if side:
            sides[side].append(_entity(tables.actors[r[EA.actor_id]], r[EA.role]))
        else:
            unmapped.setdefault(r[EA.role], []).append(r[EA.actor_id])
    start, end = event[E.date_start], event[E.date_end]
    rec: dict[str, Any] = {
        "id": ids.urn("plover", event_id=event[E.event_id]),
        "has_event": category is not None,
        "date": _iso(start or end),
    }
    if start is not None and end != start:
        rec["enddate"] = _iso(end)
    rec["actor"] = sides[ACTOR]
    if sides[RECIPIENT]:
        rec["recipient"] = sides[RECIPIENT]
    rec["event"] = [category] if category else []
    if event[E.place_id]:
        rec["event_loc"] = _location(tables.places[event[E.place_id]])
    rec["event_text"] = [event[E.title]]
    if category:
        rec["quad_code"] = declared["categories"]["values"][category]["quad"]
    if event[E.plover_mode]:
        rec["mode"] = [event[E.plover_mode]]
    contexts = declared["contextsByEventType"]["values"][event[E.event_type]]
    if contexts:
        rec["context"] = list(contexts)
    reports = tables.reports_of(event)
    if reports:
        first = reports[0]
        if first[C.char_start] is not None:
            rec["text_info"] = {"start": first[C.char_start], "end": first[C.char_end]}
        rec["cite_info"] = _cite_info(first, tables, descriptor, ids)
    rec["coder"] = "; ".join(creators(descriptor))
    rec["coded_date"] = release_date(descriptor)
    rec["comment"] = event[E.coding_note]
    rec["date_window"] = {
        "start": _iso(start),
        "end": _iso(end),
        "precision": event[E.date_precision],
        "basis": event[E.date_basis],
    }
    rec["reports"] = [_report(c, tables, ids) for c in reports]
    rec["codes"] = {
        "event": ids.of("event", event[E.event_id]),
        E.event_id: event[E.event_id],
        E.event_type: event[E.event_type],
        E.cameo_code: event[E.cameo_code],
        "unmapped_roles": unmapped,
    }
    rec["licenses"] = {
        "coding": descriptor_licence(descriptor, "curated"),
        "quotes": descriptor_licence(descriptor, "publishers"),
    }
    return rec


def records(
    frames: dict[str, pl.DataFrame],
    fragments: list[dict[str, Any]],
    descriptor: dict[str, Any],
    ids: Identifiers,
) -> list[dict[str, Any]]:
    """One PLOVER record per event, in event_id order."""
    tables = Tables(frames, fragments)
    return [record(e, tables, descriptor, ids) for e in tables.events.iter_rows(named=True)]


def quad_class(code: str) -> int:
    """GDELT's QuadClass of a CAMEO code, from its two-digit root (declared boundaries)."""
    first_root = plover_declaration()["cameoDyads"]["quadByRoot"]["firstRoot"]
    root = int(code[:2])
    return max(int(q) for q, lo in first_root.items() if root >= lo)


def dyad_schema() -> dict[str, pl.DataType]:
    """The dyad table's columns and dtypes, from their Table Schema types in schemas/plover.json."""
    fields = plover_declaration()["cameoDyads"]["fields"]
    return {f["name"]: table_schema_dtype(f["type"]) for f in fields}


def dyads(records_: list[dict[str, Any]], frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The CAMEO dyad table: one row per (actor, recipient) of each event with a CAMEO code."""
    actors = {r[A.actor_id]: r for r in frames[A.TABLE].iter_rows(named=True)}
    places = {r[P.place_id]: r for r in frames[P.TABLE].iter_rows(named=True)}
    events = {r[E.event_id]: r for r in frames[E.TABLE].iter_rows(named=True)}
    columns = list(dyad_schema())
    rows: list[list[Any]] = []
    for rec in records_:
        event = events[rec["codes"][E.event_id]]
        code = event[E.cameo_code]
        if not code:
            continue
        place = places.get(event[E.place_id]) if event[E.place_id] else None
        url = next((r["url"] for r in rec["reports"] if "url" in r), None)
        ones: list[dict[str, Any] | None] = [actors[e[A.actor_id]] for e in rec[ACTOR]] or [None]
        others: list[dict[str, Any] | None] = [
            actors[e[A.actor_id]] for e in rec.get(RECIPIENT, [])
        ] or [None]
        for one in ones:
            for other in others:
                rows.append(
                    [
                        event[E.event_id],
                        rec["date"].replace("-", ""),
                        event[E.date_precision],
                        *_dyad_actor(one),
                        *_dyad_actor(other),
                        code,
                        code[:3],
                        code[:2],
                        quad_class(code),
                        place[P.name] if place else None,
                        place[P.country_code] if place else None,
                        place[P.latitude] if place else None,
                        place[P.longitude] if place else None,
                        url,
                    ]
                )
    return pl.DataFrame(rows, schema=dyad_schema(), orient="row").select(columns)


def _dyad_actor(actor: dict[str, Any] | None) -> list[Any]:
    if actor is None:
        return [None, None, None, None]
    code = actor[A.country_code]
    return [code, actor[A.name], code, actor[A.wikidata_id]]
