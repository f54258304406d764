"""Datasette plugin: a reading page per source and a timeline chart.

Registered through the ``datasette`` entry point, so an installed package serves both pages.
Everything shown comes from the database Datasette serves; Jinja autoescaping keeps data text.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from fr_az_crisis.datasette_metadata import database_name, presentation
from fr_az_crisis.datasette_plugin.segments import segment_text
from fr_az_crisis.datasette_plugin.timeline_svg import legend, render_timeline_svg
from fr_az_crisis.schema_names import source_texts
from fr_az_crisis.schema_names import sources as S

DATABASE = database_name()
SOURCE_ID = S.source_id


async def _rows(
    datasette: Any, sql: str, params: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    db = datasette.get_database(DATABASE)
    result = await db.execute(sql, params or {})
    return [dict(r) for r in result.rows]


def _sql(name: str) -> str:
    """A page's SQL, declared in schemas/datasette.json with the schemas it names."""
    return str(presentation()["pageQueries"][name])


async def reading_page(datasette: Any, request: Any) -> Response:
    source_id = request.url_vars[SOURCE_ID]
    params = {"id": source_id}
    sources = await _rows(datasette, _sql("source"), params)
    texts = await _rows(datasette, _sql("sourceText"), params)
    if not sources or not texts:
        return Response.html(
            await datasette.render_template(
                "source_missing.html", {SOURCE_ID: source_id}, request=request
            ),
            status=404,
        )
    claims = await _rows(datasette, _sql("readingClaims"), params)
    furniture = await _rows(datasette, _sql("readingFurniture"), params)
    segments = segment_text(texts[0][source_texts.text], claims, furniture)
    context = {
        "source": sources[0],
        "segments": segments,
        "claim_rows": claims,
        "database": DATABASE,
    }
    return Response.html(
        await datasette.render_template("source_reading.html", context, request=request)
    )


async def timeline_page(datasette: Any, request: Any) -> Response:
    rows = await _rows(datasette, _sql("timelineRows"))
    svg = render_timeline_svg(rows, database=DATABASE)
    context = {"svg": Markup(svg), "database": DATABASE, "legend": legend()}
    return Response.html(
        await datasette.render_template("timeline_chart.html", context, request=request)
    )


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (rf"^/-/sources/(?P<{SOURCE_ID}>[a-z0-9_]+)$", reading_page),
        (r"^/-/timeline$", timeline_page),
    ]


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str) -> Markup | None:
    """Link each archived source's id to its reading page (citation-only ones have none)."""
    if (
        database == DATABASE
        and table == S.TABLE
        and column == S.source_id
        and isinstance(value, str)
    ):
        return Markup(
            f'<a href="/{DATABASE}/{S.TABLE}/{escape(value)}">{escape(value)}</a> '
            f'(<a href="/-/sources/{escape(value)}">read</a>)'
        )
    return None


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    return [{"href": "/-/timeline", "label": "Timeline chart"}]
