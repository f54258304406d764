"""Datasette plugin: a reading page per source and a timeline chart.

Registered through the ``datasette`` entry point, so an installed package serves both pages.
Everything shown comes from the database Datasette serves; Jinja autoescaping keeps data text.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from fr_az_crisis.datasette_plugin.segments import segment_text
from fr_az_crisis.datasette_plugin.timeline_svg import render_timeline_svg

DATABASE = "fr_az_crisis"


async def _rows(
    datasette: Any, sql: str, params: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    db = datasette.get_database(DATABASE)
    result = await db.execute(sql, params or {})
    return [dict(r) for r in result.rows]


async def reading_page(datasette: Any, request: Any) -> Response:
    source_id = request.url_vars["source_id"]
    sources = await _rows(
        datasette, "select * from sources where source_id = :id", {"id": source_id}
    )
    texts = await _rows(
        datasette, "select text from source_texts where source_id = :id", {"id": source_id}
    )
    if not sources or not texts:
        return Response.html(
            await datasette.render_template(
                "source_missing.html", {"source_id": source_id}, request=request
            ),
            status=404,
        )
    claims = await _rows(
        datasette,
        "select c.claim_id, c.char_start, c.char_end, c.claim_type, c.attribution, c.quote, c.summary, "
        "a.name as claimant from claims c join actors a on a.actor_id = c.claimant_actor_id "
        "where c.source_id = :id and c.char_start is not null order by c.char_start, c.char_end, c.claim_id",
        {"id": source_id},
    )
    furniture = await _rows(
        datasette,
        "select char_start, char_end, kind from source_furniture where source_id = :id order by char_start",
        {"id": source_id},
    )
    segments = segment_text(texts[0]["text"], claims, furniture)
    context = {
        "source": sources[0],
        "segments": segments,
        "claims": claims,
        "database": DATABASE,
    }
    return Response.html(
        await datasette.render_template("source_reading.html", context, request=request)
    )


async def timeline_page(datasette: Any, request: Any) -> Response:
    events = await _rows(datasette, "select * from timeline order by date_start, event_id")
    svg = render_timeline_svg(events, database=DATABASE)
    context = {"svg": Markup(svg), "events": events, "database": DATABASE}
    return Response.html(
        await datasette.render_template("timeline_chart.html", context, request=request)
    )


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/sources/(?P<source_id>[a-z0-9_]+)$", reading_page),
        (r"^/-/timeline$", timeline_page),
    ]


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str) -> Markup | None:
    """Link each archived source's id to its reading page (citation-only ones have none)."""
    if (
        database == DATABASE
        and table == "sources"
        and column == "source_id"
        and isinstance(value, str)
    ):
        return Markup(
            f'<a href="/{DATABASE}/sources/{escape(value)}">{escape(value)}</a> '
            f'(<a href="/-/sources/{escape(value)}">read</a>)'
        )
    return None


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    return [{"href": "/-/timeline", "label": "Timeline chart"}]
