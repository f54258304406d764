"""The about page: how the data is made, every vocabulary with its meanings, the licence of
each part, how to cite. The glossary is read from the schema, the licences from the package,
the publishers of the archived texts from the sources table."""

from __future__ import annotations

from importlib import metadata
from typing import Any

from datasette.utils.asgi import Response

from fr_az_crisis.datasette_plugin.queries import rows
from fr_az_crisis.datasette_plugin.site_info import dataset_citation, package
from fr_az_crisis.datasette_plugin.vocabulary import glossary

PUBLISHERS_LIMIT = 50
DISTRIBUTION = "fr-az-crisis"


def software_licence() -> str:
    try:
        meta = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return ""
    return meta.get("License-Expression") or meta.get("License") or ""


async def about_page(datasette: Any, request: Any) -> Response:
    publishers = await rows(datasette, "archivedPublishers", limit=PUBLISHERS_LIMIT)
    info = package(datasette)
    context = {
        "package": info,
        "glossary": glossary(),
        "software_licence": software_licence(),
        "publishers": [p["outlet_name"] for p in publishers],
        "citation": dataset_citation(datasette, request),
    }
    return Response.html(await datasette.render_template("about.html", context, request=request))
