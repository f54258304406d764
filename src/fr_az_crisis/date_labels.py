"""An event's date written as precisely as it is known, for pages and map popups."""

from __future__ import annotations

import calendar
from datetime import date

from fr_az_crisis.schema_names import events as E


def date_label(start: str, end: str, precision: str | None) -> str:
    """2023-12-26, 2023-10, 2020, or a range ``start..end`` when the bounds say no more.

    >>> date_label("2023-10-01", "2023-10-31", "month"), date_label("2020-01-01", "2020-12-31", "year")
    ('2023-10', '2020')
    >>> date_label("2023-09-20", "2023-10-04", "unknown")
    '2023-09-20..2023-10-04'
    """
    if precision == E.DatePrecision.DAY or start == end:
        return start
    if precision == E.DatePrecision.MONTH and start[:7] == end[:7]:
        return start[:7] if start.endswith("-01") and _is_month_end(end) else f"{start}..{end[8:]}"
    if precision == E.DatePrecision.YEAR and start[5:] == "01-01" and end[5:] == "12-31":
        return start[:4]
    return f"{start}..{end}"


def _is_month_end(iso: str) -> bool:
    d = date.fromisoformat(iso)  # never d + 1 day: 9999-12-31 is a valid date with no successor
    return d.day == calendar.monthrange(d.year, d.month)[1]
