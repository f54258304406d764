"""pandera-polars schemas derived from the Table Schemas.

Types are enforced by the caster (``dtypes.cast_expr``) before pandera sees a frame, so these
schemas carry the constraints: required, unique, pattern, range, length and format. Every
constraint kind ``definition.Field`` accepts has a check here (a meta-test keeps the two in
step), each tagged with the problem code it reports.

Patterns are anchored as ``^(?:p)$`` because pandera's ``str_matches`` anchors only at the
start, while Table Schema patterns match the whole value.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandera.polars as pa

from fr_az_crisis.definition import Field, TableSchema
from fr_az_crisis.dtypes import polars_dtype

URI_SCHEME = r"[A-Za-z][A-Za-z0-9+.\-]*:"
"""What frictionless' ``format: uri`` requires (RFC 3986 via ``rfc3986``): a scheme, then ``:``.
A property test compares this rule with frictionless' own reader."""


def anchored(pattern: str) -> str:
    return f"^(?:{pattern})$"


def bound(f: Field, value: Any) -> Any:
    """A minimum or maximum as the column's values are typed: a date field's bounds are
    written as ISO dates in the schema (as Table Schema says) and compared as dates."""
    return date.fromisoformat(value) if f.type == "date" else value


def field_checks(f: Field) -> list[tuple[str, pa.Check]]:
    """(problem code, pandera check) for each constraint of a field, in a fixed order."""
    checks: list[tuple[str, pa.Check]] = []
    if f.pattern:
        checks.append(("pattern", pa.Check.str_matches(anchored(f.pattern))))
    if f.format == "uri":
        checks.append(("format", pa.Check.str_matches(f"^{URI_SCHEME}")))
    if f.minimum is not None:
        checks.append(("minimum", pa.Check.ge(bound(f, f.minimum))))
    if f.maximum is not None:
        checks.append(("maximum", pa.Check.le(bound(f, f.maximum))))
    if f.min_length is not None:
        checks.append(("min-length", pa.Check.str_length(min_value=f.min_length)))
    if f.max_length is not None:
        checks.append(("max-length", pa.Check.str_length(max_value=f.max_length)))
    return checks


def pandera_column(f: Field, *, unique: bool | None = None) -> pa.Column:
    # Enum membership is part of the dtype (pl.Enum); an out-of-enum value is caught by the caster.
    # `unique` is only declared on required fields, so pandera's null-counting does not differ
    # from frictionless here (a test on the schemas guards that).
    return pa.Column(
        polars_dtype(f),
        checks=[check for _, check in field_checks(f)],
        nullable=not f.required,
        unique=f.unique if unique is None else unique,
        required=True,
        description=f.description,
    )


def pandera_schema(table: TableSchema, *, primary_key: bool = True) -> pa.DataFrameSchema:
    """The DataFrameSchema of one table, strict about its columns.

    ``primary_key=False`` leaves the primary key's uniqueness out: validation checks it by a
    join that also names the first occurrence (``checks.keys``), at half the cost of pandera's
    uniqueness check on a million rows, and one check should not run twice. Other unique
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
