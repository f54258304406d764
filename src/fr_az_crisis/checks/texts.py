"""Archived texts: present, inside the package, unchanged (sha256) and of the recorded length;
nothing else in their folder; citation-only sources carry an address and no hash or length.

A text no archived sources row names is a problem: every page that lists the texts would
otherwise show a file nobody curated or hashed.
"""

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
        for col in (sources.sha256, sources.char_count):
            if r[col] is None and row not in pkg.unparsed_rows(sources.TABLE, col):
                problems.append(
                    Problem("archived-field", rel, row, col, "required when is_archived")
                )
        if sid is None or not pkg.is_source_id(sid):
            continue  # no path is made of it: the constraints check reports the id
        text_rel = pkg.definition.text_path(sid)
        if sid in pkg.text_problems:
            problems.append(pkg.text_problems[sid])
            continue
        if pkg.text_bytes.get(sid) is None:
            problems.append(
                Problem("text-missing", rel, row, sources.is_archived, f"{text_rel} is missing")
            )
            continue
        data = pkg.text_bytes[sid]
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
            problems.append(Problem("text-encoding", text_rel, None, None, _decode_error(data)))
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
    problems += check_text_folder(pkg, frame)
    return CheckResult(problems, rows=frame.height)


def _decode_error(data: bytes | None) -> str:
    try:
        (data or b"").decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not valid UTF-8 at byte {exc.start}: {exc.reason}"
    return "not valid UTF-8"


def check_text_folder(pkg: PackageData, frame: pl.DataFrame) -> list[Problem]:
    """Every entry of the texts' folder is the text of an archived sources row."""
    if pkg.text_folder_problem is not None:
        return [pkg.text_folder_problem]
    ids = frame[sources.source_id].drop_nulls().to_list()
    archived = frame.filter(pl.col(sources.is_archived).fill_null(False))[sources.source_id]
    expected = {pkg.definition.text_path(sid) for sid in archived.drop_nulls().to_list()}
    cited = {pkg.definition.text_path(sid) for sid in ids} - expected
    problems = []
    for rel in pkg.text_folder:
        if rel in expected:
            continue
        why = (
            "its sources row says the text is not archived"
            if rel in cited
            else "no sources row names this file"
        )
        problems.append(Problem("text-unexpected", rel, None, None, why))
    return problems


CHECK = Check(
    "texts",
    "Archived texts unchanged; citation-only sources complete",
    (sources.TABLE,),
    check_texts,
)
