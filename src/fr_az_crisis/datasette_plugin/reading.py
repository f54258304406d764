"""The reading page: a source's archived text with each claim's span marked and numbered.

Every claim's start and end show as numbered brackets that link to the claim in the list;
each listed claim links back to its span, to its page and to the claims it overlaps. A claim
page links here with ``?claim=<id>``, which marks that claim's span. Only a text that a
sources row names as archived is served: a text without its row is refused with a 404.
"""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import Response

from fr_az_crisis.datasette_plugin.links import row_url, safe_url
from fr_az_crisis.datasette_plugin.queries import DATABASE, one, rows
from fr_az_crisis.datasette_plugin.segments import closing_at_end, overlaps, segment_text
from fr_az_crisis.datasette_plugin.vocabulary import vocabulary
from fr_az_crisis.schema_names import actors as A
from fr_az_crisis.schema_names import claims as C
from fr_az_crisis.schema_names import source_texts as T
from fr_az_crisis.schema_names import sources as S


async def reading_page(datasette: Any, request: Any) -> Response:
    source_id = request.url_vars[S.source_id]
    source = await one(datasette, "source", id=source_id)
    held = await one(datasette, "sourceText", id=source_id) if source else None
    if source is None or not source[S.is_archived] or held is None:
        return Response.html(
            await datasette.render_template(
                "source_missing.html",
                {"missing_id": source_id, "sources_url": datasette.urls.table(DATABASE, S.TABLE)},
                request=request,
            ),
            status=404,
        )
    text = held[T.text]
    claims = await rows(datasette, "readingClaims", id=source_id)
    furniture = await rows(datasette, "readingFurniture", id=source_id)
    segments = segment_text(text, claims, furniture)
    number = {c[C.claim_id]: i for i, c in enumerate(claims, start=1)}
    shared = overlaps(segments)
    selected = request.args.get("claim")
    types = {t.value: t for t in vocabulary(C.TABLE, C.claim_type).terms}
    listed = [
        {
            **c,
            "number": number[c[C.claim_id]],
            "url": row_url(datasette, C.TABLE, c[C.claim_id]),
            "type": types.get(c[C.claim_type]),
            "overlaps": sorted(
                ((number[o], o) for o in shared.get(c[C.claim_id], [])), key=lambda no: no[0]
            ),
        }
        for c in claims
    ]
    context = {
        "source": source,
        "segments": segments,
        "final_closing": closing_at_end(text, claims),
        "number": number,
        "claim_rows": listed,
        "selected": selected if selected in number else None,
        "address": safe_url(source[S.url]),
        "urls": {
            "source": row_url(datasette, S.TABLE, source_id),
            "outlet": row_url(datasette, A.TABLE, source[S.outlet_actor_id]),
        },
    }
    return Response.html(
        await datasette.render_template("source_reading.html", context, request=request)
    )
