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


def pandera_column(f: Field, *, unique: bool | None = None) -> pa.Column:
    # Enum membership is part of the dtype (pl.Enum); an out-of-enum value is caught by the caster.
    # `unique` is only declared on required fields, so pandera's null-counting does not differ
    # from frictionless here (a test on the schemas guards that).
    return pa.Column(
        polars_dtype(f),
        checks=_checks(f),
        nullable=not f.required,
        unique=f.unique if unique is None else unique,
        required=True,
        description=f.description,
    )


def pandera_schema(table: TableSchema, *, primary_key: bool = True) -> pa.DataFrameSchema:
    """The DataFrameSchema of one table, strict about its columns.

    ``primary_key=False`` leaves the primary key's uniqueness out: validation checks it by a
    join that also names the first occurrence (``checks.keys``), at half the cost of pandera's
    uniqueness check on a million rows, and one check should not run twice.  Other unique
    fields stay in.
    """
    key = tuple(table.primary_key)
    return pa.DataFrameSchema(
        {
            f.name: pandera_column(
                f, unique=False if not primary_key and key == (f.name,) else None
            )
            for f in table.fields
        },
        name=table.name,
        strict=True,
        ordered=True,
        unique=list(key) if primary_key and len(key) > 1 else None,
    )
