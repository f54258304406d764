"""Archived texts: present, unchanged (sha256) and of the recorded length; citation-only
sources carry an address and no hash or length."""

from __future__ import annotations

import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import sources
from fr_az_crisis.table_reading import ROW


def check_texts(pkg: PackageData) -> CheckResult:
    frame = pkg.typed[sources.TABLE]
    rel = pkg.path(sources.TABLE)
    problems: list[Problem] = []
    archived = frame.filter(pl.col(sources.is_archived).fill_null(False))
    for r in archived.iter_rows(named=True):
        sid, row = r[sources.source_id], r[ROW]
        text_rel = pkg.definition.text_path(sid)
        for col in (sources.sha256, sources.char_count):
            if r[col] is None and row not in pkg.unparsed_rows(sources.TABLE, col):
                problems.append(
                    Problem("archived-field", rel, row, col, "required when is_archived")
                )
        if pkg.text_bytes.get(sid) is None:
            problems.append(
                Problem("text-missing", rel, row, sources.is_archived, f"{text_rel} is missing")
            )
            continue
        digest = pkg.text_digests[sid]
        if r[sources.sha256] is not None and r[sources.sha256] != digest:
            problems.append(
                Problem(
                    "text-hash",
                    rel,
                    row,
                    sources.sha256,
                    f"{text_rel} has sha256 {digest}, the row says {r[sources.sha256]}",
                )
            )
        if sid not in pkg.texts:
            problems.append(Problem("text-encoding", text_rel, None, None, "not valid UTF-8"))
            continue
        length = len(pkg.texts[sid])
        if r[sources.char_count] is not None and r[sources.char_count] != length:
            problems.append(
                Problem(
                    "text-length",
                    rel,
                    row,
                    sources.char_count,
                    f"text has {length} characters, char_count says {r[sources.char_count]}",
                )
            )
    for r in frame.filter(~pl.col(sources.is_archived).fill_null(True)).iter_rows(named=True):
        for col in (sources.sha256, sources.char_count):
            if r[col] is not None:
                problems.append(
                    Problem(
                        "citation-only", rel, r[ROW], col, "must be empty when is_archived is false"
                    )
                )
        if r[sources.url] is None:
            problems.append(
                Problem(
                    "citation-url", rel, r[ROW], sources.url, "a citation-only source needs its url"
                )
            )
    return CheckResult(problems, rows=frame.height)


CHECK = Check(
    "texts",
    "Archived texts unchanged; citation-only sources complete",
    (sources.TABLE,),
    check_texts,
)
