"""The relative-date resolver, on the expressions the archived texts use."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fr_az_crisis.relative_dates import WEEKDAYS, DateExpressionError, precision_of, resolve


@pytest.mark.parametrize(
    ("expression", "anchor", "expected"),
    [
        ("on Tuesday", date(2023, 12, 27), (date(2023, 12, 26), date(2023, 12, 26), "day")),
        ("On Wednesday", date(2023, 12, 29), (date(2023, 12, 27), date(2023, 12, 27), "day")),
        ("Two days earlier", date(2023, 12, 26), (date(2023, 12, 24), date(2023, 12, 24), "day")),
        ("On the same day", date(2023, 12, 26), (date(2023, 12, 26), date(2023, 12, 26), "day")),
        ("a few days later", date(2023, 12, 22), (date(2023, 12, 24), date(2023, 12, 28), "days")),
        ("In late October", date(2023, 12, 27), (date(2023, 10, 21), date(2023, 10, 31), "weeks")),
        ("in November", date(2023, 12, 27), (date(2023, 11, 1), date(2023, 11, 30), "month")),
        (
            "Earlier in October",
            date(2023, 12, 27),
            (date(2023, 10, 1), date(2023, 10, 31), "month"),
        ),
        ("in December", date(2024, 4, 16), (date(2023, 12, 1), date(2023, 12, 31), "month")),
        ("By December 22", date(2023, 12, 29), (None, date(2023, 12, 22), "no_later_than")),
        ("September 19-20", date(2023, 12, 27), (date(2023, 9, 19), date(2023, 9, 20), "days")),
        (
            "on December 27, 2023",
            date(2023, 12, 29),
            (date(2023, 12, 27), date(2023, 12, 27), "day"),
        ),
        ("Speaking on December 15", date(2023, 12, 27), (date(2023, 12, 15),) * 2 + ("day",)),
        ("in 2020", date(2024, 4, 16), (date(2020, 1, 1), date(2020, 12, 31), "year")),
        ("2020", date(2023, 12, 27), (date(2020, 1, 1), date(2020, 12, 31), "year")),
    ],
)
def test_expressions_of_the_corpus(expression: str, anchor: date, expected: tuple) -> None:
    assert resolve(expression, anchor) == expected


def test_unreadable_expression_is_an_error() -> None:
    with pytest.raises(DateExpressionError, match="cannot read 'sometime'"):
        resolve("sometime", date(2023, 12, 27))


@given(st.dates(date(1990, 1, 1), date(2090, 1, 1)), st.sampled_from(sorted(WEEKDAYS)))
def test_weekday_is_latest_such_day_not_after_anchor(anchor: date, weekday: str) -> None:
    start, end, precision = resolve(f"on {weekday.title()}", anchor)
    assert start == end and precision == "day"
    assert start.strftime("%A").lower() == weekday
    assert timedelta(0) <= anchor - start < timedelta(days=7)


@given(st.dates(date(1990, 1, 1), date(2090, 1, 1)), st.integers(1, 7), st.booleans())
def test_n_days_moves_exactly_n(anchor: date, n: int, later: bool) -> None:
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
    start, end, _ = resolve(f"{words[n]} days {'later' if later else 'earlier'}", anchor)
    assert start == end == anchor + timedelta(days=n if later else -n)


@given(st.dates(date(1990, 1, 1), date(2090, 1, 1)), st.integers(1, 12))
def test_month_is_latest_not_after_anchor_and_whole(anchor: date, month: int) -> None:
    name = date(2000, month, 1).strftime("%B")
    start, end, precision = resolve(f"in {name}", anchor)
    assert precision == "month" and start.day == 1 and start.month == end.month == month
    assert (end + timedelta(days=1)).day == 1
    assert start <= anchor or start.year < anchor.year
    assert start > anchor.replace(year=anchor.year - 1, day=1) - timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2023, 12, 26), date(2023, 12, 26), "day"),
        (date(2023, 12, 26), date(2023, 12, 29), "days"),
        (date(2023, 12, 26), date(2024, 1, 1), "days"),  # 7 days, across a year
        (date(2023, 9, 20), date(2023, 10, 4), "weeks"),  # 15 days across a month: not "year"
        (date(2023, 10, 21), date(2023, 10, 31), "weeks"),
        (date(2023, 11, 1), date(2023, 11, 30), "month"),
        (date(2024, 2, 1), date(2024, 2, 29), "month"),  # a whole month of 29 days
        (date(2023, 9, 1), date(2023, 10, 31), "year"),
        (date(2020, 1, 1), date(2020, 12, 31), "year"),
        (date(2023, 12, 1), date(2024, 1, 31), "unknown"),
    ],
)
def test_precision_is_the_width_of_the_window(start: date, end: date, expected: str) -> None:
    assert precision_of(start, end) == expected


@given(st.dates(date(1990, 1, 1), date(2090, 1, 1)), st.integers(0, 400))
def test_precision_never_narrower_than_the_window(start: date, days: int) -> None:
    end = start + timedelta(days=days)
    precision = precision_of(start, end)
    width = {"day": 1, "days": 7, "weeks": 31, "month": 31}.get(precision, 10**6)
    assert days + 1 <= width


@given(st.dates(date(1990, 1, 1), date(2090, 1, 1)), st.integers(0, 800))
def test_the_dates_check_computes_the_same_precision(start: date, days: int) -> None:
    import polars as pl

    from fr_az_crisis.checks.dates import precision_expr

    end = start + timedelta(days=days)
    frame = pl.DataFrame({"s": [start], "e": [end]})
    assert frame.select(precision_expr(pl.col("s"), pl.col("e")))[0, 0] == precision_of(start, end)
