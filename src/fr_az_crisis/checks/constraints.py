"""Patterns, ranges and uniqueness, by the pandera schema derived from the Table Schema."""

from __future__ import annotations

import pandera.errors
import polars as pl

from fr_az_crisis.pandera_schemas import pandera_schema
from fr_az_crisis.problems import Problem
from fr_az_crisis.table_schema import TableSchema

ROW = "_row"


def check_constraints(table: TableSchema, typed: pl.DataFrame) -> list[Problem]:
    """Validate the collected frame (pandera skips value checks on a LazyFrame).

    The primary key is left to ``checks.keys.check_primary_key``, which runs on every table.
    """
    frame = typed.drop(ROW)
    try:
        pandera_schema(table, primary_key=False).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        return _to_problems(table, typed[ROW], err.failure_cases)
    return []


def _to_problems(table: TableSchema, rows: pl.Series, cases: pl.DataFrame) -> list[Problem]:
    problems = []
    for case in cases.iter_rows(named=True):
        index = case.get("index")
        row = int(rows[int(index)]) if index is not None else None
        column = case.get("column")
        check = str(case.get("check"))
        value = case.get("failure_case")
        if check == "not_nullable" or (value is None and "uniqueness" not in check):
            continue  # missing values are reported by the caster with the right cause
        if "uniqueness" in check:
            message = f"{value!r} is not unique"
        else:
            message = f"{value!r} fails {check}"
        problems.append(Problem(table.path, row, column, "constraint", message))
    return problems
