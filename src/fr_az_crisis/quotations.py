"""Where a text puts words in quotation marks: whose words a quote is, told by the marks.

A source marks a speaker's words with double quotation marks: curly pairs (“ ”) or straight
ones ("), which open and close in turn within a paragraph. Single marks are left alone: they
are apostrophes or quotes nested inside double ones. A span of text is then split into what
lies inside marks (the speaker's words) and what lies outside (the outlet's narration).
"""

from __future__ import annotations

import re

OPEN, CLOSE, STRAIGHT = "“", "”", '"'
PASSAGE = re.compile(r'"([^"]+)"|“([^”]+)”')
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of every passage in double quotation marks, marks included, end exclusive.
    An unclosed mark runs to the end of its paragraph."""
    regions = []
    start: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and start is not None:
            regions.append((start, i))
            start = None
        elif ch == OPEN or (ch == STRAIGHT and start is None):
            if start is None:
                start = i
        elif ch in (CLOSE, STRAIGHT) and start is not None:
            regions.append((start, i + 1))
            start = None
    if start is not None:
        regions.append((start, len(text)))
    return regions


def split_span(text: str, start: int, end: int, regions: list[tuple[int, int]]) -> tuple[str, str]:
    """(inside, outside): the span's characters inside quotation marks (marks excluded) and
    outside them, each part joined with a space."""
    inside, outside, pos = [], [], start
    for a, b in regions:
        if b <= start or a >= end:
            continue
        lo, hi = max(a, start), min(b, end)
        if lo > pos:
            outside.append(text[pos:lo])
        inside.append(text[lo:hi].strip(OPEN + CLOSE + STRAIGHT))
        pos = max(pos, hi)
    if pos < end:
        outside.append(text[pos:end])
    return " ".join(inside), " ".join(outside)


def words(fragment: str) -> list[str]:
    return WORD.findall(fragment)


def passages(cell: str) -> list[str]:
    """The passages a cell puts in double quotation marks (straight or curly), marks removed."""
    return [a or b for a, b in PASSAGE.findall(cell)]
