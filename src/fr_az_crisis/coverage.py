"""Coverage: does every content sentence of an archived text lie inside claim spans?

Sentences come from pysbd (rule-based, handles abbreviations and quotation marks), run on each
line separately because the archived texts put headings, datelines and paragraphs on lines of
their own.  A sentence counts as covered when each of its non-space characters lies inside a
claim's span (several claims may share one sentence); it is furniture when it lies wholly
inside declared furniture spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import polars as pl
import pysbd

from fr_az_crisis.dtypes import derived_polars_schema
from fr_az_crisis.schema_names import claims
from fr_az_crisis.schema_names import source_coverage as SC
from fr_az_crisis.text_slices import add_slice, with_texts

# Claims and furniture locate spans with the same three columns (the schemas share them).
SOURCE, START, END = claims.source_id, claims.char_start, claims.char_end


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class SourceCoverage:
    source_id: str
    content: int = 0
    covered: int = 0
    furniture: int = 0
    uncovered: list[Sentence] = field(default_factory=list)

    @property
    def share(self) -> float:
        return 1.0 if self.content == 0 else self.covered / self.content


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with Python str offsets, trimmed of surrounding white space."""
    out: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            cursor = 0
            for span in _segmenter().segment(line):
                piece = span.sent
                found = line.find(piece, cursor)
                start = found if found >= 0 else span.start
                end = start + len(piece)
                cursor = end
                stripped = piece.strip()
                if not stripped:
                    continue
                lead = len(piece) - len(piece.lstrip())
                s = offset + start + lead
                out.append(Sentence(s, s + len(stripped), stripped))
        offset += len(line) + 1
    return out


def _mask(length: int, spans: list[tuple[int, int]]) -> bytearray:
    mask = bytearray(length)
    for start, end in spans:
        mask[max(start, 0) : min(end, length)] = b"\x01" * (min(end, length) - max(start, 0))
    return mask


def measure(
    source_id: str,
    text: str,
    claim_spans: list[tuple[int, int]],
    furniture_spans: list[tuple[int, int]],
) -> SourceCoverage:
    claims = _mask(len(text), claim_spans)
    furniture = _mask(len(text), furniture_spans)
    result = SourceCoverage(source_id)
    for sentence in split_sentences(text):
        chars = [i for i in range(sentence.start, sentence.end) if not text[i].isspace()]
        if all(furniture[i] for i in chars):
            result.furniture += 1
            continue
        result.content += 1
        if all(claims[i] or furniture[i] for i in chars):
            result.covered += 1
        else:
            result.uncovered.append(sentence)
    return result


def spans_by_source(frame: pl.DataFrame, source_ids: list[str]) -> dict[str, list[tuple[int, int]]]:
    """(char_start, char_end) pairs of a claims or furniture frame, grouped by source."""
    out: dict[str, list[tuple[int, int]]] = {sid: [] for sid in source_ids}
    grouped = (
        frame.drop_nulls([START, END])
        .filter(pl.col(SOURCE).is_in(source_ids))
        .group_by(SOURCE)
        .agg(START, END)
    )
    for sid, starts, ends in grouped.iter_rows():
        out[sid] = list(zip(starts, ends, strict=True))
    return out


