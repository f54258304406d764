"""Primary and foreign keys, by joins (fast at millions of rows)."""

from __future__ import annotations

import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.definition import ForeignKey, TableSchema
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import TABLES
from fr_az_crisis.table_reading import ROW


def check_keys(pkg: PackageData) -> CheckResult:
    result = CheckResult(rows=pkg.rows())
    dangling = find_dangling(pkg)
    for name, frame in pkg.typed.items():
        table = pkg.definition.table(name)
        result.problems += check_primary_key(table, frame)
        for number, fk in enumerate(table.foreign_keys):
            if (name, number) in dangling:
                result.problems += foreign_key_problems(table, fk, dangling[name, number])
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


def find_dangling(pkg: PackageData) -> dict[tuple[str, int], pl.DataFrame]:
    """For each foreign key (table, its number in the schema) whose referenced table was
    read, the rows whose values are not found there: ``ROW`` and the key's fields.

    The foreign keys that point at the same fields are checked together, in one anti join:
    five tables refer to claims, and building the hash table of a million claim ids once
    instead of five times is most of this check's time at that size."""
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[str, int, ForeignKey]]] = {}
    for name in pkg.typed:
        for number, fk in enumerate(pkg.definition.table(name).foreign_keys):
            if fk.resource in pkg.typed:  # else the runner reports the table unavailable
                key = (fk.resource, tuple(fk.reference_fields))
                groups.setdefault(key, []).append((name, number, fk))
    found: dict[tuple[str, int], pl.DataFrame] = {}
    for (resource, reference_fields), members in groups.items():
        keys = [f"_key{i}" for i in range(len(reference_fields))]
        right = pkg.typed[resource].select(
            [
                pl.col(ref).cast(pl.String).alias(k)
                for ref, k in zip(reference_fields, keys, strict=True)
            ]
        )  # an anti join ignores duplicates on the right: no unique() pass needed
        left = pl.concat(
            [
                pkg.typed[name]
                .select(
                    pl.lit(at, pl.Int32).alias("_fk"),
                    ROW,
                    *[
                        pl.col(f).cast(pl.String).alias(k)
                        for f, k in zip(fk.fields, keys, strict=True)
                    ],
                )
                .drop_nulls(keys)
                for at, (name, _, fk) in enumerate(members)
            ]
        )
        missing = left.join(right, on=keys, how="anti")
        for at, (name, number, fk) in enumerate(members):
            rows = missing.filter(pl.col("_fk") == at).sort(ROW)
            if rows.height:
                found[name, number] = rows.select(
                    ROW, *[pl.col(k).alias(f) for k, f in zip(keys, fk.fields, strict=True)]
                )
    return found


def foreign_key_problems(
    table: TableSchema, fk: ForeignKey, dangling: pl.DataFrame
) -> list[Problem]:
    """One problem per row whose foreign key is not found, naming the row and the values."""
    return [
        Problem(
            "foreign-key",
            table.path,
            r[ROW],
            ",".join(fk.fields),
            f"{', '.join(str(r[c]) for c in fk.fields)!r} not found in "
            f"{fk.resource}.{','.join(fk.reference_fields)}",
        )
        for r in dangling.iter_rows(named=True)
    ]


CHECK = Check("keys", "Primary and foreign keys", TABLES, check_keys, partial=True)
