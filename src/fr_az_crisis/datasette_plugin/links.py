"""Where an id leads, and which outside addresses may become links.

Every id column links to the page of the row it names. Which table an id names comes from the
definition: a table's own single-column primary key, a foreign key, or a derived column that
copies one (``"from"`` in ``schemas/derived/``). URLs are built with ``datasette.urls``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from datasette.utils import tilde_encode

from fr_az_crisis.datasette_metadata import safe_link
from fr_az_crisis.datasette_plugin.queries import DATABASE
from fr_az_crisis.definition import DerivedTable, TableSchema, project_definition

READING_PATH = "/-/sources/{source_id}"


def _named_by(table: TableSchema, column: str) -> str | None:
    if list(table.primary_key) == [column]:
        return table.name
    for fk in table.foreign_keys:
        if list(fk.fields) == [column]:
            return fk.resource
    return None


@lru_cache(maxsize=1)
def id_columns() -> dict[str | None, dict[str, str]]:
    """For each table or view (and ``None``: query results), id column -> table it names."""
    definition = project_definition()
    out: dict[str | None, dict[str, str]] = {}
    by_name: dict[str, str] = {}
    for table in definition.tables.values():
        for f in table.fields:
            named = _named_by(table, f.name)
            if named:
                out.setdefault(table.name, {})[f.name] = named
                by_name.setdefault(f.name, named)
    for derived in definition.derived.values():
        out[derived.name] = _derived_ids(derived)
        for column, named in out[derived.name].items():
            by_name.setdefault(column, named)
    out[None] = by_name
    return out


def _derived_ids(derived: DerivedTable) -> dict[str, str]:
    definition = project_definition()
    found = {}
    for column, origin in derived.origins.items():
        table, source_column = origin.split(".")
        named = _named_by(definition.table(table), source_column)
        if named:
            found[column] = named
    return found


def table_naming(table: str | None, column: str) -> str | None:
    """The table whose row ``column`` names in ``table`` (None for query results)."""
    known = id_columns()
    return known.get(table, known[None]).get(column)


def row_url(datasette: Any, table: str, *pk: str) -> str:
    return datasette.urls.row(DATABASE, table, ",".join(tilde_encode(str(v)) for v in pk))


def table_url(datasette: Any, table: str, **filters: str) -> str:
    base = datasette.urls.table(DATABASE, table)
    return f"{base}?{urlencode(filters)}" if filters else base


def reading_url(datasette: Any, source_id: str, claim_id: str | None = None) -> str:
    path = datasette.urls.path(READING_PATH.format(source_id=tilde_encode(source_id)))
    if claim_id:
        path += f"?claim={tilde_encode(claim_id)}#span-{claim_id}"
    return path


def safe_url(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) address, else None: a ``javascript:`` or
    ``data:`` address from data or metadata never becomes a link."""
    return safe_link(value)
