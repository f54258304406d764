"""Quotes: every quote and furniture span is the exact slice of its archived text."""

from __future__ import annotations

import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import claims, source_furniture, sources
from fr_az_crisis.table_reading import ROW
from fr_az_crisis.text_slices import add_slice, with_texts

# Both tables quote their texts with the same three columns (the schemas share them).
START, END, SOURCE = claims.char_start, claims.char_end, claims.source_id
VERBATIM = ((claims.TABLE, claims.quote), (source_furniture.TABLE, source_furniture.text))
"""The columns this check proves to be slices of archived texts: the only cells that may hold
what the texts hold (invisible characters included, see the hygiene check)."""


def check_quotes(pkg: PackageData) -> CheckResult:
    source_frame = pkg.typed[sources.TABLE]
    archived = set(
        source_frame.filter(pl.col(sources.is_archived).fill_null(False))[sources.source_id]
    )
    problems = []
    rows = 0
    for table, column in VERBATIM:
        frame = pkg.typed[table]
        rows += frame.height
        skip = pkg.unparsed_rows(table, column, START, END, SOURCE)
        if skip:
            frame = frame.filter(~pl.col(ROW).is_in(list(skip)))
        problems += check_spans(pkg.path(table), frame, pkg.texts, column, archived)
    c = pkg.typed[claims.TABLE]
    problems += check_citation_only_claims(pkg.path(claims.TABLE), c, archived)
    f = pkg.typed[source_furniture.TABLE]
    cited = set(source_frame[sources.source_id].drop_nulls()) - archived
    problems += check_citation_only_furniture(pkg.path(source_furniture.TABLE), f, cited)
    return CheckResult(problems, rows=rows)


def check_spans(
    rel: str, frame: pl.DataFrame, texts: dict[str, str], text_col: str, archived: set[str]
) -> list[Problem]:
    """``text[char_start:char_end] == frame[text_col]`` for rows of archived sources, vectorised.

    Rows whose text could not be read are left to the texts check, which says why.
    """
    rows = frame.select(ROW, SOURCE, text_col, START, END).filter(
        pl.col(SOURCE).is_in(list(archived))
    )
    problems: list[Problem] = []
    for column in (text_col, START, END):
        for row in rows.filter(pl.col(column).is_null())[ROW].to_list():
            problems.append(
                Problem(
                    "quote-missing",
                    rel,
                    row,
                    column,
                    "required for a source whose text is archived",
                )
            )
    rows = rows.drop_nulls([text_col, START, END])
    if rows.is_empty():
        return problems
    joined = with_texts(rows, texts)
    bad_bounds = (
        (pl.col(START) < 0) | (pl.col(START) >= pl.col(END)) | (pl.col(END) > pl.col("_len"))
    )
    for r in joined.filter(bad_bounds).iter_rows(named=True):
        problems.append(
            Problem(
                "offsets",
                rel,
                r[ROW],
                END,
                f"span {r[START]}:{r[END]} is empty or outside the text ({r['_len']} characters)",
                span=(r[START], r[END]),
            )
        )
    sliced = add_slice(joined.filter(~bad_bounds), START, END, "_slice")
    for r in sliced.filter(pl.col("_slice") != pl.col(text_col)).sort(ROW).iter_rows(named=True):
        problems.append(
            Problem(
                "quote-mismatch",
                rel,
                r[ROW],
                text_col,
                _describe_mismatch(r[START], r[END], r["_slice"], r[text_col]),
                span=(r[START], r[END]),
            )
        )
    return problems


def check_citation_only_claims(rel: str, frame: pl.DataFrame, archived: set[str]) -> list[Problem]:
    """Claims of citation-only sources carry a summary only: no quote, no offsets."""
    rows = frame.filter(~pl.col(SOURCE).is_in(list(archived)))
    return [
        Problem(
            "citation-only", rel, row, column, "must be empty: the source's text is not archived"
        )
        for column in (claims.quote, START, END)
        for row in rows.filter(pl.col(column).is_not_null())[ROW].to_list()
    ]


def check_citation_only_furniture(rel: str, frame: pl.DataFrame, cited: set[str]) -> list[Problem]:
    """Furniture marks spans of an archived text: a citation-only source has none to mark
    (otherwise the span would go unchecked, since there is no text to slice)."""
    rows = frame.filter(pl.col(SOURCE).is_in(list(cited)))
    return [
        Problem(
            "citation-only", rel, row, SOURCE, "furniture of a source whose text is not archived"
        )
        for row in rows[ROW].to_list()
    ]


def _describe_mismatch(start: int, end: int, actual: str, expected: str) -> str:
    """Point at the first differing character, with a little context either side."""
    i = next((k for k, (a, b) in enumerate(zip(actual, expected, strict=False)) if a != b), None)
    if i is None:
        i = min(len(actual), len(expected))
    lo = max(i - 20, 0)
    return (
        f"text[{start}:{end}] differs from the quote at character {i}: "
        f"text has {actual[lo : i + 20]!r}, quote has {expected[lo : i + 20]!r}"
    )


CHECK = Check(
    "quotes",
    "Quotes and furniture are verbatim slices of their texts",
    (sources.TABLE, claims.TABLE, source_furniture.TABLE),
    check_quotes,
)
