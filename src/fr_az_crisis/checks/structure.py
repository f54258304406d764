"""File-level checks before any typing: encoding, line ends, header, parseability."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import polars as pl

from fr_az_crisis.loader import read_raw_bytes
from fr_az_crisis.problems import Problem
from fr_az_crisis.table_schema import TableSchema

ROW = "_row"


def check_file(table: TableSchema, data: bytes | None) -> tuple[pl.DataFrame | None, list[Problem]]:
    """Read a table as strings with a ``_row`` column; None when it cannot be read as declared.

    Works on the file's bytes (read once by the caller, who also hashes them; None when the
    file is missing): byte-level tests are memchr-fast, and the whole file is decoded in
    Python only when polars refuses it.
    """
    rel = table.path
    if data is None:
        return None, [Problem(rel, None, None, "file", "file is missing")]
    problems: list[Problem] = []
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        problems.append(Problem(rel, 1, None, "encoding", "file starts with a byte-order mark"))
    if b"\r" in data:
        line = data[: data.index(b"\r")].count(b"\n") + 1
        problems.append(Problem(rel, line, None, "line-ends", "carriage return found (use LF)"))
    if data and not data.endswith(b"\n"):
        line = data.count(b"\n") + 1
        problems.append(
            Problem(rel, line, None, "truncated", "file does not end with a newline (truncated?)")
        )
    first_line = data.split(b"\n", 1)[0]
    try:
        header = next(csv.reader([first_line.decode("utf-8").lstrip("\ufeff").rstrip("\r")]), [])
    except UnicodeDecodeError as exc:
        return None, [*problems, Problem(rel, 1, None, "encoding", f"not UTF-8: {exc.reason}")]
    expected = table.field_names
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in expected]
    for c in missing:
        problems.append(Problem(rel, 1, c, "header", f"column {c!r} is missing"))
    for c in unknown:
        problems.append(Problem(rel, 1, c, "header", f"unknown column {c!r}"))
    if not missing and not unknown and header != expected:
        problems.append(
            Problem(rel, 1, None, "header", f"columns out of schema order: {header} != {expected}")
        )
    if missing or unknown or bom:
        return None, problems
    try:
        raw = read_raw_bytes(data)
    except Exception as exc:  # polars' parse errors have no common base class
        return None, [*problems, *_explain_unreadable(rel, data, len(expected), exc)]
    return raw.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64)), problems


def _explain_unreadable(rel: str, data: bytes, width: int, exc: Exception) -> list[Problem]:
    """Polars refused the file: name the line of the bad byte or of the malformed row."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return [Problem(rel, line, None, "encoding", f"not UTF-8: {err.reason}")]
    return _locate_parse_error(rel, text, width, exc)


def _locate_parse_error(rel: str, text: str, width: int, exc: Exception) -> list[Problem]:
    """Polars says only that parsing failed; the csv module finds the row."""
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        for row in reader:
            if len(row) != width:
                return [
                    Problem(
                        rel,
                        reader.line_num,
                        None,
                        "parse",
                        f"row has {len(row)} fields, schema has {width}",
                    )
                ]
    except csv.Error as err:
        return [Problem(rel, reader.line_num, None, "parse", f"CSV syntax: {err}")]
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return [Problem(rel, None, None, "parse", f"cannot parse CSV: {first}")]


def check_ragged_rows(table: TableSchema, root: Path) -> list[Problem]:
    """Rows with too few fields parse as nulls in polars; count fields to say which row."""
    problems = []
    with (root / table.path).open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        width = len(next(reader, []))
        for row in reader:
            if len(row) != width:
                problems.append(
                    Problem(
                        table.path,
                        reader.line_num,
                        None,
                        "parse",
                        f"row has {len(row)} fields, header has {width}",
                    )
                )
    return problems


def check_resource_hash(resource: dict, data: bytes | None) -> list[Problem]:
    """bytes and sha256 as datapackage.json records them: a hand edit without a rebuild shows here.

    ``data`` is the file's content, None when it is missing (``check_file`` says so).
    """
    if data is None:
        return []
    problems = []
    if "bytes" in resource and resource["bytes"] != len(data):
        problems.append(
            Problem(
                resource["path"],
                None,
                None,
                "resource-bytes",
                f"file has {len(data)} bytes, datapackage.json says {resource['bytes']}",
            )
        )
    if "hash" in resource:
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        if resource["hash"] != digest:
            problems.append(
                Problem(
                    resource["path"],
                    None,
                    None,
                    "resource-hash",
                    f"file hash is {digest}, datapackage.json says {resource['hash']} (edited without a rebuild?)",
                )
            )
    return problems
