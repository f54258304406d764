"""Where a text puts words in quotation marks: whose words a quote is, told by the marks.

A source marks a speaker's words with double quotation marks: curly pairs (“ ”) or straight
ones ("), which open and close in turn within a paragraph. Single marks are left alone: they
are apostrophes or quotes nested inside double ones. A span of text is then split into what
lies inside marks (the speaker's words) and what lies outside (the outlet's narration).
"""

from __future__ import annotations

import re
from bisect import bisect_right

OPEN, CLOSE, STRAIGHT = "“", "”", '"'
PASSAGE = re.compile(r'"([^"]+)"|“([^”]+)”')
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


REGION = re.compile(r'["“][^"”\n]*["”]?')
"""A quoted passage: an opening mark (straight or curly), then up to the next closing mark
(straight or curly, included) or the end of the paragraph (excluded). A curly closing mark
with nothing open, or a curly opening mark inside a passage, changes nothing."""
END = 1 << 62


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of every passage in double quotation marks, marks included, end exclusive,
    in text order. An unclosed mark runs to the end of its paragraph."""
    return [m.span() for m in REGION.finditer(text)]


def overlapping(regions: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The regions (sorted, disjoint) that overlap start..end, found by bisection."""
    i = max(bisect_right(regions, (start, END)) - 1, 0)
    out = []
    while i < len(regions) and regions[i][0] < end:
        if regions[i][1] > start:
            out.append(regions[i])
        i += 1
    return out


def split_span(text: str, start: int, end: int, regions: list[tuple[int, int]]) -> tuple[str, str]:
    """(inside, outside): the span's characters inside quotation marks (marks excluded) and
    outside them, each part joined with a space."""
    inside, outside, pos = [], [], start
    for a, b in overlapping(regions, start, end):
        lo, hi = max(a, start), min(b, end)
        if lo > pos:
            outside.append(text[pos:lo])
        inside.append(text[lo:hi].strip(OPEN + CLOSE + STRAIGHT))
        pos = max(pos, hi)
    if pos < end:
        outside.append(text[pos:end])
    return " ".join(inside), " ".join(outside)


WORD_CHARACTER = re.compile(r"[^\W_]")


def has_words(fragment: str) -> bool:
    return WORD_CHARACTER.search(fragment) is not None


def words(fragment: str) -> list[str]:
    return WORD.findall(fragment)


def passages(cell: str) -> list[str]:
    """The passages a cell puts in double quotation marks (straight or curly), marks removed."""
    return [a or b for a, b in PASSAGE.findall(cell)]
