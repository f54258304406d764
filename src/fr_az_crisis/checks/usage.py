"""Usage: rows of a table marked ``mustBeReferenced`` (actors, places) are referenced somewhere.

Which tables and which referring columns is derived from the schemas: the flag on the table,
and every foreign key that points at it.
"""

from __future__ import annotations

import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import TABLES
from fr_az_crisis.table_reading import ROW


def referenced_tables(pkg: PackageData) -> list[str]:
    return [name for name, t in pkg.definition.tables.items() if t.must_be_referenced]


def check_usage(pkg: PackageData) -> CheckResult:
    problems: list[Problem] = []
    rows = 0
    for name in referenced_tables(pkg):
        table = pkg.definition.table(name)
        (key,) = table.primary_key
        frame = pkg.typed.get(name)
        if frame is None:
            continue
        rows += frame.height
        refs = [
            pkg.typed[t][column].cast(pl.String)
            for t, column in pkg.definition.referencing(name)
            if t in pkg.typed
        ]
        used = pl.concat(refs).drop_nulls().unique() if refs else pl.Series([], dtype=pl.String)
        for r in frame.filter(~pl.col(key).is_in(used.implode())).iter_rows(named=True):
            problems.append(
                Problem(
                    "unused-row",
                    table.path,
                    r[ROW],
                    key,
                    f"{name} row {r[key]!r} is not referenced",
                )
            )
    return CheckResult(problems, rows=rows)


CHECK = Check("usage", "Every actor and place is referenced", TABLES, check_usage, partial=True)
