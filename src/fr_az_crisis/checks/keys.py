"""Primary and foreign keys, by joins (fast at millions of rows)."""

from __future__ import annotations

import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.definition import TableSchema
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import TABLES
from fr_az_crisis.table_reading import ROW


def check_keys(pkg: PackageData) -> CheckResult:
    result = CheckResult(rows=pkg.rows())
    for name, frame in pkg.typed.items():
        table = pkg.definition.table(name)
        result.problems += check_primary_key(table, frame)
        result.problems += check_foreign_keys(table, frame, pkg.typed)
    return result


def check_primary_key(table: TableSchema, typed: pl.DataFrame) -> list[Problem]:
    """Each duplicate after its first occurrence, naming the row of the first."""
    key = list(table.primary_key)
    if not key or _sorted_and_unique(typed, key):
        return []
    dup = typed.filter(
        pl.struct(key).is_duplicated() & pl.all_horizontal(pl.col(key).is_not_null())
    )
    first_rows = dup.group_by(key).agg(pl.col(ROW).min().alias("_first"))
    dup = dup.join(first_rows, on=key).filter(pl.col(ROW) != pl.col("_first")).sort(ROW)
    return [
        Problem(
            "primary-key",
            table.path,
            r[ROW],
            ",".join(key),
            f"duplicate key {tuple(r[k] for k in key)!r}, first at row {r['_first']}",
        )
        for r in dup.iter_rows(named=True)
    ]


def _sorted_and_unique(typed: pl.DataFrame, key: list[str]) -> bool:
    """A shortcut, not a verdict: the build writes tables sorted by key, where a duplicate
    would sit next to its twin, so one comparison of neighbours proves uniqueness without
    hashing. False means "not proven": the full check runs."""
    if len(key) != 1:
        return False
    column = typed[key[0]]
    if column.null_count() or not column.is_sorted():
        return False
    return not (column == column.shift(1)).fill_null(False).any()


def check_foreign_keys(
    table: TableSchema, typed: pl.DataFrame, frames: dict[str, pl.DataFrame]
) -> list[Problem]:
    problems = []
    for fk in table.foreign_keys:
        target = frames.get(fk.resource)
        if target is None:
            continue  # the runner reports the referenced table as unavailable
        left = typed.select(ROW, *fk.fields).drop_nulls(list(fk.fields))
        right = target.select(
            [
                pl.col(ref).cast(pl.String).alias(own)
                for own, ref in zip(fk.fields, fk.reference_fields, strict=True)
            ]
        )  # an anti join ignores duplicates on the right: no unique() pass needed
        left = left.with_columns([pl.col(c).cast(pl.String) for c in fk.fields])
        dangling = left.join(right, on=list(fk.fields), how="anti").sort(ROW)
        for r in dangling.iter_rows(named=True):
            values = ", ".join(str(r[c]) for c in fk.fields)
            problems.append(
                Problem(
                    "foreign-key",
                    table.path,
                    r[ROW],
                    ",".join(fk.fields),
                    f"{values!r} not found in {fk.resource}.{','.join(fk.reference_fields)}",
                )
            )
    return problems


CHECK = Check("keys", "Primary and foreign keys", TABLES, check_keys, partial=True)
