"""Deterministic CSV: schema column order, sorted by primary key, UTF-8 NFC, LF, RFC 4180 quoting."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from fr_az_crisis.definition import TableSchema


def format_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return unicodedata.normalize("NFC", str(value))


def sort_key(table: TableSchema, row: Mapping[str, Any]) -> tuple:
    return tuple(format_cell(row.get(k)) for k in table.primary_key)


def write_table(
    path: Path, table: TableSchema, rows: Iterable[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """Write the table; returns its rows in file order (row i is on CSV line i + 2). Keys
    that are not columns are not written."""
    names = table.field_names
    ordered = sorted(rows, key=lambda r: sort_key(table, r))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(names)
        for row in ordered:
            writer.writerow([format_cell(row.get(n)) for n in names])
    return ordered
