"""Types, required values and enums: cast each raw string column and report what did not parse."""

from __future__ import annotations

import polars as pl

from fr_az_crisis.dtypes import cast_expr
from fr_az_crisis.problems import Problem
from fr_az_crisis.table_schema import TableSchema

ROW = "_row"


def cast_table(table: TableSchema, raw: pl.DataFrame) -> tuple[pl.DataFrame, list[Problem]]:
    """Typed frame (bad cells null) plus a problem for each cell that was missing or malformed."""
    typed = raw.select(ROW, *[cast_expr(f) for f in table.fields])
    problems: list[Problem] = []
    for f in table.fields:
        raw_col, typed_col = raw[f.name], typed[f.name]
        missing = raw_col.is_null()
        if f.required:
            for row in raw[ROW].filter(missing).to_list():
                problems.append(Problem(table.path, row, f.name, "required", "a value is required"))
        bad = ~missing & typed_col.is_null()
        if not bad.any():
            continue
        for row, value in zip(
            raw[ROW].filter(bad).to_list(), raw_col.filter(bad).to_list(), strict=True
        ):
            if f.enum:
                message = f"{value!r} is not one of: {', '.join(f.enum)}"
                check = "enum"
            else:
                message = f"{value!r} is not a valid {f.type}"
                check = "type"
            problems.append(Problem(table.path, row, f.name, check, message))
    return typed, problems
