"""Quotation marks tell the speaker's words from the outlet's narration."""

from __future__ import annotations

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
