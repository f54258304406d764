"""Build the SQLite database that Datasette serves, from the published tables.

Everything about its shape is generated from the definition: each published table's DDL
(types, NOT NULL, keys, indexes) from its Table Schema, each derived table's from
``schemas/derived/``, the views' SQL from there too, and the full-text indexes from the
``fts`` hint of each schema. Deterministic: the same package gives the same bytes (tables and
indexes created in a fixed order, rows in primary-key order, no timestamps). Booleans are
stored as 0/1.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, cast

import polars as pl

from fr_az_crisis.definition import DerivedTable, Field, TableSchema, project_definition
from fr_az_crisis.derived_tables import compute, computed_tables
from fr_az_crisis.loader import load
from fr_az_crisis.paths import find_package_dir
from fr_az_crisis.schema_names import TableName, facet_counts

SQL_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "date": "TEXT",
}
FTS_SUFFIXES = ("fts", "fts_config", "fts_data", "fts_docsize", "fts_idx")


def _column(f: Field, *, not_null: bool) -> str:
    return f'"{f.name}" {SQL_TYPES[f.type]}' + (" NOT NULL" if not_null else "")


def create_table_sql(table: TableSchema) -> str:
    cols = [_column(f, not_null=f.required) for f in table.fields]
    cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in table.primary_key) + ")")
    for fk in table.foreign_keys:
        cols.append(
            f"FOREIGN KEY ({', '.join(fk.fields)}) "
            f'REFERENCES "{fk.resource}" ({", ".join(fk.reference_fields)})'
        )
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def create_derived_sql(table: DerivedTable) -> str:
    cols = [_column(f, not_null=False) for f in table.fields]
    if table.primary_key:
        cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in table.primary_key) + ")")
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def indexed_columns(table: TableSchema) -> list[str]:
    """Foreign keys, dates and enumerations (what facets and joins filter on)."""
    cols = {fk.fields[0] for fk in table.foreign_keys if len(fk.fields) == 1}
    cols |= {
        f.name
        for f in table.fields
        if f.type == "date" or (f.enum and f.name != table.primary_key[0])
    }
    return sorted(cols)


def _rows(df: pl.DataFrame) -> list[tuple[Any, ...]]:
    df = df.with_columns(
        [pl.col(c).cast(pl.Int64) for c, t in df.schema.items() if t == pl.Boolean]
        + [
            pl.col(c).cast(pl.String)
            for c, t in df.schema.items()
            if t == pl.Date or isinstance(t, pl.Enum)
        ]
    )
    return df.rows()


def _insert(conn: sqlite3.Connection, name: str, df: pl.DataFrame) -> None:
    placeholders = ", ".join("?" for _ in df.columns)
    conn.executemany(f'INSERT INTO "{name}" VALUES ({placeholders})', _rows(df))


def build_database(output: str | Path, package_dir: str | Path | None = None) -> Path:
    """Write the database to ``output`` (replaced atomically) and return its path."""
    root = find_package_dir(package_dir)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        _write(tmp, root)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a refused package leaves no half-built database
        raise
    tmp.replace(output)
    return output


def _write(tmp: Path, root: Path) -> None:
    """Every table of the verified package (``load`` checks each file's sha256 and
    ``source_texts`` reads only slugs' texts inside the package), derived tables, views."""
    definition = project_definition()
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        for name, table in definition.tables.items():
            conn.execute(create_table_sql(table))
            _insert(
                conn,
                name,
                load(cast(TableName, name), package_dir=root).sort(list(table.primary_key)),
            )
            for col in indexed_columns(table):
                conn.execute(f'CREATE INDEX "idx_{name}_{col}" ON "{name}" ("{col}")')
        for derived in computed_tables():
            conn.execute(create_derived_sql(derived))
            _insert(conn, derived.name, compute(derived.name, root))
            for col in derived.datasette.get("indexes", []):
                conn.execute(
                    f'CREATE INDEX "idx_{derived.name}_{col}" ON "{derived.name}" ("{col}")'
                )
        _count_facets(conn)
        conn.commit()
        _enable_fts(conn)
        for view in definition.derived.values():
            if view.kind == "view":
                conn.execute(f'CREATE VIEW "{view.name}" AS {view.sql}')
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()


def faceted_columns() -> dict[str, list[str]]:
    """Table name to its facet columns (the ``facets`` hint), published and derived tables."""
    definition = project_definition()
    named: list[TableSchema | DerivedTable] = [
        *definition.tables.values(),
        *definition.derived.values(),
    ]
    return {
        t.name: list(t.datasette["facets"])
        for t in named
        if t.datasette.get("facets") and not (isinstance(t, DerivedTable) and t.kind == "view")
    }


def _count_facets(conn: sqlite3.Connection) -> None:
    """Count each facet value of each table once, so unfiltered table pages need no GROUP BY
    over every row (five of them took 250 ms per claims page at a million claims)."""
    conn.execute(create_derived_sql(project_definition().derived[facet_counts.TABLE]))
    for table, columns in faceted_columns().items():
        for column in columns:
            conn.execute(
                f'INSERT INTO "{facet_counts.TABLE}" '
                f'SELECT ?, ?, CAST("{column}" AS TEXT), count(*) FROM "{table}" '
                f'WHERE "{column}" IS NOT NULL GROUP BY "{column}"',
                (table, column),
            )


def fts_columns() -> dict[str, list[str]]:
    """Table name to its full-text columns (the ``fts`` hint of its schema)."""
    return {
        name: list(t.datasette["fts"])
        for name, t in project_definition().tables.items()
        if t.datasette.get("fts")
    }


def _enable_fts(conn: sqlite3.Connection) -> None:
    """FTS5 with the porter tokenizer, as external-content tables Datasette detects."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    for table, columns in fts_columns().items():
        fts_table = db.table(table)
        fts_table.enable_fts(columns, fts_version="FTS5", tokenize="porter", create_triggers=False)
        fts_table.optimize()
