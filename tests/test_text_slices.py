"""Vectorised slicing and gap finding agree with plain Python on any text, ASCII or not."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from fr_az_crisis.coverage import nonblank_outside, sources_with_gaps
from fr_az_crisis.text_slices import add_slice, with_texts

ALPHABET = st.sampled_from([*"ab .\n’é—“”", "\U0001f30d"])
TEXTS = st.lists(st.text(ALPHABET, max_size=60), min_size=1, max_size=4)


def spans_for(data: st.DataObject, texts: list[str]) -> list[tuple[str, int, int]]:
    spans = []
    for i, text in enumerate(texts):
        for _ in range(data.draw(st.integers(0, 6))):
            start = data.draw(st.integers(0, len(text)))
            end = data.draw(st.integers(start, len(text)))
            spans.append((f"s{i}", start, end))
    return spans


def frame(spans: list[tuple[str, int, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        spans,
        schema={"source_id": pl.String, "char_start": pl.Int64, "char_end": pl.Int64},
        orient="row",
    )


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.data())
def test_add_slice_equals_python_slicing(texts: list[str], data: st.DataObject) -> None:
    by_id = {f"s{i}": t for i, t in enumerate(texts)}
    spans = spans_for(data, texts)
    sliced = add_slice(with_texts(frame(spans), by_id), "char_start", "char_end", "piece")
    got = sorted(sliced.select("source_id", "char_start", "char_end", "piece").rows())
    assert got == sorted((s, a, b, by_id[s][a:b]) for s, a, b in spans)


def has_uncovered_text(text: str, spans: list[tuple[int, int]]) -> bool:
    """The oracle: some non-blank character outside every span."""
    covered = [False] * len(text)
    for start, end in spans:
        for i in range(start, end):
            covered[i] = True
    return any(not c and not ch.isspace() for c, ch in zip(covered, text, strict=True))


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.data())
def test_sources_with_gaps_matches_the_oracle(texts: list[str], data: st.DataObject) -> None:
    by_id = {f"s{i}": t for i, t in enumerate(texts)}
    spans = spans_for(data, texts)
    claims, furniture = frame(spans[::2]), frame(spans[1::2])
    expected = {
        sid
        for sid, text in by_id.items()
        if has_uncovered_text(text, [(a, b) for s, a, b in spans if s == sid])
    }
    assert sources_with_gaps(by_id, claims, furniture) == expected


@settings(max_examples=100, deadline=None)
@given(TEXTS, st.data())
def test_nonblank_outside_counts_like_python(texts: list[str], data: st.DataObject) -> None:
    by_id = {f"s{i}": t for i, t in enumerate(texts)}
    spans = spans_for(data, texts)
    expected = {}
    for sid, text in by_id.items():
        covered = [False] * len(text)
        for s, a, b in spans:
            if s == sid:
                covered[a:b] = [True] * (b - a)
        expected[sid] = sum(
            1 for c, ch in zip(covered, text, strict=True) if not c and not ch.isspace()
        )
    assert nonblank_outside(by_id, frame(spans)) == expected
