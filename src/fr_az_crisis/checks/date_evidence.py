"""Every date traced to its evidence, by one rule for archived and citation-only claims alike.

- An event names the claim that dates it (``dated_by_claim_id``) unless its date is inferred;
  a stated date lies within what that claim's ``date_expression`` says, a resolved date is
  exactly what the expression gives against ``anchor_date``, an external date comes from a
  citation-only claim.
- A claim's ``claim_date`` is when its claimant spoke; a source_voice claim has none (its
  source's publication dates it). ``date_expression`` is words of the claim's own quote.
  ``claim_date_basis`` says how claim_date is known; a ``stated`` date is what the claim's own
  expression gives, read against the source's publication.
- Where the words allow several readings, ``date_readings`` holds each one; each resolves from
  its anchor; at most one is adopted, and only on the evidence of a claim whose date it holds.

Expressions are read by ``fr_az_crisis.relative_dates``, the code the build uses.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.relative_dates import DateExpressionError, resolve
from fr_az_crisis.schema_names import claims, date_readings, events, sources
from fr_az_crisis.table_reading import ROW

E, C, R = events, claims, date_readings
KNOWN_BY = "_known_by"
EXPRESSION = "_expression"


def check_date_evidence(pkg: PackageData) -> CheckResult:
    e, c, d = pkg.typed[E.TABLE], pkg.typed[C.TABLE], pkg.typed[R.TABLE]
    s = pkg.typed[sources.TABLE]
    known = s.select(
        sources.source_id,
        sources.is_archived,
        pl.coalesce(sources.published_date, sources.updated_date).alias(KNOWN_BY),
    )
    problems = check_event_evidence(pkg.path(E.TABLE), e, c, known)
    problems += check_claim_date_rule(pkg.path(C.TABLE), c, known)
    problems += check_readings(pkg.path(R.TABLE), d, c, e)
    return CheckResult(problems, rows=e.height + c.height + d.height)


def read(expression: str, anchor: date) -> tuple[date | None, date, str] | None:
    try:
        return resolve(expression, anchor)
    except DateExpressionError:
        return None


def check_event_evidence(
    rel: str, frame: pl.DataFrame, claim_frame: pl.DataFrame, known: pl.DataFrame
) -> list[Problem]:
    evidence = claim_frame.select(
        pl.col(C.claim_id).alias(E.dated_by_claim_id),
        pl.col(C.event_id).alias("_claim_event"),
        pl.col(C.date_expression).alias(EXPRESSION),
        C.source_id,
    ).join(known, on=C.source_id, how="left")
    worth = (
        (pl.col(E.date_basis).cast(pl.String) != E.DateBasis.INFERRED)
        | pl.col(E.anchor_date).is_not_null()
        | pl.col(E.dated_by_claim_id).is_not_null()
    )
    rows = (
        frame.filter(worth)
        .with_columns(
            pl.col(E.date_basis).cast(pl.String), pl.col(E.date_precision).cast(pl.String)
        )
        .join(evidence, on=E.dated_by_claim_id, how="left")
        .sort(ROW)
    )
    basis = E.DateBasis
    problems = []
    for r in rows.iter_rows(named=True):
        row: int = r[ROW]

        def add(code: str, field: str, message: str, r: dict[str, Any] = r, row: int = row) -> None:
            problems.append(Problem(code, rel, row, field, f"{r[E.event_id]}: {message}"))

        kind, anchor, by = r[E.date_basis], r[E.anchor_date], r[E.dated_by_claim_id]
        if kind == basis.RESOLVED_RELATIVE and anchor is None:
            add("date-anchor", E.anchor_date, "resolved_relative without its anchor_date")
        elif kind != basis.RESOLVED_RELATIVE and anchor is not None:
            add("date-anchor", E.anchor_date, f"anchor_date on a {kind} date")
        if by is None:
            if kind != basis.INFERRED:
                add("dated-by", E.dated_by_claim_id, f"a {kind} date names no claim")
            continue
        if r[C.source_id] is None:
            continue  # a dangling claim id: the keys check reports it
        if r["_claim_event"] != r[E.event_id]:
            add("dated-by", E.dated_by_claim_id, f"{by} does not report this event")
            continue
        expression = r[EXPRESSION]
        if kind in (basis.STATED, basis.RESOLVED_RELATIVE) and expression is None:
            add("dated-by", E.dated_by_claim_id, f"{by} has no date_expression for a {kind} date")
            continue
        if kind == basis.EXTERNAL_REFERENCE and r[sources.is_archived]:
            add("dated-by", E.dated_by_claim_id, f"{by} is not a claim of a citation-only source")
            continue
        window = (r[E.date_start], r[E.date_end], r[E.date_precision])
        if kind == basis.RESOLVED_RELATIVE and anchor is not None:
            got = read(expression, anchor)
            if got != window:
                add(
                    "date-resolution",
                    E.date_start,
                    f"{expression!r} against {anchor} gives {_show(got)}, not {_show(window)}",
                )
        elif kind == basis.STATED and r[KNOWN_BY] is not None:
            got = read(expression, r[KNOWN_BY])
            if got is None or not _holds(got, window):
                add(
                    "date-resolution",
                    E.date_start,
                    f"{expression!r} ({_show(got)}) does not hold {_show(window)}",
                )
    return problems


def _show(window: tuple[Any, ...] | None) -> str:
    return "nothing readable" if window is None else f"{window[0]}..{window[1]} ({window[2]})"


def _holds(expressed: tuple[date | None, date, str], window: tuple[Any, ...]) -> bool:
    """A stated expression holds an event's window: an upper bound is the window's end and
    makes it no_later_than; any other expression contains the window."""
    start, end, precision = expressed
    if start is None or window[0] is None:
        return bool(window[2] == precision and window[1] == end)
    return bool(start <= window[0] and window[1] <= end)


def check_claim_date_rule(rel: str, frame: pl.DataFrame, known: pl.DataFrame) -> list[Problem]:
    """The one rule for claim_date and date_expression, archived and citation-only alike."""
    basis = C.ClaimDateBasis
    worth = (
        pl.col(C.claim_date).is_not_null()
        | pl.col(C.claim_date_basis).is_not_null()
        | pl.col(C.date_expression).is_not_null()
    )
    rows = (
        frame.filter(worth)
        .with_columns(
            pl.col(C.attribution).cast(pl.String), pl.col(C.claim_date_basis).cast(pl.String)
        )
        .join(known, on=C.source_id, how="left")
        .sort(ROW)
    )
    problems = []
    for r in rows.iter_rows(named=True):

        def add(code: str, field: str, message: str, r: dict[str, Any] = r) -> None:
            problems.append(Problem(code, rel, r[ROW], field, f"{r[C.claim_id]}: {message}"))

        when, kind = r[C.claim_date], r[C.claim_date_basis]
        expression, quote = r[C.date_expression], r[C.quote]
        if expression is not None and (quote is None or expression not in quote):
            add("date-expression", C.date_expression, f"{expression!r} is not in the quote")
        if when is not None and r[C.attribution] == C.Attribution.SOURCE_VOICE:
            add("claim-date", C.claim_date, "a source_voice claim is dated by its source")
        elif (when is None) != (kind is None):
            add("claim-date", C.claim_date_basis, "claim_date and claim_date_basis go together")
        elif kind == basis.STATED and expression is None:
            add("claim-date", C.date_expression, "a stated claim_date needs its date_expression")
        elif kind == basis.STATED and r[KNOWN_BY] is not None:
            got = read(expression, r[KNOWN_BY])
            if got is None or got[0] is None or not got[0] <= when <= got[1]:
                add("date-resolution", C.claim_date, f"{expression!r} ({_show(got)}) is not {when}")
    return problems


def check_readings(
    rel: str, frame: pl.DataFrame, claim_frame: pl.DataFrame, event_frame: pl.DataFrame
) -> list[Problem]:
    """Each ambiguous expression: every reading resolves, one adopted at most, on evidence."""
    claim_info = claim_frame.select(C.claim_id, C.date_expression, C.claim_date, C.event_id)
    evidence = claim_info.join(
        event_frame.select(E.event_id, E.date_start, E.date_end), on=C.event_id, how="left"
    ).select(
        pl.col(C.claim_id).alias(R.settled_by_claim_id),
        pl.coalesce(C.claim_date, E.date_start).alias("_evidence_start"),
        pl.coalesce(C.claim_date, E.date_end).alias("_evidence_end"),
    )
    rows = (
        frame.join(claim_info.select(C.claim_id, C.date_expression), on=R.claim_id, how="left")
        .join(evidence, on=R.settled_by_claim_id, how="left")
        .with_columns(pl.len().over(R.claim_id).alias("_readings"))
        .sort(ROW)
    )
    problems = []
    adopted: set[str] = set()
    for r in rows.iter_rows(named=True):

        def add(field: str, message: str, r: dict[str, Any] = r) -> None:
            problems.append(
                Problem("date-reading", rel, r[ROW], field, f"{r[R.claim_id]}: {message}")
            )

        expression = r[C.date_expression]
        if r["_readings"] < 2:
            add(R.claim_id, "a single reading: record every reading, or none")
        if expression is None:
            add(R.claim_id, "the claim has no date_expression to read")
        else:
            got = read(expression, r[R.anchor_date])
            if got is None or got[:2] != (r[R.date_start], r[R.date_end]):
                add(R.date_start, f"{expression!r} against {r[R.anchor_date]} gives {_show(got)}")
        settled = r[R.settled_by_claim_id]
        if r[R.is_adopted]:
            if r[R.claim_id] in adopted:
                add(R.is_adopted, "another reading of this claim is adopted already")
            adopted.add(r[R.claim_id])
            if settled is None:
                add(R.settled_by_claim_id, "adopted without the claim that settles it")
            elif r["_evidence_start"] is not None and not (
                r[R.date_start] <= r["_evidence_start"] and r["_evidence_end"] <= r[R.date_end]
            ):
                add(
                    R.settled_by_claim_id,
                    f"{settled} dates it {r['_evidence_start']}..{r['_evidence_end']}, outside "
                    "this reading",
                )
        elif settled is not None:
            add(R.settled_by_claim_id, "only the adopted reading is settled by a claim")
    return problems


CHECK = Check(
    "date-evidence",
    "Every date traced to the words or citation that give it; ambiguous dates with every reading",
    (E.TABLE, C.TABLE, sources.TABLE, R.TABLE),
    check_date_evidence,
)
