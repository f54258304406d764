"""Datasette metadata generated from schemas/ and datapackage.json (never written by hand).

Titles, descriptions, label columns, facets and sort orders come from the Table Schemas
(the ``fr-az-crisis:datasette`` hints) and ``schemas/derived/``; canned queries and settings
from ``schemas/datasette.json``; the licence from datapackage.json.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from fr_az_crisis.definition import DerivedTable, TableSchema, project_definition
from fr_az_crisis.paths import find_package_dir
from fr_az_crisis.schema_names import timeline
from fr_az_crisis.sqlite_db import FTS_SUFFIXES, fts_columns

HINTS = ("label_column", "facets", "sort")


@lru_cache(maxsize=1)
def presentation() -> dict[str, Any]:
    """``schemas/datasette.json``: the database name, settings and canned queries."""
    definition = project_definition()
    return json.loads((definition.root / definition.path("datasette")).read_text(encoding="utf-8"))


def database_name() -> str:
    return str(presentation()["database"])


def settings() -> dict[str, int]:
    p = presentation()
    return {"sql_time_limit_ms": p["sqlTimeLimitMs"], "facet_time_limit_ms": p["facetTimeLimitMs"]}


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


def build_metadata(package_dir: str | Path | None = None) -> dict[str, Any]:
    root = find_package_dir(package_dir)
    definition = project_definition()
    package = json.loads((root / definition.path("descriptor")).read_text(encoding="utf-8"))
    licence = package["licenses"][0]
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
            tables[f"{name}_{suffix}"] = {"hidden": True}
    return {
        "title": package["title"],
        "description_html": (
            f"<p>{package['description']}</p>"
            '<p><a href="/-/timeline">Timeline chart</a> · '
            f'<a href="/{database}/timeline">timeline table with map</a> · '
            f'<a href="/{database}/discrepancies">where the sources disagree</a> · '
            '<a href="/-/search">search all tables</a></p>'
            "<p>Read each archived source with its claims highlighted:</p><ul>"
            + "".join(
                f'<li><a href="/-/sources/{sid}">{sid}</a></li>' for sid in _archived_ids(root)
            )
            + "</ul>"
        ),
        "license": licence.get("title", licence["name"]).split(" (")[0],
        "license_url": licence["path"],
        "source": "fr-az-crisis data package",
        **({"source_url": package["homepage"]} if package.get("homepage") else {}),
        "databases": {
            database: {
                "title": package["title"],
                "tables": tables,
                "queries": presentation()["queries"],
            }
        },
        "plugins": {
            "datasette-cluster-map": {
                "latitude_column": timeline.latitude,
                "longitude_column": timeline.longitude,
            }
        },
    }


def _archived_ids(root: Path) -> list[str]:
    """Sources whose text is held: the text files the definition's text path names."""
    pattern = project_definition().text_path("*")
    return sorted(p.stem for p in root.glob(pattern))


def write_metadata(path: str | Path, package_dir: str | Path | None = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(build_metadata(package_dir), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return path
