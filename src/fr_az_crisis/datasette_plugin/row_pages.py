"""Readable row pages for claims, events, sources and actors.

Datasette shows a row as one wide table row. These pages put the words first: a claim's
quote, large, with its claimant, outlet, source, event and target as links; an event's
evidence grouped by source and independence group; a source's provenance; an actor's words.
Each context is built here (queries declared in ``schemas/datasette.json``, URLs built with
``datasette.urls``); the templates ``fr_<kind>.html`` read the rows' fields by name. Lists are
capped, with a link to the filtered table for the rest, so a page stays fast at any size.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fr_az_crisis.datasette_plugin.citation import cite_claim
from fr_az_crisis.datasette_plugin.links import reading_url, row_url, safe_url, table_url
from fr_az_crisis.datasette_plugin.queries import one, rows
from fr_az_crisis.datasette_plugin.site_info import package
from fr_az_crisis.datasette_plugin.vocabulary import Term, label, vocabulary
from fr_az_crisis.date_labels import date_label
from fr_az_crisis.definition import project_definition
from fr_az_crisis.interchange import schema_org
from fr_az_crisis.schema_names import actors as A
from fr_az_crisis.schema_names import claim_relations as CR
from fr_az_crisis.schema_names import claims as C
from fr_az_crisis.schema_names import event_actors as EA
from fr_az_crisis.schema_names import event_evidence as EV
from fr_az_crisis.schema_names import event_relations as ER
from fr_az_crisis.schema_names import events as E
from fr_az_crisis.schema_names import places as P
from fr_az_crisis.schema_names import sources as S
from fr_az_crisis.schema_names import text_fragments as TF

LIST_LIMIT = 50
"""At most this many items per list on a row page; a link leads to the full table."""
EVIDENCE_LIMIT = 500
WIKIDATA = "https://www.wikidata.org/wiki/{}"


def term(table: str, column: str, value: Any) -> Term | None:
    """A value with its words and meaning, from the schema's vocabulary."""
    if value is None:
        return None
    for t in vocabulary(table, column).terms:
        if t.value == value:
            return t
    return Term(str(value), str(value), "")


def fragment_status(value: str | None) -> Term | None:
    """A Text Fragment status with its meaning (the derived table's vocabulary)."""
    if value is None:
        return None
    declared = project_definition().derived[TF.TABLE].fields
    f = next(f for f in declared if f.name == TF.fragment_status)
    return Term(value, label(value), f.value_descriptions.get(value, ""))


def _link(datasette: Any, table: str, key: Any) -> str | None:
    return row_url(datasette, table, key) if key else None


async def claim_page(datasette: Any, request: Any, claim_id: str) -> dict[str, Any] | None:
    claim = await one(datasette, "claimPage", id=claim_id)
    if claim is None:
        return None
    relations = []
    for r in await rows(datasette, "claimRelations", id=claim_id):
        relations.append(
            {
                **r,
                "kind": term(CR.TABLE, CR.relation, r[CR.relation]),
                "other_url": row_url(datasette, C.TABLE, r["other_claim_id"]),
                "other_source_url": row_url(datasette, S.TABLE, r["other_source_id"]),
            }
        )
    own_url = row_url(datasette, C.TABLE, claim_id)
    archived = bool(claim[S.is_archived]) and claim[C.char_start] is not None
    linked = await one(datasette, "claimLinkedData", id=claim_id) or {}
    info = package(datasette)
    absolute = datasette.absolute_url(request, own_url)
    jsonld = schema_org.claim(
        claim,
        linked,
        url=absolute,
        dataset_url=datasette.absolute_url(request, datasette.urls.instance()),
        dataset_name=info["title"],
    )
    return {
        "template": "fr_claim.html",
        "title": claim[C.summary],
        "claim": claim,
        "terms": {
            C.claim_type: term(C.TABLE, C.claim_type, claim[C.claim_type]),
            C.attribution: term(C.TABLE, C.attribution, claim[C.attribution]),
            C.modality: term(C.TABLE, C.modality, claim[C.modality]),
            S.published_basis: term(S.TABLE, S.published_basis, claim[S.published_basis]),
        },
        "event_date": (
            date_label(claim[E.date_start], claim[E.date_end], claim[E.date_precision])
            if claim[C.event_id]
            else None
        ),
        "urls": {
            "claimant": _link(datasette, A.TABLE, claim[C.claimant_actor_id]),
            "aimed_at": _link(datasette, A.TABLE, claim[C.target_actor_id]),
            "source": _link(datasette, S.TABLE, claim[C.source_id]),
            "outlet": _link(datasette, A.TABLE, claim[S.outlet_actor_id]),
            "event": _link(datasette, E.TABLE, claim[C.event_id]),
            "span": reading_url(datasette, claim[C.source_id], claim_id) if archived else None,
            "relations": table_url(datasette, CR.TABLE, **{CR.claim_id: claim_id}),
            "fragment": safe_url(linked.get(TF.fragment_link)),
        },
        "fragment": {
            "status": fragment_status(linked.get(TF.fragment_status)),
            "note": linked.get(TF.fragment_note),
        },
        "relations": relations,
        "jsonld": schema_org.script(jsonld),
        "citation": cite_claim(
            claim,
            info,
            absolute,
            claimant=claim["claimant_name"],
            source_title=claim[EV.source_title],
        ),
    }


