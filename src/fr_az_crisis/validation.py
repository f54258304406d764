"""Run every check on a data package and report all failures together.

The fast path (polars + pandera + vectorised semantic checks) always runs; frictionless, the
reference validator, runs too unless ``reference=False``.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fr_az_crisis.checks import (
    constraints,
    dates,
    hygiene,
    integrity,
    keys,
    quotes,
    structure,
    voice,
)
from fr_az_crisis.checks import typing as typing_checks
from fr_az_crisis.coverage import SourceCoverage, find_gaps
from fr_az_crisis.paths import find_package_dir
from fr_az_crisis.problems import Problem, Report, ValidationError
from fr_az_crisis.table_schema import TableSchema, read_descriptor, read_schemas

ROW = "_row"


def read_table(
    table: TableSchema, root: Path, data: bytes | None
) -> tuple[pl.DataFrame | None, pl.DataFrame | None, list[Problem]]:
    """Raw and typed frames of one table (None when unreadable), with structure and type problems."""
    raw, problems = structure.check_file(table, data)
    if raw is None:
        return None, None, problems
    if any(p.check == "truncated" for p in problems):
        problems += structure.check_ragged_rows(table, root)
    typed, cast_problems = typing_checks.cast_table(table, raw)
    return raw, typed, problems + cast_problems


def read_tables(
    root: Path, report: Report
) -> tuple[dict[str, pl.DataFrame], dict[str, pl.DataFrame]]:
    """Raw and typed frames of every table that could be read; problems go to the report.

    Each file is read once, for its hash and its rows.
    """
    raw_frames: dict[str, pl.DataFrame] = {}
    typed_frames: dict[str, pl.DataFrame] = {}
    schemas = read_schemas(root)
    contents = {
        table.path: (root / table.path).read_bytes()
        for table in schemas.values()
        if (root / table.path).is_file()
    }
    for resource in read_descriptor(root)["resources"]:
        data = contents.get(resource["path"])
        report.extend(structure.check_resource_hash(resource, data))
    for name, table in schemas.items():
        raw, typed, problems = read_table(table, root, contents.pop(table.path, None))
        report.extend(problems)
        if raw is not None and typed is not None:
            raw_frames[name], typed_frames[name] = raw, typed
    report.checks_run += ["resource hashes", "structure", "types"]
    return raw_frames, typed_frames


def check_rules(schemas: dict[str, TableSchema], typed: dict[str, pl.DataFrame]) -> list[Problem]:
    """Pandera constraints and primary keys, table by table in schema order."""
    problems: list[Problem] = []
    for name, frame in typed.items():
        problems += constraints.check_constraints(schemas[name], frame)
        problems += keys.check_primary_key(schemas[name], frame)
    return problems


def check_references(
    schemas: dict[str, TableSchema], typed: dict[str, pl.DataFrame]
) -> list[Problem]:
    """Foreign keys, by anti joins."""
    problems: list[Problem] = []
    for name, frame in typed.items():
        problems += keys.check_foreign_keys(schemas[name], frame, typed)
    return problems


def run_core(
    root: Path, report: Report
) -> tuple[dict[str, pl.DataFrame], dict[str, pl.DataFrame], dict[str, str] | None]:
    """Everything frictionless checks, plus text hashes and quotes.

    (Running pandera in a thread of its own beside the keys and quotes was measured: no gain
    on two cores at a million claims, so it stays sequential.)
    """
    raw, typed = read_tables(root, report)
    schemas = read_schemas(root)
    report.extend(check_rules(schemas, typed))
    report.extend(check_references(schemas, typed))
    report.checks_run += ["constraints (pandera)", "keys"]
    texts = run_quote_checks(root, typed, report)
    return raw, typed, texts


def run_quote_checks(
    root: Path, typed: dict[str, pl.DataFrame], report: Report
) -> dict[str, str] | None:
    """Texts against their hashes, quotes and furniture against their texts; returns the texts."""
    if not {"sources", "claims", "source_furniture"} <= typed.keys():
        return None
    s, c = typed["sources"], typed["claims"]
    texts, problems = quotes.read_texts(root, s)
    report.extend(problems)
    archived = set(texts)
    report.extend(quotes.check_spans("data/claims.csv", c, texts, "quote", archived))
    report.extend(
        quotes.check_spans(
            "data/source_furniture.csv", typed["source_furniture"], texts, "text", archived
        )
    )
    report.extend(
        quotes.check_citation_only_claims(
            c, set(s.filter(pl.col("is_archived").fill_null(False))["source_id"])
        )
    )
    report.checks_run += ["text hashes", "quotes"]
    return texts


def run_semantic_checks(
    root: Path,
    raw: dict[str, pl.DataFrame],
    typed: dict[str, pl.DataFrame],
    texts: dict[str, str] | None,
    report: Report,
) -> list[SourceCoverage]:
    """Hygiene, neutral voice, dates, sourcing, usage and coverage."""
    schemas = read_schemas(root)
    for name, frame in raw.items():
        report.extend(hygiene.check_hygiene(schemas[name], frame))
    terms = voice.read_terms(root)
    for name, frame in typed.items():
        report.extend(voice.check_own_voice(schemas[name], frame, terms))
    report.checks_run += ["hygiene", "own-voice"]
    needed = {"sources", "claims", "events", "actors", "places", "source_furniture", "event_actors"}
    if texts is None or not needed <= typed.keys():
        return []
    s, c, e = typed["sources"], typed["claims"], typed["events"]
    report.extend(dates.check_event_dates(e))
    report.extend(dates.check_claim_dates(c, s, e))
    report.extend(integrity.check_events_backed(e, c))
    report.extend(integrity.check_sources_used(s, c))
    report.extend(integrity.check_actors_used(typed["actors"], typed))
    report.extend(integrity.check_places_used(typed["places"], e))
    for table, a, b in (
        ("claim_relations", "claim_id", "related_claim_id"),
        ("event_relations", "event_id", "related_event_id"),
    ):
        if table in typed:
            report.extend(integrity.check_self_relations(table, typed[table], a, b))
    coverage = find_gaps(texts, c, typed["source_furniture"])
    for cov in coverage:
        for sentence in cov.uncovered:
            report.add(
                Problem(
                    f"data/sources/{cov.source_id}.txt",
                    None,
                    f"chars {sentence.start}:{sentence.end}",
                    "coverage",
                    f"sentence not inside any claim: {sentence.text[:80]!r}",
                )
            )
    report.checks_run += ["dates", "sourcing", "usage", "coverage"]
    return coverage


def validate_core(package_dir: str | Path | None = None) -> Report:
    """Table Schema (types, pandera constraints), keys by joins, text hashes and quotes only.

    The part of validation that frictionless can be compared with (plus quotes); benchmarks
    time it on its own. ``validate`` runs it and every other check.
    """
    root = find_package_dir(package_dir)
    report = Report()
    run_core(root, report)
    return report


def validate(
    package_dir: str | Path | None = None, *, reference: bool = True, raise_on_error: bool = False
) -> Report:
    """Validate the package; returns a Report listing every problem (file, row, field).

    >>> report = validate(reference=False)
    >>> report.ok
    True
    """
    root = find_package_dir(package_dir)
    report = Report()
    raw, typed, texts = run_core(root, report)
    run_semantic_checks(root, raw, typed, texts, report)
    if reference:
        from fr_az_crisis.checks.reference import check_with_frictionless

        for p in check_with_frictionless(root):
            report.problems.append(p)
        report.checks_run.append("frictionless")
    if raise_on_error and not report.ok:
        raise ValidationError(report)
    return report
