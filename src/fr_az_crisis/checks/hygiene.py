"""Cell hygiene: NFC, no control or invisible characters, no padding, no formulas, no cell
longer than the definition's ``maxCellLength``.

A clean table costs one scan: each row's string cells are joined with ``|`` and one regex
plus a byte/char length comparison flag rows where any rule might fire (the separator can
only add false alarms, never hide a cell).  Flagged rows alone are examined rule by rule.
NFC is compared only for cells with non-ASCII characters (ASCII text is always NFC), because
normalising every cell costs more than all the other rules together. Invisible characters
are non-ASCII too, so the same length comparison flags them.

Invisible characters (zero-width, bidirectional controls: ``fr_az_crisis.characters``) are
refused everywhere except in the verbatim columns the quotes check proves to be slices of an
archived text: a quote may hold one exactly where its text does, and nowhere else, because
anywhere else the quotes check reports the quote as differing from the text.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import polars as pl

from fr_az_crisis.characters import INVISIBLE_PATTERN
from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.checks.quotes import VERBATIM
from fr_az_crisis.definition import Field, TableSchema
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import TABLES
from fr_az_crisis.table_reading import ROW

RULES: dict[str, tuple[str, str]] = {
    "control": (r"[\x00-\x1f\x7f-\x9f]", "contains a control character"),
    "invisible": (
        INVISIBLE_PATTERN,
        "contains an invisible character (zero-width, bidirectional control or the like)",
    ),
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
    limit = int(pkg.definition.resource["maxCellLength"])
    for name, raw in pkg.raw.items():
        table = pkg.definition.table(name)
        problems += check_table(table, raw, verbatim={c for t, c in VERBATIM if t == name})
        problems += check_cell_size(table, raw, limit)
    return CheckResult(problems, rows=pkg.rows())


# A pattern proves a cell clean when every character it admits is an ASCII letter, digit,
# "_" or "-", and its first atom is a letter or digit (so no leading "-": no formula).
_PATTERN_CHARACTERS = re.compile(r"[A-Za-z0-9_\-\[\]()?:*+{},|]+")
_FIRST_ATOM = re.compile(r"(?:\[(?:[A-Za-z0-9]-[A-Za-z0-9])+\]|[A-Za-z0-9])")


def proven_clean(f: Field) -> bool:
    """Whether the column's own constraint leaves hygiene nothing to find: an enumeration (its
    values are snake_case or upper-case words, a meta-test says), or a pattern that admits
    only ASCII letters, digits, "_" and "-" and starts with a letter or digit. A cell that
    breaks the constraint is reported by the types or constraints check."""
    if f.enum:
        return True
    pattern = f.pattern
    return bool(
        pattern
        and _PATTERN_CHARACTERS.fullmatch(pattern)
        and "[^" not in pattern
        and _FIRST_ATOM.match(pattern)
    )


def check_table(
    table: TableSchema, raw: pl.DataFrame, verbatim: Collection[str] = ()
) -> list[Problem]:
    """Runs on raw strings so that typed columns' text is checked as written too; columns
    whose constraint proves them clean are left out (they cost most of the scan)."""
    names = [f.name for f in table.fields if f.type == "string" and not proven_clean(f)]
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
        rules = {r: p for r, (p, _) in RULES.items() if not (r == "invisible" and name in verbatim)}
        detail = rows.select(
            ROW,
            nfc=_not_nfc(col),
            **{rule: col.str.contains(pattern) for rule, pattern in rules.items()},
        )
        for r in detail.filter(pl.any_horizontal("nfc", *rules)).iter_rows(named=True):
            if r["nfc"]:
                problems.append(
                    Problem("nfc", table.path, r[ROW], name, "text is not in Unicode NFC")
                )
            for rule in rules:
                if r[rule]:
                    problems.append(Problem(rule, table.path, r[ROW], name, RULES[rule][1]))
    return problems


def check_cell_size(table: TableSchema, raw: pl.DataFrame, limit: int) -> list[Problem]:
    """Cells of any column longer than ``limit`` characters. Bytes bound characters from
    above, so the cheap byte length picks the only cells worth counting."""
    problems = []
    for name in table.field_names:
        col = pl.col(name)
        long = raw.filter(col.str.len_bytes() > limit).filter(col.str.len_chars() > limit)
        for row, length in zip(
            long[ROW].to_list(), long[name].str.len_chars().to_list(), strict=True
        ):
            problems.append(
                Problem(
                    "cell-size",
                    table.path,
                    row,
                    name,
                    f"{length} characters; the package definition allows {limit}",
                )
            )
    return problems


CHECK = Check(
    "hygiene",
    "Cells in NFC, without control or invisible characters, padding, formulas or excess length",
    TABLES,
    check_hygiene,
    partial=True,
)