async def event_page(datasette: Any, request: Any, event_id: str) -> dict[str, Any] | None:
    event = await one(datasette, "eventPage", id=event_id)
    if event is None:
        return None
    evidence = await rows(datasette, "eventEvidence", id=event_id, limit=EVIDENCE_LIMIT)
    groups: list[dict[str, Any]] = []
    for r in evidence:
        if not groups or groups[-1]["group_id"] != r[S.independence_group]:
            groups.append({"group_id": r[S.independence_group], "members": []})
        sources = groups[-1]["members"]
        if not sources or sources[-1][S.source_id] != r[S.source_id]:
            sources.append(
                {
                    S.source_id: r[S.source_id],
                    S.title: r[EV.source_title],
                    "outlet_name": r["outlet_name"],
                    S.published_date: r[S.published_date],
                    "url": row_url(datasette, S.TABLE, r[S.source_id]),
                    "claim_list": [],
                }
            )
        archived = bool(r[S.is_archived]) and r[C.char_start] is not None
        sources[-1]["claim_list"].append(
            {
                **r,
                "url": row_url(datasette, C.TABLE, r[C.claim_id]),
                "span_url": (
                    reading_url(datasette, r[S.source_id], r[C.claim_id]) if archived else None
                ),
                "type": term(C.TABLE, C.claim_type, r[C.claim_type]),
            }
        )
    roles: dict[str, list[dict[str, Any]]] = {}
    for r in await rows(datasette, "eventActors", id=event_id):
        roles.setdefault(r[EA.role], []).append(
            {**r, "url": row_url(datasette, A.TABLE, r[EA.actor_id])}
        )
    relations = [
        {
            **r,
            "kind": term(ER.TABLE, ER.relation, r[ER.relation]),
            "other_url": row_url(datasette, E.TABLE, r["other_event_id"]),
            "claim_url": _link(datasette, C.TABLE, r[ER.claim_id]),
        }
        for r in await rows(datasette, "eventRelations", id=event_id)
    ]
    return {
        "template": "fr_event.html",
        "title": event[E.title],
        "event": event,
        "date": date_label(event[E.date_start], event[E.date_end], event[E.date_precision]),
        "terms": {
            column: term(E.TABLE, column, event[column])
            for column in (E.date_precision, E.date_basis, E.event_type, E.plover_event, E.episode)
        },
        "roles": [
            {"role": term(EA.TABLE, EA.role, role), "members": names}
            for role, names in roles.items()
        ],
        "place_url": _link(datasette, P.TABLE, event[E.place_id]),
        "groups": groups,
        "counts": {
            "claim_count": len(evidence),
            "source_count": sum(len(g["members"]) for g in groups),
            "group_count": len(groups),
        },
        "more_evidence_url": (
            table_url(datasette, C.TABLE, **{C.event_id: event_id})
            if len(evidence) >= EVIDENCE_LIMIT
            else None
        ),
        "relations": relations,
    }


