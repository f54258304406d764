"""Dates: bounds in order, precision agreeing with bounds, nothing reported before it happened.

Precision is a function of the window (``fr_az_crisis.relative_dates.precision_of``, here as a
polars expression): ``day``,
``days`` (2–7 days), ``weeks`` (8–31 days, not a whole month), ``month`` (one whole calendar
month), ``year``, ``unknown``; only ``no_later_than`` (an upper bound from the words) may
stand for any window.
"""

from __future__ import annotations

import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.relative_dates import DAYS_MAX, WEEKS_MAX
from fr_az_crisis.schema_names import claims, events, sources
from fr_az_crisis.table_reading import ROW

KNOWN_BY = "_known_by"
EXPECTED = "_expected_precision"
P = events.DatePrecision


def check_dates(pkg: PackageData) -> CheckResult:
    e, c, s = pkg.typed[events.TABLE], pkg.typed[claims.TABLE], pkg.typed[sources.TABLE]
    problems = check_event_dates(pkg.path(events.TABLE), e)
    problems += check_claim_dates(pkg.path(claims.TABLE), c, s, e)
    return CheckResult(problems, rows=e.height + c.height)


def check_event_dates(rel: str, frame: pl.DataFrame) -> list[Problem]:
    start, end = pl.col(events.date_start), pl.col(events.date_end)
    e = frame.drop_nulls([events.date_start, events.date_end])
    problems = [
        Problem(
            "date-order",
            rel,
            r[ROW],
            events.date_end,
            f"date_end {r[events.date_end]} is before date_start {r[events.date_start]}",
        )
        for r in e.filter(start > end).iter_rows(named=True)
    ]
    open_start = frame.filter(
        pl.col(events.date_start).is_null()
        != (pl.col(events.date_precision).cast(pl.String) == P.NO_LATER_THAN)
    )
    for r in open_start.drop_nulls(events.date_end).iter_rows(named=True):
        problems.append(
            Problem(
                "date-precision",
                rel,
                r[ROW],
                events.date_precision,
                f"date_start is empty exactly when precision is {P.NO_LATER_THAN!r} "
                f"(start {r[events.date_start]}, precision {r[events.date_precision]!r})",
            )
        )
    judged = e.filter(start <= end).with_columns(
        pl.col(events.date_precision).cast(pl.String), precision_expr(start, end).alias(EXPECTED)
    )
    wrong = judged.filter(
        (pl.col(events.date_precision) != P.NO_LATER_THAN)
        & (pl.col(events.date_precision) != pl.col(EXPECTED))
    )
    for r in wrong.iter_rows(named=True):
        problems.append(
            Problem(
                "date-precision",
                rel,
                r[ROW],
                events.date_precision,
                f"precision {r[events.date_precision]!r} does not fit bounds "
                f"{r[events.date_start]}..{r[events.date_end]} ({r[EXPECTED]!r})",
            )
        )
    return problems


def precision_expr(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """``relative_dates.precision_of`` as a polars expression (a unit test holds them equal)."""
    width = (end - start).dt.total_days() + 1
    whole_month = (
        (start.dt.day() == 1)
        & (start.dt.year() == end.dt.year())
        & (start.dt.month() == end.dt.month())
        & (end == end.dt.month_end())
    )
    return (
        pl.when(width <= 1)
        .then(pl.lit(P.DAY))
        .when(width <= DAYS_MAX)
        .then(pl.lit(P.DAYS))
        .when(whole_month)
        .then(pl.lit(P.MONTH))
        .when(width <= WEEKS_MAX)
        .then(pl.lit(P.WEEKS))
        .when(start.dt.year() == end.dt.year())
        .then(pl.lit(P.YEAR))
        .otherwise(pl.lit(P.UNKNOWN))
    )


def _known_by(frame: pl.DataFrame) -> pl.DataFrame:
    """The latest date each source's text can speak from: publication, else its shown update."""
    return frame.select(
        sources.source_id, pl.coalesce(sources.published_date, sources.updated_date).alias(KNOWN_BY)
    ).drop_nulls(KNOWN_BY)


def check_claim_dates(
    rel: str, frame: pl.DataFrame, source_frame: pl.DataFrame, event_frame: pl.DataFrame
) -> list[Problem]:
    c = frame.join(_known_by(source_frame), on=claims.source_id, how="inner")
    problems = [
        Problem(
            "claim-after-source",
            rel,
            r[ROW],
            claims.claim_date,
            f"claim dated {r[claims.claim_date]}, after its source was published ({r[KNOWN_BY]})",
        )
        for r in c.filter(pl.col(claims.claim_date) > pl.col(KNOWN_BY)).iter_rows(named=True)
    ]
    reported = c.filter(
        (pl.col(claims.claim_type).cast(pl.String) == claims.ClaimType.EVENT_REPORT)
        & (pl.col(claims.modality).cast(pl.String) == claims.Modality.ASSERTED)
    ).join(event_frame.select(events.event_id, events.date_start), on=claims.event_id, how="inner")
    for r in reported.filter(pl.col(events.date_start) > pl.col(KNOWN_BY)).iter_rows(named=True):
        problems.append(
            Problem(
                "reported-before-event",
                rel,
                r[ROW],
                claims.event_id,
                f"reports {r[claims.event_id]} (from {r[events.date_start]}) as past, "
                f"but its source dates from {r[KNOWN_BY]}",
            )
        )
    dated = frame.filter(
        (pl.col(claims.claim_type).cast(pl.String) == claims.ClaimType.EVENT_REPORT)
        & (pl.col(claims.modality).cast(pl.String) == claims.Modality.ASSERTED)
    ).join(event_frame.select(events.event_id, events.date_start), on=claims.event_id, how="inner")
    for r in dated.filter(pl.col(claims.claim_date) < pl.col(events.date_start)).iter_rows(
        named=True
    ):
        problems.append(
            Problem(
                "claim-before-event",
                rel,
                r[ROW],
                claims.claim_date,
                f"reports {r[claims.event_id]} (from {r[events.date_start]}) but is dated "
                f"{r[claims.claim_date]}",
            )
        )
    return problems


CHECK = Check(
    "dates",
    "Dates in order, precise as stated, never before their source",
    (events.TABLE, claims.TABLE, sources.TABLE),
    check_dates,
)
