"""Map Table Schema field types to polars dtypes (derived, never declared twice), and cast raw
strings to them accepting only the canonical form of each type.

The canonical form is what the build writes, and nothing else: integers as ``-?[1-9][0-9]*``
or ``0``; numbers likewise with an optional fraction and exponent; dates as ``YYYY-MM-DD``;
booleans as ``true`` or ``false``. frictionless is more lenient (it strips white space and
reads ``int(" 1194")``, ``Decimal("+40.3777")``, ``NaN``, ``1_000``, and the booleans
``True``, ``TRUE``, ``1``): a cell it accepts that is not canonical is refused here as
``non-canonical``, because two readers of one file must not see two values.
"""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal

import polars as pl

from fr_az_crisis.definition import Field, TableSchema, project_definition

_BASE = {
    "string": pl.String,
    "integer": pl.Int64,
    "number": pl.Float64,
    "boolean": pl.Boolean,
    "date": pl.Date,
}

TRUE_VALUES = ("true",)
FALSE_VALUES = ("false",)
LENIENT_BOOLEANS = {"true": True, "True": True, "TRUE": True, "1": True}
LENIENT_BOOLEANS |= {"false": False, "False": False, "FALSE": False, "0": False}
"""frictionless' default spellings: parsed by the reference, not canonical here."""

CANONICAL = {
    "integer": r"^(?:0|-?[1-9][0-9]*)$",
    "number": r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$",
    "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
}


def table_schema_dtype(type_name: str) -> pl.DataType:
    """The polars dtype of a Table Schema type (enumerations aside)."""
    try:
        return _BASE[type_name]()
    except KeyError as exc:
        raise ValueError(f"unsupported Table Schema type {type_name!r}") from exc


def polars_dtype(f: Field) -> pl.DataType:
    """The typed dtype of a column: enums become pl.Enum in schema order."""
    if f.type == "string" and f.enum:
        return pl.Enum(list(f.enum))
    try:
        return table_schema_dtype(f.type)
    except ValueError as exc:
        raise ValueError(f"field {f.name!r}: {exc}") from exc


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
    """Cast a raw string column to its typed dtype; values that do not parse, or are not in
    canonical form, become null (``table_reading.cast_table`` says which and why)."""
    return _cast(f).alias(f.name)


def _cast(f: Field) -> pl.Expr:
    col = pl.col(f.name)
    if f.type == "string":
        return col.cast(polars_dtype(f), strict=False) if f.enum else col
    if f.type == "date":
        canonical = col.str.contains(CANONICAL["date"])
        return pl.when(canonical).then(col.str.to_date("%Y-%m-%d", strict=False))
    if f.type == "boolean":
        return (
            pl.when(col.is_in(TRUE_VALUES))
            .then(pl.lit(True))
            .when(col.is_in(FALSE_VALUES))
            .then(pl.lit(False))
            .otherwise(pl.lit(None, dtype=pl.Boolean))
        )
    value = pl.when(col.str.contains(CANONICAL[f.type])).then(
        col.cast(polars_dtype(f), strict=False)
    )
    if f.type == "number":  # "1e999" is canonical in form but no finite number
        return pl.when(value.is_finite()).then(value)
    return value


def canonical_form(f: Field, value: str) -> str | None:
    """What a non-canonical cell should say, when it parses as frictionless would read it
    (``" 1194"`` -> ``"1194"``); None when it is no value of the type at all."""
    text = value.strip()
    try:
        if f.type == "integer":
            return str(int(text))
        if f.type == "number":
            number = float(Decimal(text))
            return repr(number) if math.isfinite(number) else None
        if f.type == "date":
            return datetime.strptime(text, "%Y-%m-%d").date().isoformat()
    except ValueError:
        return None
    except ArithmeticError:
        return None
    if f.type == "boolean" and value in LENIENT_BOOLEANS:
        return TRUE_VALUES[0] if LENIENT_BOOLEANS[value] else FALSE_VALUES[0]
    return None
