"""Datasette metadata generated from schemas/ and datapackage.json (never written by hand).

Titles, descriptions, label columns, facets and sort orders come from the Table Schemas
(the ``fr-az-crisis:datasette`` hints) and ``schemas/derived/``; canned queries and settings
from ``schemas/datasette.json``; the licence from datapackage.json.

Nothing from datapackage.json reaches Datasette as HTML: values are plain text (templates
escape them) and only http(s) addresses become links.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fr_az_crisis.definition import DerivedTable, TableSchema, project_definition
from fr_az_crisis.paths import find_package_dir
from fr_az_crisis.schema_names import timeline
from fr_az_crisis.sqlite_db import FTS_SUFFIXES, fts_columns

HINTS = ("label_column", "facets", "sort", "allow")


@lru_cache(maxsize=1)
def presentation() -> dict[str, Any]:
    """``schemas/datasette.json``: the database name, settings and canned queries."""
    definition = project_definition()
    return json.loads((definition.root / definition.path("datasette")).read_text(encoding="utf-8"))


def database_name() -> str:
    return str(presentation()["database"])


def _table_entry(table: TableSchema | DerivedTable) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "title": table.title,
        "description": table.description,
        "columns": {f.name: f.description for f in table.fields},
    }
    for key in HINTS:
        if key in table.datasette:
            entry[key] = table.datasette[key]
    return entry


PLUGIN = "fr-az-crisis"
"""The plugin's name in Datasette (its distribution's name) and the key of its settings."""


def settings() -> dict[str, Any]:
    p = presentation()
    return {
        "sql_time_limit_ms": p["sqlTimeLimitMs"],
        "facet_time_limit_ms": p["facetTimeLimitMs"],
        "default_page_size": p["pageSize"],
    }


def safe_link(value: Any) -> str | None:
    """An absolute http(s) address, or None: metadata never hands Datasette a ``javascript:``
    or other address to make a link of (its footer links license_url and source_url)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if any(ord(ch) < 33 for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def package_info(package: dict[str, Any]) -> dict[str, Any]:
    """What the site says about the package (footer, about page, citations): plain text that
    templates escape, and only addresses that passed ``safe_link``."""
    from fr_az_crisis import __version__

    licences = [
        {
            "name": _text(lic.get("name")),
            "title": _text(lic.get("title")) or _text(lic.get("name")),
            "url": safe_link(lic.get("path")),
        }
        for lic in package.get("licenses", [])
        if isinstance(lic, dict)
    ]
    return {
        "name": _text(package.get("name")),
        "title": _text(package.get("title")),
        "description": _text(package.get("description")),
        "version": _text(package.get("version")),
        "software_version": __version__,
        "homepage": safe_link(package.get("homepage")),
        "licences": licences,
        "contributors": [
            _text(c.get("title")) for c in package.get("contributors", []) if isinstance(c, dict)
        ],
    }


def build_metadata(package_dir: str | Path | None = None) -> dict[str, Any]:
    root = find_package_dir(package_dir)
    definition = project_definition()
    package = json.loads((root / definition.path("descriptor")).read_text(encoding="utf-8"))
    info = package_info(package)
    database = database_name()
    tables: dict[str, Any] = {}
    for name, table in definition.tables.items():
        tables[name] = _table_entry(table)
        if name in fts_columns():
            tables[name]["fts_table"] = f"{name}_fts"
    for name, derived in definition.derived.items():
        tables[name] = _table_entry(derived)
        if derived.hidden:
            tables[name]["hidden"] = True
    for name in fts_columns():
        for suffix in FTS_SUFFIXES:
            # The search index is not for reading (its term rows have blob keys, which
            # Datasette 0.65 cannot link): hidden and not served as pages.
            tables[f"{name}_{suffix}"] = {"hidden": True, "allow": False}
    for name, size in presentation().get("tablePageSizes", {}).items():
        tables[name]["size"] = size  # tall rows (a quote and a summary each) read in fewer
    for name in _maps_without_popups():
        # A map's popup lists every column unless the rows carry a ``popup``; these tables
        # cannot, so they get no map (their places are on the timeline's map).
        # (a table-level block replaces the top-level one; naming no column turns the map off).
        tables[name]["plugins"] = {MAP_PLUGIN: {"latitude_column": "-", "longitude_column": "-"}}
    licence = info["licences"][0] if info["licences"] else {}
    metadata: dict[str, Any] = {
        "title": info["title"],
        "description": info["description"],
        "license": licence.get("name", ""),
        "source": info["name"],
        "databases": {
            database: {
                "title": info["title"],
                "tables": tables,
                "queries": queries(),
            }
        },
        "plugins": {
            MAP_PLUGIN: {
                "latitude_column": timeline.latitude,
                "longitude_column": timeline.longitude,
            },
            PLUGIN: info,
        },
    }
    if licence.get("url"):
        metadata["license_url"] = licence["url"]
    if info["homepage"]:
        metadata["source_url"] = info["homepage"]
    return metadata


MAP_PLUGIN = "datasette-cluster-map"


def _maps_without_popups() -> list[str]:
    """Tables with both map columns but no popup column."""
    definition = project_definition()
    named = [*definition.tables.values(), *definition.derived.values()]
    return [
        t.name
        for t in named
        if {timeline.latitude, timeline.longitude} <= set(t.field_names)
        and timeline.popup not in t.field_names
    ]


def queries() -> dict[str, Any]:
    """The canned queries, their SQL joined where it is declared as a list of lines."""
    out = {}
    for name, query in presentation()["queries"].items():
        sql = query["sql"]
        out[name] = {**query, "sql": "\n".join(sql) if isinstance(sql, list) else sql}
    return out


def write_metadata(path: str | Path, package_dir: str | Path | None = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(build_metadata(package_dir), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return path
