"""Find a curated quote in its archived text: the build computes offsets, curators never type them."""

from __future__ import annotations


class QuoteError(ValueError):
    """A quote that is absent, or repeated without saying which occurrence is meant."""


def find_all(text: str, quote: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``quote`` in ``text``."""
    if not quote:
        raise QuoteError("the quote is empty")
    starts, i = [], text.find(quote)
    while i >= 0:
        starts.append(i)
        i = text.find(quote, i + 1)
    return starts


def locate(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """(char_start, char_end) of the quote, end exclusive; ``occurrence`` counts from 1."""
    starts = find_all(text, quote)
    if not starts:
        raise QuoteError(f"not found in the text{_near_miss(text, quote)}")
    if occurrence is None:
        if len(starts) > 1:
            raise QuoteError(
                f"occurs {len(starts)} times (at {starts}); say which with 'occurrence: N'"
            )
        start = starts[0]
    else:
        if not 1 <= occurrence <= len(starts):
            raise QuoteError(f"occurrence {occurrence} asked for, the text has {len(starts)}")
        start = starts[occurrence - 1]
    return start, start + len(quote)


def _near_miss(text: str, quote: str) -> str:
    """Say how far the quote matches, so the curator sees the differing character."""
    lo, hi = 0, len(quote)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return ""
    return f"; the text has its first {lo} characters but then differs at {quote[lo : lo + 20]!r}"
