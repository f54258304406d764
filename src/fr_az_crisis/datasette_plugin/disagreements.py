"""Where the sources disagree: claim pairs side by side, grouped by relation kind.

The kinds come from the schema's vocabulary of ``claim_relations.relation``, in its order,
with their meanings; only the kinds ``agreementRelations`` names (``schemas/datasette.json``)
are left out, and linked below. A kind the database holds but the schema does not declare is
shown too, never dropped.
"""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import Response

from fr_az_crisis.datasette_metadata import presentation
from fr_az_crisis.datasette_plugin.links import reading_url, row_url, table_url
from fr_az_crisis.datasette_plugin.queries import rows
from fr_az_crisis.datasette_plugin.vocabulary import Term, label, vocabulary
from fr_az_crisis.schema_names import claim_relations as CR
from fr_az_crisis.schema_names import claims as C
from fr_az_crisis.schema_names import contradictions as PAIR
from fr_az_crisis.schema_names import sources as S

PAIRS_LIMIT = 200
"""Cards per kind on the page; the claim_relations table has every pair."""


def kinds(held: dict[str, int]) -> tuple[list[Term], list[Term]]:
    """(kinds of disagreement, kinds of agreement), in schema order, then undeclared ones."""
    agreement = set(presentation()["agreementRelations"])
    declared = list(vocabulary(CR.TABLE, CR.relation).terms)
    known = {t.value for t in declared}
    declared += [Term(v, label(v), "") for v in sorted(held) if v not in known]
    return (
        [t for t in declared if t.value not in agreement],
        [t for t in declared if t.value in agreement],
    )


def as_pair(meaning: str) -> str:
    """A kind's meaning with the columns it names read as the cards' A and B."""
    return meaning.replace(CR.related_claim_id, "claim B").replace(CR.claim_id, "claim A")


def _side(datasette: Any, claim_id: str, source_id: str, quote: str | None) -> dict[str, Any]:
    return {
        "url": row_url(datasette, C.TABLE, claim_id),
        "source_url": row_url(datasette, S.TABLE, source_id),
        "span_url": reading_url(datasette, source_id, claim_id) if quote else None,
    }


async def disagreements_page(datasette: Any, request: Any) -> Response:
    held = {r[CR.relation]: r["n"] for r in await rows(datasette, "relationCounts")}
    differing, agreeing = kinds(held)
    sections = []
    for kind in differing:
        pairs = []
        if held.get(kind.value):
            for r in await rows(datasette, "relationPairs", relation=kind.value, limit=PAIRS_LIMIT):
                pairs.append(
                    {
                        **r,
                        "a": _side(datasette, r[C.claim_id], r[C.source_id], r[C.quote]),
                        "b": _side(
                            datasette,
                            r[PAIR.related_claim_id],
                            r[PAIR.related_source_id],
                            r[PAIR.related_quote],
                        ),
                    }
                )
        sections.append(
            {
                "kind": kind,
                "meaning": as_pair(kind.meaning),
                "count": held.get(kind.value, 0),
                "pairs": pairs,
                "all_url": table_url(datasette, CR.TABLE, **{CR.relation: kind.value}),
            }
        )
    context = {
        "sections": sections,
        "agreeing": [
            {
                "kind": k,
                "meaning": as_pair(k.meaning),
                "count": held.get(k.value, 0),
                "url": table_url(datasette, CR.TABLE, **{CR.relation: k.value}),
            }
            for k in agreeing
        ],
        "limit": PAIRS_LIMIT,
    }
    return Response.html(
        await datasette.render_template("disagreements.html", context, request=request)
    )
