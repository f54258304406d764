"""Sourcing: every event backed by a report, every source used, no relation to itself."""

from __future__ import annotations

import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import claim_relations, claims, event_relations, events, sources
from fr_az_crisis.table_reading import ROW

RELATION_TABLES = (
    (claim_relations.TABLE, claim_relations.claim_id, claim_relations.related_claim_id),
    (event_relations.TABLE, event_relations.event_id, event_relations.related_event_id),
)


def check_sourcing(pkg: PackageData) -> CheckResult:
    e, c, s = pkg.typed[events.TABLE], pkg.typed[claims.TABLE], pkg.typed[sources.TABLE]
    problems = check_events_backed(pkg.path(events.TABLE), e, c)
    problems += check_sources_used(pkg.path(sources.TABLE), s, c)
    rows = e.height + s.height
    for table, a, b in RELATION_TABLES:
        frame = pkg.typed[table]
        rows += frame.height
        for r in frame.filter(pl.col(a) == pl.col(b)).iter_rows(named=True):
            problems.append(
                Problem("self-relation", pkg.path(table), r[ROW], b, f"{r[a]!r} relates to itself")
            )
    return CheckResult(problems, rows=rows)


def check_events_backed(
    rel: str, event_frame: pl.DataFrame, claim_frame: pl.DataFrame
) -> list[Problem]:
    backed = claim_frame.filter(
        pl.col(claims.claim_type).cast(pl.String) == claims.ClaimType.EVENT_REPORT
    )[claims.event_id]
    orphan = event_frame.filter(~pl.col(events.event_id).is_in(backed.drop_nulls().implode()))
    return [
        Problem(
            "unsourced-event",
            rel,
            r[ROW],
            events.event_id,
            f"event {r[events.event_id]!r} has no event_report claim",
        )
        for r in orphan.iter_rows(named=True)
    ]


def check_sources_used(
    rel: str, source_frame: pl.DataFrame, claim_frame: pl.DataFrame
) -> list[Problem]:
    used = claim_frame[claims.source_id].unique().implode()
    return [
        Problem(
            "unused-source",
            rel,
            r[ROW],
            sources.source_id,
            f"source {r[sources.source_id]!r} has no claims",
        )
        for r in source_frame.filter(~pl.col(sources.source_id).is_in(used)).iter_rows(named=True)
    ]


CHECK = Check(
    "sourcing",
    "Every event reported, every source used, no self-relations",
    (events.TABLE, claims.TABLE, sources.TABLE, claim_relations.TABLE, event_relations.TABLE),
    check_sourcing,
)
