"""What every page knows about the site: title, versions, licences and where the task pages
are. Read from the plugin's settings in the metadata (``datasette_metadata.package_info``)."""

from __future__ import annotations

from typing import Any

from fr_az_crisis.datasette_metadata import PLUGIN, presentation
from fr_az_crisis.datasette_plugin.fts_query import FUNCTION_NAME
from fr_az_crisis.datasette_plugin.queries import DATABASE

PAGES = {
    "about": "/-/about",
    "chronology": "/-/timeline",
    "disagreements": "/-/disagreements",
    "accusations": "/-/accusations",
}
"""The plugin's own pages (their routes are registered from these paths)."""


def package(datasette: Any) -> dict[str, Any]:
    from fr_az_crisis import __version__

    info = datasette.plugin_config(PLUGIN) or {}
    return {
        "name": info.get("name") or PLUGIN,
        "title": info.get("title") or PLUGIN,
        "description": info.get("description", ""),
        "version": info.get("version", ""),
        "software_version": info.get("software_version", __version__),
        "homepage": info.get("homepage"),
        "licences": info.get("licences", []),
        "contributors": info.get("contributors", []),
    }


def dataset_citation(datasette: Any, request: Any) -> str:
    """How to cite the dataset (the about page, the home page's creditText)."""
    info = package(datasette)
    return (
        f"{'; '.join(info['contributors'] or [info['name']])}. {info['title']}, "
        f"dataset version {info['version']}. "
        + datasette.absolute_url(request, datasette.urls.instance())
    )


def search_query_name() -> str:
    """The canned query that searches quotes: the one whose SQL calls the search function."""
    for name, query in presentation()["queries"].items():
        sql = query["sql"]
        if FUNCTION_NAME in ("\n".join(sql) if isinstance(sql, list) else sql):
            return name
    raise LookupError(f"no canned query calls {FUNCTION_NAME}")


def site_context(datasette: Any) -> dict[str, Any]:
    urls = {key: datasette.urls.path(path) for key, path in PAGES.items()}
    served = DATABASE in datasette.databases
    urls["search"] = datasette.urls.query(DATABASE, search_query_name()) if served else None
    urls["database"] = datasette.urls.database(DATABASE) if served else datasette.urls.instance()
    return {**package(datasette), "urls": urls}
