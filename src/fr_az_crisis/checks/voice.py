"""Neutral own voice: contested terms may appear only inside attributed quotes.

The terms come from the project's ``contested_terms.yaml`` (the definition's folder), not
from the package under test: a package cannot switch the lint off by emptying its list.

The lint reads text as a reader sees it: each cell with a non-ASCII character is folded
first (``characters.fold``: compatibility forms, Cyrillic, Greek and Armenian look-alikes
made Latin, zero-width and other invisible characters removed), so "Аrtsakh" with a Cyrillic
A, or "Art<zero-width space>sakh", is still the term.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from fr_az_crisis.characters import fold_expr
from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import TABLES
from fr_az_crisis.strict_yaml import YamlError, read_yaml
from fr_az_crisis.table_reading import ROW

TERM_KEYS = {"term", "why"}


class TermsError(ValueError):
    """contested_terms.yaml is malformed; the message names the file and item."""


def read_terms(path: Path, rel: str) -> list[dict[str, str]]:
    """Each entry: ``term`` (a regular expression, matched case-insensitively as whole words)
    and ``why``."""
    try:
        doc = read_yaml(path, rel)
    except YamlError as exc:
        raise TermsError(str(exc)) from None
    entries = doc.get("terms") if isinstance(doc, dict) else None
    if not isinstance(entries, list) or not entries:
        raise TermsError(f"{rel}: needs a non-empty list under 'terms'")
    for i, e in enumerate(entries, start=1):
        if (
            not isinstance(e, dict)
            or set(e) != TERM_KEYS
            or not all(isinstance(v, str) for v in e.values())
        ):
            raise TermsError(f"{rel}, item {i}: needs exactly the string keys 'term' and 'why'")
        try:
            re.compile(e["term"])
        except re.error as exc:
            raise TermsError(
                f"{rel}, item {i}, key term: not a regular expression: {exc}"
            ) from None
    return entries


def terms_pattern(terms: list[dict[str, str]]) -> str:
    return r"(?i)\b(?:" + "|".join(f"(?:{t['term']})" for t in terms) + r")\b"


FOLDED = "_folded"


def _folded(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """``_row``, the column's text folded as a reader sees it, and whether folding changed it.
    ASCII cells (all but a few) are their own folding: only the others pay for it."""
    col = pl.col(column)
    wide = (col.str.len_bytes() != col.str.len_chars()).fill_null(False)
    plain = frame.filter(~wide).select(ROW, col.alias(FOLDED), _disguised=pl.lit(False))
    other = frame.filter(wide).select(ROW, fold_expr(col).alias(FOLDED))
    other = other.with_columns(_disguised=pl.col(FOLDED) != frame.filter(wide)[column])
    return pl.concat([plain, other])


def check_voice(pkg: PackageData) -> CheckResult:
    rel = pkg.definition.path("contestedTerms")
    try:
        terms = read_terms(pkg.definition.root / rel, rel)
    except TermsError as exc:
        return CheckResult([Problem("terms-unreadable", rel, None, None, str(exc))])
    pattern = terms_pattern(terms)
    problems = []
    rows = 0
    for name, frame in pkg.typed.items():
        table = pkg.definition.table(name)
        voiced = [f.name for f in table.fields if f.own_voice]
        if voiced:
            rows += frame.height
        for column in voiced:
            hits = _folded(frame, column).select(
                ROW, "_disguised", pl.col(FOLDED).str.extract(f"({pattern})", 1).alias("_hit")
            )
            for r in hits.drop_nulls("_hit").iter_rows(named=True):
                disguise = " (written with look-alike or invisible characters)" * r["_disguised"]
                problems.append(
                    Problem(
                        "own-voice",
                        table.path,
                        r[ROW],
                        column,
                        f"contested term {r['_hit']!r}{disguise} in the project's own voice: "
                        "quote and attribute it instead",
                    )
                )
    return CheckResult(problems, rows=rows)


CHECK = Check(
    "voice", "No contested term in the project's own voice", TABLES, check_voice, partial=True
)
