"""Neutral own voice: contested terms may appear only inside attributed quotes.

The terms come from the project's ``contested_terms.yaml`` (the definition's folder), not
from the package under test: a package cannot switch the lint off by emptying its list.

The lint reads text as a reader sees it: each cell with a non-ASCII character is folded
first (``characters.fold``: compatibility forms, Cyrillic, Greek and Armenian look-alikes
made Latin, zero-width and other invisible characters removed), so "Аrtsakh" with a Cyrillic
A, or "Art<zero-width space>sakh", is still the term.

A field in the project's voice may still quote a source's words in quotation marks, so that a
summary keeps a speaker's loaded term instead of paraphrasing it into something else: a
contested term is allowed inside a quoted passage that is verbatim words of an archived text
(the attribution check also requires a summary's quoted words to be words of its claim's
quote). Anything else, folded as above, is the project's own voice.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from fr_az_crisis.characters import fold, fold_expr
from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.quotations import PASSAGE
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
    texts = list(pkg.texts.values())

    def in_own_voice(cell: str) -> str | None:
        """The first contested term outside quoted passages of archived texts, read folded."""

        def keep(m: re.Match[str]) -> str:
            passage = m.group(1) or m.group(2)
            return " " if any(passage in t for t in texts) else m.group(0)

        found = re.search(pattern, fold(PASSAGE.sub(keep, cell)))
        return found.group(0) if found else None

    problems = []
    rows = 0
    for name, frame in pkg.typed.items():
        table = pkg.definition.table(name)
        voiced = [f.name for f in table.fields if f.own_voice]
        if voiced:
            rows += frame.height
        for column in voiced:
            folded = _folded(frame, column)
            hits = folded.filter(pl.col(FOLDED).str.contains(pattern)).select(ROW, "_disguised")
            if hits.is_empty():
                continue  # the common case: one vectorised scan, no Python per row
            hits = hits.join(frame.select(ROW, column), on=ROW).sort(ROW)
            for r in hits.iter_rows(named=True):
                hit = in_own_voice(r[column])
                if hit is None:
                    continue
                disguise = " (written with look-alike or invisible characters)" * r["_disguised"]
                problems.append(
                    Problem(
                        "own-voice",
                        table.path,
                        r[ROW],
                        column,
                        f"contested term {hit!r}{disguise} in the project's own voice: "
                        "quote and attribute it instead",
                    )
                )
    return CheckResult(problems, rows=rows)


CHECK = Check(
    "voice", "No contested term in the project's own voice", TABLES, check_voice, partial=True
)
