"""Stable identifiers: a published ID may leave only with a retraction note, and never returns.

The keyed tables are those whose primary key is a single column (derived from the schemas):
their IDs are what users cite. Link tables are keyed by what they link.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from fr_az_crisis.definition import Definition
from fr_az_crisis.paths import UnsafePath, read_inside
from fr_az_crisis_build.curated import ErrorLog, check_items, describe, load_yaml

RETRACTION_KEYS = {"table", "id", "date", "reason"}


def keyed_tables(definition: Definition) -> dict[str, str]:
    """Table name to its one-column primary key, for every table with such a key."""
    return {
        name: t.primary_key[0] for name, t in definition.tables.items() if len(t.primary_key) == 1
    }


def published_ids(root: Path, rel: str, key: str) -> set[str]:
    """The IDs of a published table (none when it is not there yet); ``UnsafePath`` for a
    table that is a symlink out of the project, and ``ValueError`` for one that is no CSV."""
    data = read_inside(root, rel)
    if data is None:
        return set()
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    return {row[key] for row in reader if row.get(key)}


def check_retraction(rel: str, n: int, item: dict, log: ErrorLog) -> bool:
    """Each key of a retraction is text, except its date."""
    ok = True
    for key in sorted(RETRACTION_KEYS):
        value, want = item[key], date if key == "date" else str
        if type(value) is not want:
            plain = getattr(item, "plain", {}).get(key)
            expected = "a date" if want is date else "text"
            log.add(rel, n, key, f"expected {expected}, got {describe(value, plain)}")
            ok = False
    return ok


def check_retractions(
    root: Path, definition: Definition, rows: dict[str, list[dict]], log: ErrorLog
) -> None:
    rel = definition.path("retractions")
    items = load_yaml(root, rel, log) if (root / rel).exists() else []
    checked = check_items(rel, items or [], RETRACTION_KEYS, RETRACTION_KEYS, "retractions", log)
    checked = [(n, item) for n, item in checked if check_retraction(rel, n, item, log)]
    retracted = {(item["table"], str(item["id"])) for _, item in checked}
    keyed = keyed_tables(definition)
    for n, item in checked:
        if item["table"] not in keyed:
            log.add(rel, n, "table", f"{item['table']!r} is not a keyed table ({', '.join(keyed)})")
    for table, key in keyed.items():
        table_rel = definition.table_path(table)
        new_ids = {str(r[key]) for r in rows.get(table, [])}
        try:
            old_ids = published_ids(root, table_rel, key)
        except UnsafePath as exc:
            log.add(table_rel, None, None, f"{exc.reason}; it is not read")
            continue
        except (UnicodeDecodeError, csv.Error) as exc:
            log.add(table_rel, None, None, f"the published table cannot be read: {exc}")
            continue
        for gone in sorted(old_ids - new_ids):
            if (table, gone) not in retracted:
                log.add(
                    table_rel,
                    None,
                    key,
                    f"{gone!r} is published but no longer curated; record it in {rel} "
                    "(table, id, date, reason)",
                )
        for table_name, ident in sorted(retracted):
            if table_name == table and ident in new_ids:
                log.add(rel, None, "id", f"{table}.{ident} was retracted and may not be reused")
