"""How one cell reads in any table, view or query: ids as links, booleans as yes and no, the
map popup as the event's title. Everything else is left to Datasette (which escapes it)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from markupsafe import Markup, escape

from fr_az_crisis.datasette_plugin.links import reading_url, row_url, table_naming
from fr_az_crisis.datasette_plugin.queries import DATABASE, rows
from fr_az_crisis.datasette_plugin.vocabulary import boolean_columns
from fr_az_crisis.definition import project_definition
from fr_az_crisis.schema_names import events as E
from fr_az_crisis.schema_names import sources as S
from fr_az_crisis.schema_names import timeline as T

ARCHIVED: WeakKeyDictionary[Any, frozenset[str]] = WeakKeyDictionary()
"""Per Datasette instance: ids of the sources whose text is held (the database is immutable)."""


async def remember_archived(datasette: Any) -> None:
    found = await rows(datasette, "archivedSources", limit=-1)
    ARCHIVED[datasette] = frozenset(r[S.source_id] for r in found)


def is_archived(datasette: Any, source_id: str) -> bool:
    return source_id in ARCHIVED.get(datasette, frozenset())


def render(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Markup | None:
    if database != DATABASE or isinstance(value, dict):
        return None  # other databases, and foreign keys Datasette labels itself
    if column in boolean_columns(table) and value in (0, 1):
        return Markup("yes" if value else "no")
    if table == T.TABLE and column == T.popup and isinstance(value, str):
        return _popup_link(datasette, row, value)
    if not isinstance(value, str) or not value:
        return None
    named = table_naming(table, column)
    if named is None or (named == table and _is_own_key(row, column, table)):
        return None
    link = Markup('<a href="{}">{}</a>').format(row_url(datasette, named, value), value)
    if named == S.TABLE and is_archived(datasette, value):
        link += Markup(' (<a href="{}">read</a>)').format(reading_url(datasette, value))
    return link


def _is_own_key(row: Any, column: str, table: str | None) -> bool:
    """The row's own id on its own row page: Datasette shows it already."""
    return (table, column) in _single_keys()


@cache
def _single_keys() -> frozenset[tuple[str, str]]:
    return frozenset(
        (t.name, t.primary_key[0])
        for t in project_definition().tables.values()
        if len(t.primary_key) == 1
    )


def _popup_link(datasette: Any, row: Any, value: str) -> Markup | None:
    """The popup's title, linked to its event's page (the JSON's own link is relative to the
    table page the map is drawn on, so it is not reused here)."""
    try:
        title = str(json.loads(value)["title"])
        event_id = row[T.event_id]
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    if not isinstance(event_id, str):
        return Markup(escape(title))
    return Markup('<a href="{}">{}</a>').format(row_url(datasette, E.TABLE, event_id), title)
