"""Read a text's date expression against an anchor date, and name how sure a date window is.

Used by the build (to turn curated expressions into dates) and by validation (to prove that a
published date is what its expression and anchor give), so both apply one rule.

The rules are the ones news copy follows: a bare weekday means the latest such day on or
before the anchor (the publication date), "N days earlier" counts back from a dated anchor,
a month or a day without a year is the latest such month or day not after the anchor.
"By", "no later than" and "already" give only an upper bound: no start, that day as the end,
and the precision ``no_later_than`` (see ``events.date_precision``).
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
DAYS_MAX, WEEKS_MAX = 7, 31
UPPER_BOUND = re.compile(r"^(?:already )?(?:by|no later than) ")
LEAD = re.compile(r"^(?:speaking |which began |that began )?(?:on|in|by) ")


class DateExpressionError(ValueError):
    pass


def precision_of(start: date, end: date) -> str:
    """The precision a window has: ``day``, ``days`` (2–7 days), ``month`` (one whole calendar
    month), ``weeks`` (8–31 days otherwise), ``year`` (within one calendar year), else
    ``unknown``. The dates check requires exactly this value for every event whose precision
    is not ``no_later_than``."""
    width = (end - start).days + 1
    if width <= 1:
        return P.DAY
    if width <= DAYS_MAX:
        return P.DAYS
    whole = end.day == calendar.monthrange(end.year, end.month)[1]
    if start.day == 1 and whole and (start.year, start.month) == (end.year, end.month):
        return P.MONTH
    if width <= WEEKS_MAX:
        return P.WEEKS
    return P.YEAR if start.year == end.year else P.UNKNOWN


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _latest_month(anchor: date, month: int) -> int:
    return anchor.year if month <= anchor.month else anchor.year - 1


def _latest_day(anchor: date, month: int, day: int) -> int:
    return anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1


def _window(start: date, end: date) -> tuple[date, date, str]:
    return start, end, precision_of(start, end)


def _explicit(e: str, anchor: date) -> tuple[date, date, str] | None:
    """'December 15', 'December 27 2023', 'September 19-20', 'September 2023', '2020'."""
    m = re.fullmatch(r"(\w+) (\d{1,2})(?:-(\d{1,2}))?(?: (\d{4}))?", e)
    if m and m.group(1) in MONTHS:
        month, first = MONTHS[m.group(1)], int(m.group(2))
        last = int(m.group(3) or first)
        year = int(m.group(4)) if m.group(4) else _latest_day(anchor, month, last)
        return _window(date(year, month, first), date(year, month, last))
    m = re.fullmatch(r"(\d{4})", e)
    if m:
        return _window(date(int(m.group(1)), 1, 1), date(int(m.group(1)), 12, 31))
    return None


def _relative(e: str, anchor: date) -> tuple[date, date, str] | None:
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
        return _window(min(a, b), max(a, b))
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
        return _window(start, end)
    return None


def resolve(expression: str, anchor: date) -> tuple[date | None, date, str]:
    """(date_start, date_end, precision) for ``expression`` read against ``anchor``; the start
    is None only for an upper bound ("by December 22")."""
    e = " ".join(expression.lower().replace(",", " ").split())
    bound = UPPER_BOUND.match(e)
    if bound:
        e = e[bound.end() :]
    e = LEAD.sub("", e)
    found = _explicit(e, anchor) or _relative(e, anchor)
    if found is None:
        raise DateExpressionError(f"cannot read {expression!r}")
    if bound:
        return None, found[1], P.NO_LATER_THAN
    return found
