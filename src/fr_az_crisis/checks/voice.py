"""Neutral own voice: contested terms may appear only inside attributed quotes."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import yaml

from fr_az_crisis.problems import Problem
from fr_az_crisis.table_schema import TableSchema

ROW = "_row"
TERMS_FILE = "data/curated/contested_terms.yaml"


def read_terms(root: Path) -> list[dict[str, str]]:
    """Each entry: ``term`` (a regular expression, matched case-insensitively as whole words) and ``why``."""
    entries = yaml.safe_load((root / TERMS_FILE).read_text(encoding="utf-8"))["terms"]
    for i, e in enumerate(entries, start=1):
        if not isinstance(e, dict) or set(e) != {"term", "why"}:
            raise ValueError(f"{TERMS_FILE}, item {i}: needs exactly the keys 'term' and 'why'")
        re.compile(e["term"])
    return entries


def terms_pattern(terms: list[dict[str, str]]) -> str:
    return r"(?i)\b(?:" + "|".join(f"(?:{t['term']})" for t in terms) + r")\b"


def check_own_voice(
    table: TableSchema, typed: pl.DataFrame, terms: list[dict[str, str]]
) -> list[Problem]:
    if not terms:
        return []
    pattern = terms_pattern(terms)
    problems = []
    for f in table.fields:
        if not f.own_voice:
            continue
        hits = typed.select(
            ROW, pl.col(f.name).str.extract(f"({pattern})", 1).alias("_hit")
        ).drop_nulls("_hit")
        for r in hits.iter_rows(named=True):
            problems.append(
                Problem(
                    table.path,
                    r[ROW],
                    f.name,
                    "own-voice",
                    f"contested term {r['_hit']!r} in the project's own voice: quote and attribute it instead",
                )
            )
    return problems
