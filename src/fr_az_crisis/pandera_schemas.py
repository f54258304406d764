"""pandera-polars schemas derived from the Table Schemas.

Types are enforced by the caster (``dtypes.cast_expr``) before pandera sees a frame, so
these schemas carry the constraints: required, unique, enum, pattern, range.  Patterns are
anchored as ``^(?:p)$`` because pandera's ``str_matches`` anchors only at the start, while
Table Schema patterns match the whole value.
"""

from __future__ import annotations

import pandera.polars as pa

from fr_az_crisis.dtypes import polars_dtype
from fr_az_crisis.table_schema import Field, TableSchema


def anchored(pattern: str) -> str:
    return f"^(?:{pattern})$"


def _checks(f: Field) -> list[pa.Check]:
    checks: list[pa.Check] = []
    if f.pattern:
        checks.append(pa.Check.str_matches(anchored(f.pattern)))
    if f.minimum is not None:
        checks.append(pa.Check.ge(f.minimum))
    if f.maximum is not None:
        checks.append(pa.Check.le(f.maximum))
    return checks


def pandera_column(f: Field) -> pa.Column:
    # Enum membership is part of the dtype (pl.Enum); an out-of-enum value is caught by the caster.
    # `unique` is only declared on required fields, so pandera's null-counting does not differ
    # from frictionless here (a test on the schemas guards that).
    return pa.Column(
        polars_dtype(f),
        checks=_checks(f),
        nullable=not f.required,
        unique=f.unique,
        required=True,
        description=f.description,
    )


def pandera_schema(table: TableSchema) -> pa.DataFrameSchema:
    """The DataFrameSchema of one table, strict about its columns."""
    return pa.DataFrameSchema(
        {f.name: pandera_column(f) for f in table.fields},
        name=table.name,
        strict=True,
        ordered=True,
        unique=list(table.primary_key) if len(table.primary_key) > 1 else None,
    )
