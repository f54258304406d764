"""Words first: the order in which a table's columns are shown.

A reader looks for what was said, by whom, where and when; ids and codes are for looking
things up. The order is derived from the definition, so a new column finds its place:

1. the columns ``leadingColumns`` names for the table (``schemas/datasette.json``);
2. words: free text (no enumeration, pattern or format; not a key), the label column first;
3. references to other tables; 4. dates and numbers; 5. enumerations; 6. booleans;
7. ids and codes: the primary key, patterned strings, offsets.

Only the HTML changes: the database, JSON and CSV keep the schema's order.
"""

from __future__ import annotations

from functools import cache

from fr_az_crisis.datasette_metadata import presentation
from fr_az_crisis.definition import DerivedTable, Field, TableSchema, project_definition

WORDS, REFERENCES, DATES, ENUMS, BOOLEANS, CODES = range(6)


def _rank(table: TableSchema | DerivedTable, f: Field) -> int:
    keys = set(table.primary_key)
    references = (
        {fk.fields[0] for fk in table.foreign_keys if len(fk.fields) == 1}
        if isinstance(table, TableSchema)
        else set()
    )
    if f.name in references and f.name not in keys:
        return REFERENCES
    if f.name in keys or f.pattern or f.format or (f.type == "integer" and f.minimum == 0):
        return CODES
    if f.enum:
        return ENUMS
    if f.type == "boolean":
        return BOOLEANS
    if f.type in ("date", "integer", "number"):
        return DATES
    return WORDS


@cache
def column_order(table: str | None) -> tuple[str, ...]:
    """The table's columns, words first (empty for query results: their SQL decides)."""
    definition = project_definition()
    named = definition.tables.get(table or "") or definition.derived.get(table or "")
    if named is None:
        return ()
    leading = list(presentation().get("leadingColumns", {}).get(named.name, []))
    label = named.datasette.get("label_column")
    rest = [f for f in named.fields if f.name not in leading]
    rest.sort(key=lambda f: (_rank(named, f), f.name != label))  # stable: schema order within
    return (*leading, *(f.name for f in rest))


def display_order(table: str | None, names: list[str]) -> list[int]:
    """Positions of ``names`` (Datasette's display columns) in words-first order; columns the
    definition does not know (such as Datasette's ``Link``) go last, in their order."""
    order = {name: i for i, name in enumerate(column_order(table))}
    positions = list(range(len(names)))
    return sorted(positions, key=lambda i: (order.get(names[i], len(order)), i))
