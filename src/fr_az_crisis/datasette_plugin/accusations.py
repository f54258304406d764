"""Accusations and their responses: each accusation beside any denial or refutation on
record, or "no recorded response"; the accuser's side shown and selectable.

An accusation is a claim of type accusation. A response is a claim that bears on it by one
of the relation kinds ``responses.relations`` names, or a claim of a type ``responses.claimTypes``
names (``schemas/datasette.json``); any other recorded relation is listed apart. The side is
the accuser's country (its own, or that of the body it belongs to). A second list holds
claims of other types that a denial or refutation answers: an allegation reported as an event
is answered there. Nothing is paired that no relation records.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from datasette.utils.asgi import Response

from fr_az_crisis.datasette_metadata import presentation
from fr_az_crisis.datasette_plugin.links import reading_url, row_url
from fr_az_crisis.datasette_plugin.queries import rows
from fr_az_crisis.datasette_plugin.vocabulary import Term, label, vocabulary
from fr_az_crisis.schema_names import actors as A
from fr_az_crisis.schema_names import claim_relations as CR
from fr_az_crisis.schema_names import claims as C
from fr_az_crisis.schema_names import events as E
from fr_az_crisis.schema_names import sources as S

PAGE_SIZE = 100


def _term(kinds: dict[str, Term], value: str) -> Term:
    return kinds.get(value) or Term(value, label(value), "")


def _claim_links(datasette: Any, r: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": row_url(datasette, C.TABLE, r[C.claim_id]),
        "source_url": row_url(datasette, S.TABLE, r[C.source_id]),
        "span_url": reading_url(datasette, r[C.source_id], r[C.claim_id]) if r[C.quote] else None,
    }


async def _answers(datasette: Any, ids: list[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Claims bearing on each of ``ids``: responses and other relations, apart."""
    config = presentation()["responses"]
    kinds = {t.value: t for t in vocabulary(CR.TABLE, CR.relation).terms}
    types = {t.value: t for t in vocabulary(C.TABLE, C.claim_type).terms}
    out: dict[str, dict[str, list[dict[str, Any]]]] = {
        i: {"responses": [], "others": []} for i in ids
    }
    for r in await rows(datasette, "answersTo", ids=json.dumps(ids)):
        is_response = (
            r[CR.relation] in config["relations"] or r[C.claim_type] in config["claimTypes"]
        )
        out[r["answered_claim_id"]]["responses" if is_response else "others"].append(
            {
                **r,
                **_claim_links(datasette, r),
                "kind": _term(kinds, r[CR.relation]),
                "type": _term(types, r[C.claim_type]),
            }
        )
    return out


def _cards(
    datasette: Any, found: list[dict[str, Any]], answers: dict[str, Any]
) -> list[dict[str, Any]]:
    return [
        {
            **r,
            **_claim_links(datasette, r),
            "accuser_url": row_url(datasette, A.TABLE, r["accuser_id"]),
            "accused_url": row_url(datasette, A.TABLE, r["accused_id"])
            if r["accused_id"]
            else None,
            "event_url": row_url(datasette, E.TABLE, r[C.event_id]) if r[C.event_id] else None,
            **answers[r[C.claim_id]],
        }
        for r in found
    ]


async def accusations_page(datasette: Any, request: Any) -> Response:
    side = request.args.get("side", "")
    after = request.args.get("after", "")
    sides = await rows(datasette, "accusationSides")
    found = await rows(datasette, "accusations", after=after, side=side, limit=PAGE_SIZE + 1)
    more = len(found) > PAGE_SIZE
    found = found[:PAGE_SIZE]
    answers = await _answers(datasette, [r[C.claim_id] for r in found])
    config = presentation()["responses"]
    denied = []
    if not after:
        denied_rows = await rows(
            datasette,
            "deniedClaims",
            relations=json.dumps(config["relations"]),
            claim_types=json.dumps(config["claimTypes"]),
            limit=PAGE_SIZE,
        )
        if side:
            denied_rows = [r for r in denied_rows if r["side"] == side]
        denied_answers = await _answers(datasette, [r[C.claim_id] for r in denied_rows])
        denied = _cards(datasette, denied_rows, denied_answers)
    names = {s["side"]: s["side_name"] for s in sides}
    kinds = {t.value: t for t in vocabulary(CR.TABLE, CR.relation).terms}
    types = {t.value: t for t in vocabulary(C.TABLE, C.claim_type).terms}
    context = {
        "side": side,
        "side_name": names.get(side, side),
        "sides": [
            {**s, "url": "?" + urlencode({"side": s["side"]}), "selected": s["side"] == side}
            for s in sides
            if s["side"]
        ],
        "total": sum(s["n"] for s in sides),
        "accusations": _cards(datasette, found, answers),
        "answered_count": sum(1 for a in answers.values() if a["responses"]),
        "denied": [{**d, "type": _term(types, d[C.claim_type])} for d in denied],
        "next_url": (
            "?" + urlencode({"side": side, "after": found[-1][C.claim_id]}) if more else None
        ),
        "response_kinds": [_term(kinds, k) for k in config["relations"]],
        "response_types": [_term(types, k) for k in config["claimTypes"]],
    }
    return Response.html(
        await datasette.render_template("accusations.html", context, request=request)
    )
