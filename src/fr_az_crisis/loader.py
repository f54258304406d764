"""Typed access to the published tables: the researcher's entry point."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fr_az_crisis.definition import TableSchema, project_definition
from fr_az_crisis.dtypes import cast_expr, polars_schema
from fr_az_crisis.paths import find_package_dir
from fr_az_crisis.schema_names import TABLES, TableName
from fr_az_crisis.table_reading import read_raw_bytes


def tables() -> list[TableName]:
    """Names of the tables, in the package's order."""
    return list(TABLES)


def schema(table: TableName) -> TableSchema:
    """The parsed Table Schema of one table (fields, keys, descriptions)."""
    return project_definition().table(table)


def load(
    table: TableName, *, validate: bool = False, package_dir: str | Path | None = None
) -> pl.DataFrame:
    """Load one table as a typed polars DataFrame.

    Dates are ``pl.Date``, enumerations ``pl.Enum`` (categories in schema order), booleans
    ``pl.Boolean``, integers ``pl.Int64``, numbers ``pl.Float64``.

    >>> import fr_az_crisis
    >>> events = fr_az_crisis.load("events")
    >>> events.schema["date_start"]
    Date
    >>> events.schema["event_type"].__class__.__name__
    'Enum'

    ``validate=True`` also runs the pandera schema derived from the Table Schema and raises
    ``pandera.errors.SchemaErrors`` on any violation.
    """
    root = find_package_dir(package_dir)
    ts = schema(table)
    try:
        # The published files are written in exactly the forms polars parses natively.
        df = pl.read_csv(root / ts.path, schema=polars_schema(ts), raise_if_empty=False)
    except pl.exceptions.PolarsError:
        # Hand-edited or foreign files: the validator's lenient cast (bad cells become null,
        # and ``validate=True`` or ``fr-az-crisis validate`` says which).
        raw = read_raw_bytes((root / ts.path).read_bytes())
        df = raw.select([cast_expr(f) for f in ts.fields]).cast(polars_schema(ts))
    if validate:
        from fr_az_crisis.pandera_schemas import pandera_schema

        pandera_schema(ts).validate(df, lazy=True)
    return df


def load_all(
    *, validate: bool = False, package_dir: str | Path | None = None
) -> dict[TableName, pl.DataFrame]:
    """Every table, keyed by name.

    >>> sorted(load_all())[:3]
    ['actors', 'claim_relations', 'claims']
    """
    return {name: load(name, validate=validate, package_dir=package_dir) for name in TABLES}


def source_text(source_id: str, package_dir: str | Path | None = None) -> str:
    """The archived text of a source, exactly as received (decoded UTF-8, no newline changes).

    >>> source_text("massis_post_2023_12_27_azerbaijan_expels")[:20]
    ' date 2023-12-27 BAK'
    """
    root = find_package_dir(package_dir)
    path = root / project_definition().text_path(source_id)
    if not path.is_file():
        raise KeyError(f"no archived text for source {source_id!r} (citation-only or unknown)")
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()
