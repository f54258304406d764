"""Cell hygiene in every string column: NFC, no control characters, no padding, no formulas.

One pass flags suspect cells across all string columns at once; only flagged rows are
examined rule by rule, so a clean table costs a single scan. NFC is compared only for cells
with non-ASCII characters (ASCII text is always NFC).
"""

from __future__ import annotations

import polars as pl

from fr_az_crisis.problems import Problem
from fr_az_crisis.table_schema import TableSchema

ROW = "_row"
RULES: dict[str, tuple[str, str]] = {
    "control": (r"[\x00-\x1f\x7f-\x9f]", "contains a control character"),
    "padding": (r"^\s|\s$", "has leading or trailing white space"),
    "formula": (r"^[=+\-@]", "starts with = + - or @ (a spreadsheet would run it as a formula)"),
}
SUSPECT = "|".join(f"(?:{pattern})" for pattern, _ in RULES.values())


def _not_nfc(col: pl.Expr) -> pl.Expr:
    return col.str.contains(r"[^\x00-\x7f]") & (col != col.str.normalize("NFC"))


def check_hygiene(table: TableSchema, raw: pl.DataFrame) -> list[Problem]:
    """Runs on raw strings so that typed columns' text is checked as written too."""
    names = [f.name for f in table.fields if f.type == "string"]
    if not names or raw.is_empty():
        return []
    flags = raw.select(
        ROW,
        *[
            (pl.col(n).str.contains(SUSPECT) | _not_nfc(pl.col(n))).fill_null(False).alias(n)
            for n in names
        ],
    )
    suspect_rows = flags.filter(pl.any_horizontal(names))[ROW]
    if suspect_rows.is_empty():
        return []
    rows = raw.filter(pl.col(ROW).is_in(suspect_rows.implode()))
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
                    Problem(table.path, r[ROW], name, "nfc", "text is not in Unicode NFC")
                )
            for rule, (_, message) in RULES.items():
                if r[rule]:
                    problems.append(Problem(table.path, r[ROW], name, rule, message))
    return problems
