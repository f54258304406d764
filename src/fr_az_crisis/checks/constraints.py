"""Patterns, formats, ranges, lengths and uniqueness, by the pandera schema of each table.

Validated on the collected frame (pandera skips value checks on a LazyFrame). The primary
key is left to ``checks.keys``. Each failure maps back to the problem code of the constraint
that failed, through the check's position in ``pandera_schemas.field_checks``.
"""

from __future__ import annotations

import pandera.errors
import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.definition import TableSchema
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.pandera_schemas import field_checks, pandera_schema
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import TABLES
from fr_az_crisis.table_reading import ROW


def check_constraints(pkg: PackageData) -> CheckResult:
    result = CheckResult(rows=pkg.rows())
    for name, frame in pkg.typed.items():
        result.problems += check_table(pkg.definition.table(name), frame)
    return result


def check_table(table: TableSchema, typed: pl.DataFrame) -> list[Problem]:
    try:
        pandera_schema(table, primary_key=False).validate(typed.drop(ROW), lazy=True)
    except pandera.errors.SchemaErrors as err:
        return _to_problems(table, typed[ROW], err.failure_cases)
    return []


def _to_problems(table: TableSchema, rows: pl.Series, cases: pl.DataFrame) -> list[Problem]:
    problems = []
    for case in cases.iter_rows(named=True):
        index, column, check = case.get("index"), case.get("column"), str(case.get("check"))
        value = case.get("failure_case")
        row = int(rows[int(index)]) if index is not None else None
        if check == "not_nullable" or (value is None and "unique" not in check):
            continue  # missing values are reported by the caster with the right cause
        if "unique" in check:
            problems.append(Problem("unique", table.path, row, column, f"{value!r} is not unique"))
            continue
        codes = [code for code, _ in field_checks(table.field(str(column)))]
        number = case.get("check_number")
        code = codes[int(number)] if number is not None and int(number) < len(codes) else None
        if code is None:
            raise RuntimeError(f"{table.name}.{column}: unmapped pandera failure {check}")
        problems.append(Problem(code, table.path, row, column, f"{value!r} fails {check}"))
    return problems


CHECK = Check(
    "constraints",
    "Patterns, formats, ranges, lengths and uniqueness (pandera)",
    TABLES,
    check_constraints,
    partial=True,
)
