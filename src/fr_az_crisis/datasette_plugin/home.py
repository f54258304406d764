"""The home page's lists: the archived sources to read and the tables to browse."""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import Response

from fr_az_crisis.datasette_plugin.links import reading_url, table_url
from fr_az_crisis.datasette_plugin.queries import DATABASE, one, rows
from fr_az_crisis.datasette_plugin.site_info import dataset_citation, package
from fr_az_crisis.definition import project_definition
from fr_az_crisis.interchange import schema_org
from fr_az_crisis.schema_names import sources as S

ARCHIVED_LIMIT = 50


async def dataset_jsonld(datasette: Any, request: Any) -> str:
    """The schema.org Dataset of the home page, every address absolute."""
    bounds = await one(datasette, "eventDateBounds") or {}
    downloads = [
        (
            f"{t.name}.csv",
            datasette.absolute_url(request, datasette.urls.table(DATABASE, t.name, format="csv"))
            + "?_stream=on",
        )
        for t in project_definition().tables.values()
    ]
    node = schema_org.dataset(
        package(datasette),
        url=datasette.absolute_url(request, datasette.urls.instance()),
        credit=dataset_citation(datasette, request),
        downloads=downloads,
        coverage=(bounds.get("low"), bounds.get("high")),
    )
    return schema_org.script(node)


async def home_context(datasette: Any) -> dict[str, Any]:
    archived = await rows(datasette, "archivedSources", limit=ARCHIVED_LIMIT)
    count = (await one(datasette, "archivedCount") or {}).get("n", 0)
    return {
        "archived": [
            {**s, "reading_url": reading_url(datasette, s[S.source_id])} for s in archived
        ],
        "archived_count": count,
        "all_archived_url": table_url(datasette, S.TABLE, **{S.is_archived: "1"}),
        "tables": [
            {"title": t.title, "url": table_url(datasette, t.name)}
            for t in project_definition().tables.values()
        ],
    }


async def home_page(datasette: Any, request: Any) -> Response:
    """``/``: its own route, so no other plugin's ``index.html`` can take its place (Datasette
    picks among plugins' templates in no fixed order)."""
    context = {
        "fr_home": await home_context(datasette),
        "fr_jsonld": await dataset_jsonld(datasette, request),
    }
    return Response.html(await datasette.render_template("fr_home.html", context, request=request))
