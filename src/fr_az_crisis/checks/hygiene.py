"""Cell hygiene in every string column: NFC, no control characters, no padding, no formulas."""

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


def check_hygiene(table: TableSchema, raw: pl.DataFrame) -> list[Problem]:
    """Runs on raw strings so that typed columns' text is checked as written too."""
    problems = []
    string_fields = [f.name for f in table.fields if f.type == "string"]
    for name in string_fields:
        col = pl.col(name)
        flags = raw.select(
            ROW,
            col,
            nfc=col != col.str.normalize("NFC"),
            **{rule: col.str.contains(pattern) for rule, (pattern, _) in RULES.items()},
        )
        hit = flags.filter(pl.any_horizontal("nfc", *RULES))
        for r in hit.iter_rows(named=True):
            if r["nfc"]:
                problems.append(
                    Problem(table.path, r[ROW], name, "nfc", "text is not in Unicode NFC")
                )
            for rule, (_, message) in RULES.items():
                if r[rule]:
                    problems.append(Problem(table.path, r[ROW], name, rule, message))
    return problems
