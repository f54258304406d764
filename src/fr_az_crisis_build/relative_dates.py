"""Resolve a text's relative date expression against an anchor date.

The rules are the ones news copy follows: a bare weekday means the latest such day on or
before the anchor (the publication date), "N days earlier" counts back from a dated anchor
event, a month without a year is the latest such month not after the anchor.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from fr_az_crisis.schema_names import events

P = events.DatePrecision

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1}
FEW = (2, 6)  # "a few days": at least two, at most six


class DateExpressionError(ValueError):
    pass


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _latest_month(anchor: date, month: int) -> int:
    return anchor.year if month <= anchor.month else anchor.year - 1


def _span_precision(start: date, end: date) -> str:
    """The coarsest unit holding both bounds (see the dates check for the same rule)."""
    if (start.year, start.month) == (end.year, end.month):
        return P.MONTH
    return P.YEAR if start.year == end.year else P.UNKNOWN


def resolve(expression: str, anchor: date) -> tuple[date, date, str]:
    """(date_start, date_end, precision) for ``expression`` relative to ``anchor``."""
    e = " ".join(expression.lower().replace(",", " ").split())
    e = re.sub(r"^(on|in|by) ", "", e)
    if e in {"today", "the same day", "same day", "that day"}:
        return anchor, anchor, P.DAY
    if e == "yesterday":
        d = anchor - timedelta(days=1)
        return d, d, P.DAY
    if e in WEEKDAYS:
        d = anchor - timedelta(days=(anchor.weekday() - WEEKDAYS[e]) % 7)
        return d, d, P.DAY
    m = re.fullmatch(r"(?:a )?(\w+) days? (earlier|before|later|after)", e)
    if m and (m.group(1) in NUMBERS or m.group(1) == "few"):
        sign = -1 if m.group(2) in {"earlier", "before"} else 1
        lo, hi = FEW if m.group(1) == "few" else (NUMBERS[m.group(1)],) * 2
        a, b = anchor + timedelta(days=sign * lo), anchor + timedelta(days=sign * hi)
        start, end = min(a, b), max(a, b)
        return start, end, P.DAY if start == end else _span_precision(start, end)
    m = re.fullmatch(r"(?:(early|mid|late|earlier in) )?(\w+)(?: (\d{4}))?", e)
    if m and m.group(2) in MONTHS:
        month = MONTHS[m.group(2)]
        year = int(m.group(3)) if m.group(3) else _latest_month(anchor, month)
        start, end = _month_bounds(year, month)
        part = m.group(1)
        if part == "early":
            end = date(year, month, 10)
        elif part == "mid":
            start, end = date(year, month, 11), date(year, month, 20)
        elif part == "late":
            start = date(year, month, 21)
        return start, end, P.MONTH
    raise DateExpressionError(f"cannot read {expression!r}")
