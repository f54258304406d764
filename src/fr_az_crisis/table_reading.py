"""Read a table file as validation needs it: structure first, then strings, then types.

Works on the file's bytes, read once by the caller (who also hashes them): byte-level tests
are memchr-fast, and the whole file is decoded in Python only when polars refuses it. Each
step returns the problems it found, with file, CSV line (header = 1) and field.
"""

from __future__ import annotations

import csv
import io

import polars as pl

from fr_az_crisis.definition import TableSchema
from fr_az_crisis.dtypes import canonical_form, cast_expr
from fr_az_crisis.problems import Problem

ROW = "_row"
"""Column added to every frame validation reads: the row's CSV line number (header = 1)."""


def read_raw_bytes(data: bytes) -> pl.DataFrame:
    """Every cell as a string (empty cell -> null), before any typing."""
    return pl.read_csv(data, infer_schema=False, raise_if_empty=False)


def read_structure(table: TableSchema, data: bytes) -> tuple[pl.DataFrame | None, list[Problem]]:
    """The raw frame with ``_row`` (None when the file cannot be read as declared) and problems."""
    rel = table.path
    problems: list[Problem] = []
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        problems.append(
            Problem("byte-order-mark", rel, 1, None, "file starts with a byte-order mark")
        )
    if b"\r" in data:
        line = data[: data.index(b"\r")].count(b"\n") + 1
        problems.append(Problem("line-ends", rel, line, None, "carriage return found (use LF)"))
    truncated = bool(data) and not data.endswith(b"\n")
    if truncated:
        line = data.count(b"\n") + 1
        problems.append(
            Problem("truncated", rel, line, None, "file does not end with a newline (truncated?)")
        )
    first_line = data.split(b"\n", 1)[0]
    try:
        header = next(csv.reader([first_line.decode("utf-8").lstrip("\ufeff").rstrip("\r")]), [])
    except UnicodeDecodeError as exc:
        return None, [
            *problems,
            Problem("encoding", rel, 1, None, f"not UTF-8 at byte {exc.start}: {exc.reason}"),
        ]
    expected = table.field_names
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in expected]
    for c in missing:
        problems.append(Problem("header-missing", rel, 1, c, f"column {c!r} is missing"))
    for c in unknown:
        problems.append(Problem("header-unknown", rel, 1, c, f"unknown column {c!r}"))
    if not missing and not unknown and header != expected:
        problems.append(
            Problem(
                "header-order", rel, 1, None, f"columns out of schema order: {header} != {expected}"
            )
        )
    if missing or unknown or bom:
        return None, problems
    try:
        raw = read_raw_bytes(data)
    except Exception as exc:  # polars' parse errors have no common base class
        return None, [*problems, *_explain_unreadable(rel, data, len(expected), exc)]
    if truncated:
        problems += _ragged_rows(rel, data)
    return raw.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64)), problems


def _explain_unreadable(rel: str, data: bytes, width: int, exc: Exception) -> list[Problem]:
    """Polars refused the file: name the line of the bad byte or of the malformed row."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return [
            Problem("encoding", rel, line, None, f"not UTF-8 at byte {err.start}: {err.reason}")
        ]
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        for row in reader:
            if len(row) != width:
                return [
                    Problem(
                        "parse",
                        rel,
                        reader.line_num,
                        None,
                        f"row has {len(row)} fields, schema has {width}",
                    )
                ]
    except csv.Error as err:
        return [Problem("parse", rel, reader.line_num, None, f"CSV syntax: {err}")]
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return [Problem("parse", rel, None, None, f"cannot parse CSV: {first}")]


def _ragged_rows(rel: str, data: bytes) -> list[Problem]:
    """Rows with too few fields parse as nulls in polars; count fields to say which row."""
    problems = []
    reader = csv.reader(io.StringIO(data.decode("utf-8", errors="replace"), newline=""))
    width = len(next(reader, []))
    for row in reader:
        if len(row) != width:
            problems.append(
                Problem(
                    "parse",
                    rel,
                    reader.line_num,
                    None,
                    f"row has {len(row)} fields, header has {width}",
                )
            )
    return problems


def cast_table(table: TableSchema, raw: pl.DataFrame) -> tuple[pl.DataFrame, list[Problem]]:
    """Typed frame (bad cells null) plus a problem for each cell that was missing, malformed
    or not in canonical form."""
    typed = raw.select(ROW, *[cast_expr(f) for f in table.fields])
    problems: list[Problem] = []
    for f in table.fields:
        raw_col, typed_col = raw[f.name], typed[f.name]
        missing = raw_col.is_null()
        if f.required:
            for row in raw[ROW].filter(missing).to_list():
                problems.append(Problem("required", table.path, row, f.name, "a value is required"))
        bad = ~missing & typed_col.is_null()
        if not bad.any():
            continue
        for row, value in zip(
            raw[ROW].filter(bad).to_list(), raw_col.filter(bad).to_list(), strict=True
        ):
            if f.enum:
                problems.append(
                    Problem(
                        "enum",
                        table.path,
                        row,
                        f.name,
                        f"{value!r} is not one of: {', '.join(f.enum)}",
                    )
                )
                continue
            canonical = canonical_form(f, value)
            if canonical is not None:
                problems.append(
                    Problem(
                        "non-canonical",
                        table.path,
                        row,
                        f.name,
                        f"{value!r} is not in canonical form: write {canonical!r}",
                    )
                )
            else:
                problems.append(
                    Problem("type", table.path, row, f.name, f"{value!r} is not a valid {f.type}")
                )
    return typed, problems