async def source_page(datasette: Any, request: Any, source_id: str) -> dict[str, Any] | None:
    source = await one(datasette, "sourcePage", id=source_id)
    if source is None:
        return None
    group = await rows(
        datasette,
        "sourceGroup",
        id=source_id,
        group=source[S.independence_group],
        limit=LIST_LIMIT,
    )
    claims = await rows(datasette, "sourceClaims", id=source_id, limit=LIST_LIMIT)
    count = (await one(datasette, "sourceClaimCount", id=source_id) or {}).get("n", 0)
    archived = bool(source[S.is_archived])
    return {
        "template": "fr_source.html",
        "title": source[S.title],
        "source": source,
        "archived": archived,
        "terms": {
            column: term(S.TABLE, column, source[column])
            for column in (S.genre, S.outlet_basis, S.published_basis)
        },
        "address": safe_url(source[S.url]),
        "urls": {
            "outlet": _link(datasette, A.TABLE, source[S.outlet_actor_id]),
            "reading": reading_url(datasette, source_id) if archived else None,
            "all_claims": table_url(datasette, C.TABLE, **{C.source_id: source_id}),
        },
        "same_group": [{**g, "url": row_url(datasette, S.TABLE, g[S.source_id])} for g in group],
        "claim_list": [
            {
                **c,
                "url": row_url(datasette, C.TABLE, c[C.claim_id]),
                "event_url": _link(datasette, E.TABLE, c[C.event_id]),
                "type": term(C.TABLE, C.claim_type, c[C.claim_type]),
            }
            for c in claims
        ],
        "claim_count": count,
    }


async def actor_page(datasette: Any, request: Any, actor_id: str) -> dict[str, Any] | None:
    actor = await one(datasette, "actorPage", id=actor_id)
    if actor is None:
        return None
    counts = await one(datasette, "actorCounts", id=actor_id) or {}

    async def claim_list(query: str) -> list[dict[str, Any]]:
        return [
            {
                **c,
                "url": row_url(datasette, C.TABLE, c[C.claim_id]),
                "type": term(C.TABLE, C.claim_type, c[C.claim_type]),
            }
            for c in await rows(datasette, query, id=actor_id, limit=LIST_LIMIT)
        ]

    events = [
        {
            **e,
            "url": row_url(datasette, E.TABLE, e[E.event_id]),
            "role": term(EA.TABLE, EA.role, e[EA.role]),
        }
        for e in await rows(datasette, "actorEvents", id=actor_id, limit=LIST_LIMIT)
    ]
    wikidata = actor[A.wikidata_id]
    return {
        "template": "fr_actor.html",
        "title": actor[A.name],
        "actor": actor,
        "kind": term(A.TABLE, A.kind, actor[A.kind]),
        "counts": counts,
        "limit": LIST_LIMIT,
        "made": await claim_list("actorClaimsMade"),
        "aimed": await claim_list("actorClaimsAimed"),
        "event_items": events,
        "children": [
            {**c, "url": row_url(datasette, A.TABLE, c[A.actor_id])}
            for c in await rows(datasette, "actorChildren", id=actor_id, limit=LIST_LIMIT)
        ],
        "published": [
            {**s, "url": row_url(datasette, S.TABLE, s[S.source_id])}
            for s in await rows(datasette, "actorSources", id=actor_id, limit=LIST_LIMIT)
        ],
        "urls": {
            "parent": _link(datasette, A.TABLE, actor[A.parent_actor_id]),
            "wikidata": safe_url(WIKIDATA.format(wikidata)) if wikidata else None,
            "all_made": table_url(datasette, C.TABLE, **{C.claimant_actor_id: actor_id}),
            "all_aimed": table_url(datasette, C.TABLE, **{C.target_actor_id: actor_id}),
            "all_events": table_url(datasette, EA.TABLE, **{EA.actor_id: actor_id}),
            "all_published": table_url(datasette, S.TABLE, **{S.outlet_actor_id: actor_id}),
        },
    }


RowPage = Callable[[Any, Any, str], Awaitable[dict[str, Any] | None]]
ROW_PAGES: dict[str, RowPage] = {
    C.TABLE: claim_page,
    E.TABLE: event_page,
    S.TABLE: source_page,
    A.TABLE: actor_page,
}
