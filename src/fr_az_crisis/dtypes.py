"""Map Table Schema field types to polars dtypes (derived, never declared twice)."""

from __future__ import annotations

import polars as pl

from fr_az_crisis.definition import Field, TableSchema, project_definition

_BASE = {
    "string": pl.String,
    "integer": pl.Int64,
    "number": pl.Float64,
    "boolean": pl.Boolean,
    "date": pl.Date,
}

# Frictionless' default boolean spellings: the fast path accepts exactly what the reference does.
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")


def polars_dtype(f: Field) -> pl.DataType:
    """The typed dtype of a column: enums become pl.Enum in schema order."""
    if f.type == "string" and f.enum:
        return pl.Enum(list(f.enum))
    try:
        return _BASE[f.type]()
    except KeyError as exc:
        raise ValueError(f"field {f.name!r}: unsupported Table Schema type {f.type!r}") from exc


def polars_schema(table: TableSchema) -> dict[str, pl.DataType]:
    return {f.name: polars_dtype(f) for f in table.fields}


def derived_polars_schema(name: str) -> dict[str, pl.DataType]:
    """The dtypes of a derived table's columns (enums as plain strings: the frames are built
    from Python values)."""
    return {
        f.name: pl.String() if f.enum else polars_dtype(f)
        for f in project_definition().derived[name].fields
    }


def cast_expr(f: Field) -> pl.Expr:
    """Cast a raw string column to its typed dtype; values that do not parse become null."""
    return _cast(f).alias(f.name)


def _cast(f: Field) -> pl.Expr:
    col = pl.col(f.name)
    if f.type == "string":
        return col.cast(polars_dtype(f), strict=False) if f.enum else col
    if f.type == "date":
        return col.str.to_date("%Y-%m-%d", strict=False)
    if f.type == "boolean":
        return (
            pl.when(col.is_in(TRUE_VALUES))
            .then(pl.lit(True))
            .when(col.is_in(FALSE_VALUES))
            .then(pl.lit(False))
            .otherwise(pl.lit(None, dtype=pl.Boolean))
        )
    return col.str.strip_chars().cast(polars_dtype(f), strict=False)
