"""The Text Fragments draft's matching rules, re-implemented for the tests from the spec text,
not from ``fr_az_crisis.text_fragments``: a different way of searching (character classes
walked position by position), and ICU's judgement of what is equal and where words end.

- "parse a text directive": split on commas, a first token ending in ``-`` is the prefix,
  a last token starting with ``-`` the suffix, one or two tokens left; percent-decoded.
- "find a string in range": the first match at or after the search start, compared at the
  primary level (ICU ``Intl.Collator`` with sensitivity ``base``, character by character,
  ignorable characters skipped), optionally word-bounded at either end.
- "is at a word boundary": ICU's UAX #29 word segmentation (``Intl.Segmenter``), or either
  end of a non-empty text.
- "next non-whitespace position": past White_Space characters and the strings ``&nbsp;`` and
  ``&nbsp``.
- "find a range from a text directive": prefix, then textStart right after it (whitespace
  allowed between), then textEnd and suffix, retrying as the spec's loops do.

ICU's view comes from Node (``tests/js/icu_text.mjs``), where Chromium's own ICU judgements
are available to JavaScript.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

SCRIPT = Path(__file__).resolve().parent / "js" / "icu_text.mjs"
WHITE_SPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)
}


def icu_view(texts: dict[str, str], chars: str) -> dict[str, object]:
    """Word boundaries of each text and the primary class of each character, from ICU."""
    node = shutil.which("node")
    assert node, "node is needed for ICU's word boundaries and collation"
    done = subprocess.run(
        [node, str(SCRIPT)],
        input=json.dumps({"texts": texts, "chars": chars}),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


@dataclass
class Parsed:
    start: str
    end: str | None
    prefix: str | None
    suffix: str | None


def parse_directive(directive: str) -> Parsed | None:
    assert directive.startswith("text=")
    tokens = directive[5:].split(",")
    if not 1 <= len(tokens) <= 4 or any(t == "" for t in tokens):
        return None
    prefix = suffix = None
    if tokens[0][-1] == "-":
        prefix = unquote(tokens[0][:-1])
        tokens = tokens[1:]
    if tokens and tokens[-1][0] == "-":
        suffix = unquote(tokens[-1][1:])
        tokens = tokens[:-1]
    if len(tokens) not in (1, 2):
        return None
    return Parsed(
        unquote(tokens[0]), unquote(tokens[1]) if len(tokens) == 2 else None, prefix, suffix
    )


class SpecText:
    """A text as the spec's algorithms see it (one block of visible text)."""

    def __init__(self, text: str, bounds: list[int], classes: dict[str, str]):
        self.text = text
        self.bounds = set(bounds)
        self.classes = classes

    def key(self, ch: str) -> str:
        return self.classes[ch]

    def word_boundary(self, position: int) -> bool:
        return position in self.bounds or (len(self.text) > 0 and position in (0, len(self.text)))

    def match_at(self, i: int, query: str, limit: int) -> int | None:
        """Where a primary-level match of ``query`` starting at ``i`` ends, if one does."""
        wanted = [self.key(c) for c in query if self.key(c) != ""]
        if not wanted or self.key(self.text[i]) == "":
            return None
        j = i
        for k in wanted:
            while j < limit and self.key(self.text[j]) == "":
                j += 1
            if j >= limit or self.key(self.text[j]) != k:
                return None
            j += 1
        return j

    def find(self, query: str, lo: int, hi: int, start_bounded: bool, end_bounded: bool):
        """The spec's "find a string in range": the first match within [lo, hi)."""
        for i in range(lo, hi):
            end = self.match_at(i, query, hi)
            if end is None:
                continue
            if start_bounded and not self.word_boundary(i):
                continue
            if end_bounded and not self.word_boundary(end):
                continue
            return (i, end)
        return None

    def next_non_whitespace(self, position: int) -> int:
        while position < len(self.text):
            if self.text.startswith("&nbsp;", position):
                position += 6
            elif self.text.startswith("&nbsp", position):
                position += 5
            elif self.text[position] in WHITE_SPACE:
                position += 1
            else:
                break
        return position

    def find_range(self, d: Parsed, begin: int = 0):
        """The spec's "find a range from a text directive", the search range starting at
        ``begin`` and ending at the end of the text."""
        n = len(self.text)
        search_start = begin
        while search_start < n:
            if d.prefix is not None:
                prefix_match = self.find(d.prefix, search_start, n, True, False)
                if prefix_match is None:
                    return None
                search_start = prefix_match[0] + 1
                match_start = self.next_non_whitespace(prefix_match[1])
                if match_start == n:
                    return None
                must_end = d.end is not None or d.suffix is None
                potential = self.find(d.start, match_start, n, False, must_end)
                if potential is None:
                    return None
                if potential[0] != match_start:
                    continue
            else:
                must_end = d.end is not None or d.suffix is None
                potential = self.find(d.start, search_start, n, True, must_end)
                if potential is None:
                    return None
                search_start = potential[0] + 1
            range_end_start = potential[1]
            while range_end_start < n or (d.end is None):
                if d.end is not None:
                    end_match = self.find(d.end, range_end_start, n, True, d.suffix is None)
                    if end_match is None:
                        return None
                    potential = (potential[0], end_match[1])
                if d.suffix is None:
                    return potential
                suffix_start = self.next_non_whitespace(potential[1])
                suffix_match = self.find(d.suffix, suffix_start, n, False, True)
                if suffix_match is None:
                    return None
                if suffix_match[0] == suffix_start:
                    return potential
                if d.end is None:
                    break
                range_end_start = potential[1]
            else:
                return None
        return None

    def every_match(self, d: Parsed) -> set[tuple[int, int]]:
        """Every range the directive can select: the spec's search begun at each place its
        first term (the prefix, else textStart) starts a primary-level match."""
        first = d.prefix if d.prefix is not None else d.start
        n = len(self.text)
        found = set()
        for i in range(n):
            if self.match_at(i, first, n) is not None:
                r = self.find_range(d, i)
                if r is not None:
                    found.add(r)
        return found
