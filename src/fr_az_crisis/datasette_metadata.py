"""Datasette metadata generated from schemas/ and datapackage.json (never written by hand).

Titles, descriptions, licence, label columns, facets and sort orders come from the Table
Schemas (``x-datasette`` holds the presentation hints); helper tables describe their
columns in ``sqlite_db``; derived timeline columns in ``timelines``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fr_az_crisis.paths import find_package_dir
from fr_az_crisis.source_disagreements import DERIVED_COLUMNS as DISCREPANCY_COLUMNS
from fr_az_crisis.sqlite_db import FTS, HELPER_TABLES, VIEWS
from fr_az_crisis.table_schema import read_descriptor, read_schemas
from fr_az_crisis.timelines import DERIVED_COLUMNS, timeline

DATABASE = "fr_az_crisis"
SQL_TIME_LIMIT_MS = 1000

CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "evidence_for_event": {
        "title": "Evidence for an event",
        "description": "Every claim about one event, with its quote, claimant and source.",
        "sql": "select * from event_evidence where event_id = :event_id",
    },
    "who_said_what": {
        "title": "Who said what",
        "description": "Claims made by one claimant (an actor_id, e.g. france_foreign_ministry).",
        "sql": "select * from who_said_what where claimant_actor_id = :claimant_actor_id",
    },
    "search_quotes": {
        "title": "Search quotes and summaries",
        "description": "Full-text search (FTS5, porter stemming) over claim quotes and summaries.",
        "sql": (
            "select claims.claim_id, claims.source_id, claims.quote, claims.summary "
            "from claims join claims_fts on claims.rowid = claims_fts.rowid "
            "where claims_fts match :q order by claims_fts.rank, claims.claim_id"
        ),
    },
    "contradictions": {
        "title": "Contradictions and refutations",
        "description": "Claim pairs where one contradicts or refutes the other, with the note saying how.",
        "sql": "select * from contradictions",
    },
    "source_coverage": {
        "title": "Sources with their coverage",
        "description": "Each archived source with the share of its text covered by claims or furniture.",
        "sql": (
            "select s.source_id, s.title, s.outlet_actor_id, s.published_date, c.text_chars, "
            "c.claim_chars, c.furniture_chars, c.uncovered_chars, c.coverage, c.uncovered_sentences "
            "from sources s join source_coverage c on c.source_id = s.source_id order by s.source_id"
        ),
    },
}


def build_metadata(package_dir: str | Path | None = None) -> dict[str, Any]:
    root = find_package_dir(package_dir)
    package = read_descriptor(root)
    licence = package["licenses"][0]
    tables: dict[str, Any] = {}
    for name, table in read_schemas(root).items():
        hints = table.datasette
        entry: dict[str, Any] = {
            "title": table.title,
            "description": table.description,
            "columns": {f.name: f.description for f in table.fields},
        }
        for key in ("label_column", "facets", "sort"):
            if key in hints:
                entry[key] = hints[key]
        if name in FTS:
            entry["fts_table"] = f"{name}_fts"
        tables[name] = entry
    events = tables["events"]["columns"]
    tables["timeline"] = {
        "title": "Timeline",
        "description": "Events in date order with initiators, targets, place and how many (independent) sources report them.",
        "columns": {c: events.get(c) or DERIVED_COLUMNS[c] for c in timeline(root).columns},
        "label_column": "title",
        "facets": ["episode", "event_type"],
        "sort": "date_start",
    }
    tables["discrepancies"] = {
        "title": "Discrepancies",
        "description": "Where sources disagree: pairs of claims from different sources, one contradicting the other, with a note on what differs.",
        "columns": {"discrepancy_no": "Row number in claim_id order.", **DISCREPANCY_COLUMNS},
        "label_column": "note",
        "facets": ["source_id", "related_source_id"],
    }
    for name, columns in HELPER_TABLES.items():
        tables[name] = {"columns": columns, "hidden": name == "source_texts"}
    for name in FTS:
        for suffix in ("fts", "fts_config", "fts_data", "fts_docsize", "fts_idx"):
            tables[f"{name}_{suffix}"] = {"hidden": True}
    for name in VIEWS:
        tables.setdefault(name, {})["description"] = f"View: {name.replace('_', ' ')}."
    links = "".join(f'<li><a href="/-/sources/{sid}">{sid}</a></li>' for sid in _archived_ids(root))
    return {
        "title": package["title"],
        "description_html": (
            f"<p>{package['description']}</p>"
            '<p><a href="/-/timeline">Timeline chart</a> · '
            f'<a href="/{DATABASE}/timeline">timeline table with map</a> · '
            f'<a href="/{DATABASE}/discrepancies">where the sources disagree</a> · '
            '<a href="/-/search">search all tables</a></p>'
            f"<p>Read each archived source with its claims highlighted:</p><ul>{links}</ul>"
        ),
        "license": licence.get("title", licence["name"]).split(" (")[0],
        "license_url": licence["path"],
        "source": "fr-az-crisis data package",
        **({"source_url": package["homepage"]} if package.get("homepage") else {}),
        "databases": {
            DATABASE: {
                "title": package["title"],
                "tables": tables,
                "queries": CANNED_QUERIES,
            }
        },
        "plugins": {
            "datasette-cluster-map": {
                "latitude_column": "latitude",
                "longitude_column": "longitude",
            }
        },
    }


def _archived_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "data" / "sources").glob("*.txt"))


def write_metadata(path: str | Path, package_dir: str | Path | None = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(build_metadata(package_dir), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return path
