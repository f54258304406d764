"""Stable identifiers: a published ID may leave only with a retraction note, and never returns."""

from __future__ import annotations

import csv
from pathlib import Path

from buildlib.curated import CurationError, check_items, read_yaml

KEYED = {
    "sources": "source_id",
    "actors": "actor_id",
    "places": "place_id",
    "events": "event_id",
    "claims": "claim_id",
}
REL = "data/curated/retractions.yaml"


def published_ids(root: Path, table: str) -> set[str]:
    path = root / "data" / f"{table}.csv"
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8", newline="") as fh:
        return {row[KEYED[table]] for row in csv.DictReader(fh) if row.get(KEYED[table])}


def check_retractions(root: Path, rows: dict[str, list[dict]]) -> None:
    path = root / REL
    items = read_yaml(path, root) if path.is_file() else []
    items = check_items(
        REL,
        items or [],
        {"table", "id", "date", "reason"},
        {"table", "id", "date", "reason"},
        "retractions",
    )
    retracted = {(i["table"], i["id"]) for i in items}
    for table, key in KEYED.items():
        new_ids = {str(r[key]) for r in rows[table]}
        for gone in sorted(published_ids(root, table) - new_ids):
            if (table, gone) not in retracted:
                raise CurationError(
                    f"data/{table}.csv",
                    None,
                    key,
                    f"{gone!r} is published but no longer curated; record it in {REL} (table, id, date, reason)",
                )
        for table_name, ident in sorted(retracted):
            if table_name == table and ident in new_ids:
                raise CurationError(
                    REL, None, "id", f"{table}.{ident} was retracted and may not be reused"
                )
