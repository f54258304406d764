"""Quotation marks tell the speaker's words from the outlet's narration."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fr_az_crisis.quotations import passages, quoted_regions, split_span, words

TEXT = 'He said the move was "a measure of reciprocity." Then: “curly words” end.\nAn "unclosed'


def test_regions_pair_straight_and_curly_marks_within_a_paragraph() -> None:
    found = [TEXT[a:b] for a, b in quoted_regions(TEXT)]
    assert found == ['"a measure of reciprocity."', "“curly words”", '"unclosed']


def test_a_span_splits_into_quoted_words_and_narration() -> None:
    regions = quoted_regions(TEXT)
    start = TEXT.index("He")
    end = TEXT.index("Then")
    inside, outside = split_span(TEXT, start, end, regions)
    assert inside == "a measure of reciprocity."
    assert words(outside) == ["He", "said", "the", "move", "was"]
    quote_start = TEXT.index("a measure")
    inside, outside = split_span(TEXT, quote_start, quote_start + 9, regions)
    assert (inside, words(outside)) == ("a measure", [])


def test_passages_of_an_own_voice_cell() -> None:
    cell = 'Calls it "a media interpretation" and “hostile”; keeps Armenia\'s name.'
    assert passages(cell) == ["a media interpretation", "hostile"]


# The regular expression agrees with the rule written as a walk over marks.
OPEN, CLOSE, STRAIGHT = "“", "”", '"'


def walk(text: str) -> list[tuple[int, int]]:
    """The rule, one mark at a time: a straight or opening mark opens a passage when none is
    open; a straight or closing mark closes it (included); a newline ends it (excluded)."""
    regions, start = [], None
    for i, ch in enumerate(text):
        if ch == "\n":
            if start is not None:
                regions.append((start, i))
                start = None
        elif ch in (OPEN, CLOSE, STRAIGHT):
            if start is None:
                if ch != CLOSE:
                    start = i
            elif ch != OPEN:
                regions.append((start, i + 1))
                start = None
    if start is not None:
        regions.append((start, len(text)))
    return regions


@given(st.text(alphabet=["a", " ", "\n", OPEN, CLOSE, STRAIGHT, "’"], max_size=60))
def test_regex_equals_the_walk(text: str) -> None:
    assert quoted_regions(text) == walk(text)


def test_region_examples() -> None:
    assert quoted_regions('a "b c" d') == [(2, 7)]
    assert quoted_regions("“open\nnext") == [(0, 5)]
    assert quoted_regions("” stray “x “y” z") == [(8, 14)]
