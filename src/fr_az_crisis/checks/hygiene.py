"""Cell hygiene in every string column: NFC, no control characters, no padding, no formulas.

A clean table costs one scan: each row's string cells are joined with ``|`` and one regex
plus a byte/char length comparison flag rows where any rule might fire (the separator can
only add false alarms, never hide a cell).  Flagged rows alone are examined rule by rule.
NFC is compared only for cells with non-ASCII characters (ASCII text is always NFC), because
normalising every cell costs more than all the other rules together.
"""

from __future__ import annotations

import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.definition import TableSchema
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import TABLES
from fr_az_crisis.table_reading import ROW

RULES: dict[str, tuple[str, str]] = {
    "control": (r"[\x00-\x1f\x7f-\x9f]", "contains a control character"),
    "padding": (r"^\s|\s$", "has leading or trailing white space"),
    "formula": (r"^[=+\-@]", "starts with = + - or @ (a spreadsheet would run it as a formula)"),
}
SEPARATOR = "|"
# Any rule firing in a cell makes the joined row match; non-ASCII is caught by the lengths.
SUSPECT_ROW = r"[\x00-\x1f\x7f]|(?:^|\|)[\s=+\-@]|\s(?:\||$)"


def _not_nfc(col: pl.Expr) -> pl.Expr:
    """Only run on flagged rows: ``normalize`` is the costly part."""
    return col.str.contains(r"[^\x00-\x7f]") & (col != col.str.normalize("NFC"))


def check_hygiene(pkg: PackageData) -> CheckResult:
    problems = []
    for name, raw in pkg.raw.items():
        problems += check_table(pkg.definition.table(name), raw)
    return CheckResult(problems, rows=pkg.rows())


def check_table(table: TableSchema, raw: pl.DataFrame) -> list[Problem]:
    """Runs on raw strings so that typed columns' text is checked as written too."""
    names = [f.name for f in table.fields if f.type == "string"]
    if not names or raw.is_empty():
        return []
    joined = pl.concat_str(names, separator=SEPARATOR, ignore_nulls=True)
    suspect = (joined.str.len_bytes() != joined.str.len_chars()) | joined.str.contains(SUSPECT_ROW)
    rows = raw.filter(suspect.fill_null(False))
    if rows.is_empty():
        return []
    problems = []
    for name in names:
        col = pl.col(name)
        detail = rows.select(
            ROW,
            nfc=_not_nfc(col),
            **{rule: col.str.contains(pattern) for rule, (pattern, _) in RULES.items()},
        )
        for r in detail.filter(pl.any_horizontal("nfc", *RULES)).iter_rows(named=True):
            if r["nfc"]:
                problems.append(
                    Problem("nfc", table.path, r[ROW], name, "text is not in Unicode NFC")
                )
            for rule, (_, message) in RULES.items():
                if r[rule]:
                    problems.append(Problem(rule, table.path, r[ROW], name, message))
    return problems


CHECK = Check(
    "hygiene",
    "Cells in NFC, without control characters, padding or formulas",
    TABLES,
    check_hygiene,
    partial=True,
)