def nonblank_outside(texts: dict[str, str], *frames: pl.DataFrame) -> dict[str, int]:
    """Per text, how many non-blank characters lie outside every span of the given frames.

    Vectorised: spans sorted per text, a running maximum of their ends, and the stretches
    between (plus each text's head and tail) sliced and their non-blank characters counted.
    """
    if not texts:
        return {}
    spans = (
        pl.concat([frame.select(pl.col(SOURCE).cast(pl.String), START, END) for frame in frames])
        .drop_nulls()
        .filter(pl.col(SOURCE).is_in(list(texts)))
        .sort(SOURCE, START)
    )
    covered_to = pl.col(END).cum_max().over(SOURCE)
    gaps = spans.select(
        SOURCE,
        gap_start=covered_to.shift(1).over(SOURCE).fill_null(0),
        gap_end=pl.col(START),
    )
    tails = spans.group_by(SOURCE).agg(gap_start=pl.col(END).max())
    lengths = pl.DataFrame(
        {SOURCE: list(texts), "gap_end": [len(t) for t in texts.values()]},
        schema={SOURCE: pl.String, "gap_end": pl.Int64},
    )
    tails = lengths.join(tails, on=SOURCE, how="left").select(
        SOURCE, pl.col("gap_start").fill_null(0), "gap_end"
    )
    stretches = (
        pl.concat([gaps, tails])
        .with_columns(pl.col("gap_start", "gap_end").clip(0))
        .filter(pl.col("gap_end") > pl.col("gap_start"))
    )
    sliced = add_slice(with_texts(stretches, texts), "gap_start", "gap_end", "_gap")
    counts = sliced.group_by(SOURCE).agg(
        pl.col("_gap").str.replace_all(r"\s", "").str.len_chars().sum().alias("n")
    )
    out = dict.fromkeys(texts, 0)
    out.update(dict(counts.iter_rows()))
    return out


def sources_with_gaps(
    texts: dict[str, str], claims: pl.DataFrame, furniture: pl.DataFrame
) -> set[str]:
    """Texts where some non-blank character lies outside every claim and furniture span.

    Every non-blank character belongs to some sentence, so a text without such characters has
    every sentence covered, and segmentation (the slow part) can be skipped.
    """
    return {sid for sid, n in nonblank_outside(texts, claims, furniture).items() if n}


def character_coverage(
    texts: dict[str, str], claims: pl.DataFrame, furniture: pl.DataFrame
) -> pl.DataFrame:
    """Coverage counted in non-blank characters, fast at any size (the database's table).

    Sentence counts need segmentation, about 1,300 sentences a second; at a million claims
    that is a quarter of an hour, so the database counts characters and names only the
    uncovered sentences, found by segmenting texts that have gaps.
    """
    empty = claims.clear()
    total = nonblank_outside(texts, empty)
    outside_claims = nonblank_outside(texts, claims)
    outside_furniture = nonblank_outside(texts, furniture)
    outside_both = nonblank_outside(texts, claims, furniture)
    uncovered = {c.source_id: len(c.uncovered) for c in find_gaps(texts, claims, furniture)}
    rows = [
        {
            SC.source_id: sid,
            SC.text_chars: total[sid],
            SC.claim_chars: total[sid] - outside_claims[sid],
            SC.furniture_chars: total[sid] - outside_furniture[sid],
            SC.uncovered_chars: outside_both[sid],
            SC.coverage: round(1 - outside_both[sid] / total[sid], 4) if total[sid] else 1.0,
            SC.uncovered_sentences: uncovered.get(sid, 0),
        }
        for sid in sorted(texts)
    ]
    return pl.DataFrame(rows, schema=derived_polars_schema(SC.TABLE))


def find_gaps(
    texts: dict[str, str], claims: pl.DataFrame, furniture: pl.DataFrame
) -> list[SourceCoverage]:
    """Coverage, sentence by sentence, of only those texts that have uncovered text."""
    gapped = sorted(sources_with_gaps(texts, claims, furniture))
    claim_spans = spans_by_source(claims, gapped)
    furniture_spans = spans_by_source(furniture, gapped)
    return [measure(sid, texts[sid], claim_spans[sid], furniture_spans[sid]) for sid in gapped]


def measure_all(
    texts: dict[str, str], claims: pl.DataFrame, furniture: pl.DataFrame
) -> list[SourceCoverage]:
    """Coverage of every text, sentence by sentence (for the coverage report)."""
    ids = sorted(texts)
    claim_spans, furniture_spans = spans_by_source(claims, ids), spans_by_source(furniture, ids)
    return [measure(sid, texts[sid], claim_spans[sid], furniture_spans[sid]) for sid in ids]
