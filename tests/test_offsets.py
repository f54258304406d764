"""The quote-offset finder: exact spans, explicit occurrences, clear failures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fr_az_crisis_build.offsets import QuoteError, find_all, locate

TEXT = "Paris reacted. Baku reacted. Paris reacted again."


def test_unique_quote_gives_exact_span() -> None:
    start, end = locate(TEXT, "Baku reacted.")
    assert (start, end) == (15, 28)
    assert TEXT[start:end] == "Baku reacted."


def test_repeated_quote_needs_an_occurrence() -> None:
    with pytest.raises(QuoteError, match="occurs 2 times"):
        locate(TEXT, "Paris reacted")


def test_occurrence_picks_the_nth() -> None:
    assert locate(TEXT, "Paris reacted", 2) == (29, 42)


def test_occurrence_out_of_range_is_an_error() -> None:
    with pytest.raises(QuoteError, match="occurrence 3 asked for, the text has 2"):
        locate(TEXT, "Paris reacted", 3)


def test_missing_quote_says_where_it_differs() -> None:
    with pytest.raises(QuoteError, match=r"first 10 characters but then differs at 'x"):
        locate(TEXT, "Baku reactxd.")


def test_curly_and_straight_quotes_are_different_characters() -> None:
    with pytest.raises(QuoteError):
        locate("Baku’s offensive", "Baku's offensive")


@given(st.text(min_size=1, max_size=60), st.data())
def test_located_span_is_the_quote(text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    starts = find_all(text, quote)
    k = data.draw(st.integers(1, len(starts)))
    start, end = locate(text, quote, k)
    assert text[start:end] == quote
    assert start == starts[k - 1]
    assert sorted(starts) == starts and i in starts


@given(st.text(max_size=40), st.text(min_size=1, max_size=10))
def test_absent_quote_always_raises(text: str, quote: str) -> None:
    if quote in text:
        return
    with pytest.raises(QuoteError):
        locate(text, quote)
