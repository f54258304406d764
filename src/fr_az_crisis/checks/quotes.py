"""Archived texts and quotes: every quote is the exact slice of its text, every text its hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

from fr_az_crisis.problems import Problem
from fr_az_crisis.text_slices import add_slice, with_texts

ROW = "_row"
SOURCES = "data/sources"


def read_texts(root: Path, sources: pl.DataFrame) -> tuple[dict[str, str], list[Problem]]:
    """Texts of archived sources, checked against the sha256 and char_count rows."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    rel = "data/sources.csv"
    archived = sources.filter(pl.col("is_archived").fill_null(False))
    folder = str(root / SOURCES)
    read = {sid: _read_hashed(f"{folder}/{sid}.txt") for sid in archived["source_id"]}
    for r in archived.iter_rows(named=True):
        sid = r["source_id"]
        if read[sid] is None:
            problems.append(Problem(rel, r[ROW], "is_archived", "text", f"{sid}.txt is missing"))
            continue
        data, digest = read[sid]
        if r["sha256"] != digest:
            problems.append(
                Problem(
                    rel,
                    r[ROW],
                    "sha256",
                    "text-hash",
                    f"{SOURCES}/{sid}.txt has sha256 {digest}, the row says {r['sha256']}",
                )
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(
                Problem(f"{SOURCES}/{sid}.txt", None, None, "text", f"not UTF-8: {exc}")
            )
            continue
        if r["char_count"] != len(text):
            problems.append(
                Problem(
                    rel,
                    r[ROW],
                    "char_count",
                    "text-length",
                    f"text has {len(text)} characters, char_count says {r['char_count']}",
                )
            )
        texts[sid] = text
    for r in sources.filter(~pl.col("is_archived").fill_null(True)).iter_rows(named=True):
        for col in ("sha256", "char_count"):
            if r[col] is not None:
                problems.append(
                    Problem(
                        rel, r[ROW], col, "citation-only", "must be empty when is_archived is false"
                    )
                )
        if r["url"] is None:
            problems.append(
                Problem(rel, r[ROW], "url", "citation-only", "a citation-only source needs its url")
            )
    for r in archived.iter_rows(named=True):
        if r["sha256"] is None:
            problems.append(Problem(rel, r[ROW], "sha256", "archived", "required when is_archived"))
    return texts, problems


def _read_hashed(path: str) -> tuple[bytes, str] | None:
    """Bytes and sha256 of a text (plain ``open``: pathlib's overhead shows at 5,000 texts)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return None
    return data, hashlib.sha256(data).hexdigest()


def check_spans(
    rel: str, frame: pl.DataFrame, texts: dict[str, str], text_col: str, archived: set[str]
) -> list[Problem]:
    """``text[char_start:char_end] == frame[text_col]`` for rows of archived sources, vectorised."""
    columns = [ROW, "source_id", text_col, "char_start", "char_end"]
    rows = frame.select(columns).filter(pl.col("source_id").is_in(list(archived)))
    problems: list[Problem] = []
    for field in (text_col, "char_start", "char_end"):
        for row in rows.filter(pl.col(field).is_null())[ROW].to_list():
            problems.append(
                Problem(rel, row, field, "quote", "required for a source whose text is archived")
            )
    rows = rows.drop_nulls([text_col, "char_start", "char_end"])
    if rows.is_empty():
        return problems
    joined = with_texts(rows, texts)
    bad_bounds = (
        (pl.col("char_start") < 0)
        | (pl.col("char_start") >= pl.col("char_end"))
        | (pl.col("char_end") > pl.col("_len"))
    )
    for r in joined.filter(bad_bounds).iter_rows(named=True):
        problems.append(
            Problem(
                rel,
                r[ROW],
                "char_end",
                "offsets",
                f"span {r['char_start']}:{r['char_end']} is empty or outside the text "
                f"({r['_len']} characters)",
            )
        )
    sliced = add_slice(joined.filter(~bad_bounds), "char_start", "char_end", "_slice")
    for r in sliced.filter(pl.col("_slice") != pl.col(text_col)).sort(ROW).iter_rows(named=True):
        problems.append(
            Problem(
                rel,
                r[ROW],
                text_col,
                "quote",
                _describe_mismatch(r["char_start"], r["char_end"], r["_slice"], r[text_col]),
            )
        )
    return problems


def check_citation_only_claims(claims: pl.DataFrame, archived: set[str]) -> list[Problem]:
    """Claims of citation-only sources carry a summary only: no quote, no offsets."""
    rows = claims.filter(~pl.col("source_id").is_in(list(archived)))
    problems = []
    for field in ("quote", "char_start", "char_end"):
        for row in rows.filter(pl.col(field).is_not_null())[ROW].to_list():
            problems.append(
                Problem(
                    "data/claims.csv",
                    row,
                    field,
                    "citation-only",
                    "must be empty: the source's text is not archived",
                )
            )
    return problems


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
