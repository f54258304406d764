"""Dates: bounds in order, precision agreeing with bounds, nothing reported before it happened.

Precision names the smallest calendar unit holding both bounds: ``day`` (equal bounds),
``month`` (both in one month, e.g. "late October" is 21–31 Oct), ``year``, else ``unknown``.
"""

from __future__ import annotations

import polars as pl

from fr_az_crisis.problems import Problem

ROW = "_row"
EVENTS = "data/events.csv"
CLAIMS = "data/claims.csv"


def check_event_dates(events: pl.DataFrame) -> list[Problem]:
    problems = []
    e = events.drop_nulls(["date_start", "date_end"])
    for r in e.filter(pl.col("date_start") > pl.col("date_end")).iter_rows(named=True):
        problems.append(
            Problem(
                EVENTS,
                r[ROW],
                "date_end",
                "dates",
                f"date_end {r['date_end']} is before date_start {r['date_start']}",
            )
        )
    start, end = pl.col("date_start"), pl.col("date_end")
    expected = {
        "day": start == end,
        "month": (start.dt.year() == end.dt.year()) & (start.dt.month() == end.dt.month()),
        "year": start.dt.year() == end.dt.year(),
    }
    for precision, agrees in expected.items():
        wrong = e.filter((pl.col("date_precision").cast(pl.String) == precision) & ~agrees)
        for r in wrong.iter_rows(named=True):
            problems.append(
                Problem(
                    EVENTS,
                    r[ROW],
                    "date_precision",
                    "dates",
                    f"precision {precision!r} does not fit bounds {r['date_start']}..{r['date_end']}",
                )
            )
    return problems


def _known_by(sources: pl.DataFrame) -> pl.DataFrame:
    """The latest date each source's text can speak from: publication, else its shown update."""
    return sources.select(
        "source_id", pl.coalesce("published_date", "updated_date").alias("_known_by")
    ).drop_nulls("_known_by")


def check_claim_dates(
    claims: pl.DataFrame, sources: pl.DataFrame, events: pl.DataFrame
) -> list[Problem]:
    problems = []
    known = _known_by(sources)
    c = claims.join(known, on="source_id", how="inner")
    for r in c.filter(pl.col("claim_date") > pl.col("_known_by")).iter_rows(named=True):
        problems.append(
            Problem(
                CLAIMS,
                r[ROW],
                "claim_date",
                "dates",
                f"claim dated {r['claim_date']}, after its source was published ({r['_known_by']})",
            )
        )
    reported = c.filter(
        (pl.col("claim_type").cast(pl.String) == "event_report")
        & (pl.col("modality").cast(pl.String) == "asserted")
    ).join(events.select("event_id", "date_start"), on="event_id", how="inner")
    for r in reported.filter(pl.col("date_start") > pl.col("_known_by")).iter_rows(named=True):
        problems.append(
            Problem(
                CLAIMS,
                r[ROW],
                "event_id",
                "dates",
                f"reports {r['event_id']} (from {r['date_start']}) as past, "
                f"but its source dates from {r['_known_by']}",
            )
        )
    return problems
