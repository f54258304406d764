"""Text Fragment links (``#:~:text=``) to a claim's words on its publisher's page.

Written from the WICG "Text Fragments" draft (``parse a text directive``, ``find a range from
a text directive``, ``find a string in range``, ``next non-whitespace position``, "Word
Boundaries"), over the archived text taken as one block of plain text:

- the search is the spec's "primary level" comparison (case, accents and marks ignored). We
  fold *more* than that (compatibility forms, ignorable format characters, quotation-mark and
  dash variants), which is safe: a browser's matches are then a subset of ours, so a
  directive we find unique is unique for a browser too, and still matches the claim's words;
- word boundaries are UAX #29's default ones (the ``regex`` module's ``\\b`` with ``WORD``);
- positions are code points, as the project's offsets are; the spec counts UTF-16 code
  units, which are the same for text without characters above U+FFFF (checked: a text that has
  one gets no fragment).

A directive is generated only when, under these rules, it matches exactly one place, the
claim's quote. Where none can be made unique (or the quote cannot be a match at all: it
starts or ends with whitespace, or holds a character above U+FFFF), no link is emitted and
the row says why (``text_fragments.fragment_status``). Each term (prefix, textStart, textEnd,
suffix) stays within one line of the archived text, because on the live page each must lie
within one block; the archived text is the page as received, so a publisher's later edits
can still make a link miss.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import polars as pl
import regex

WHITE_SPACE = frozenset(
    "\u0009\u000a\u000b\u000c\u000d\u0020\u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000"
) | frozenset(chr(c) for c in range(0x2000, 0x200B))
"""Characters with the Unicode White_Space property (PropList.txt)."""
NBSP_ENTITIES = ("&nbsp;", "&nbsp")
"""Skipped as whitespace too by the spec's "next non-whitespace position"."""
EXPLICIT = "!$'()*+./:;=?@_~"
"""TextDirectiveExplicitChar besides letters and digits: never percent-encoded."""
VARIANTS = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    }
)
"""Quotation-mark and dash variants folded together (coarser than a browser: safe)."""


def _word_pattern() -> Any:
    return regex.compile(r"\b", flags=regex.WORD | regex.V1)


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """What one character contributes to the folded text: compatibility-decomposed, without
    marks or format characters, case-folded, quotation marks and dashes unified."""
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if unicodedata.category(c)[0] == "M" or unicodedata.category(c) == "Cf":
            continue
        out.append(c.casefold().translate(VARIANTS))
    return "".join(out)


def fold(text: str) -> str:
    return "".join(fold_char(ch) for ch in text)


@dataclass(frozen=True)
class TextDirective:
    """A parsed text directive (the spec's ParsedTextDirective): textStart, and optionally
    textEnd, prefix and suffix; none of them is the empty string."""

    text_start: str
    text_end: str | None = None
    prefix: str | None = None
    suffix: str | None = None

    def encoded(self) -> str:
        """``text=[prefix-,]textStart[,textEnd][,-suffix]``, every term percent-encoded."""
        parts = [encode(self.prefix) + "-"] if self.prefix else []
        parts.append(encode(self.text_start))
        parts += [encode(self.text_end)] if self.text_end else []
        parts += ["-" + encode(self.suffix)] if self.suffix else []
        return "text=" + ",".join(parts)


def encode(term: str) -> str:
    """Percent-encode a term: UTF-8, everything but the spec's explicit characters, and ``-``
    too (``urllib.parse.quote`` always leaves ``-`` alone, the spec requires ``%2D``)."""
    return quote(term, safe=EXPLICIT).replace("-", "%2D")


def parse(directive: str) -> TextDirective | None:
    """The spec's "parse a text directive" (None where it returns null)."""
    if not directive.startswith("text="):
        return None
    tokens = directive[len("text=") :].split(",")
    if not 1 <= len(tokens) <= 4 or "" in tokens:
        return None
    prefix = suffix = None
    if tokens[0].endswith("-"):
        prefix = unquote(tokens.pop(0)[:-1], errors="strict")
    if tokens and tokens[-1].startswith("-"):
        suffix = unquote(tokens.pop()[1:], errors="strict")
    if len(tokens) not in (1, 2):
        return None
    end = unquote(tokens[1], errors="strict") if len(tokens) == 2 else None
    return TextDirective(unquote(tokens[0], errors="strict"), end, prefix, suffix)


class Document:
    """An archived text prepared for searching: its folded form with a map back to code
    points, and its word boundaries."""

    def __init__(self, text: str):
        self.text = text
        pieces: list[str] = []
        self.owner: list[int] = []  # folded index -> code point it comes from
        self.start_of: list[int] = []  # code point -> first folded index at or after it
        for i, ch in enumerate(text):
            self.start_of.append(len(self.owner))
            folded = fold_char(ch)
            pieces.append(folded)
            self.owner.extend([i] * len(folded))
        self.start_of.append(len(self.owner))
        self.folded = "".join(pieces)
        self.bounds = frozenset(m.start() for m in _word_pattern().finditer(text))

    def at_word_boundary(self, position: int) -> bool:
        """The spec's "is at a word boundary": a boundary precedes it, or it is either end."""
        n = len(self.text)
        return position in self.bounds or (n > 0 and position in (0, n))

    def find(
        self, query: str, lo: int, hi: int, *, word_start: bool, word_end: bool
    ) -> tuple[int, int] | None:
        """The spec's "find a string in range" over ``[lo, hi)``: the first match, compared
        folded, starting and ending on code-point boundaries, word-bounded as asked."""
        q = fold(query)
        if not q:
            return None
        k = self.folded.find(q, self.start_of[lo])
        while k != -1:
            start = self.owner[k]
            end_k = k + len(q)
            end = self.owner[end_k - 1] + 1
            if end > hi:
                return None
            aligned = self.start_of[start] == k and self.start_of[end] == end_k
            if (
                aligned
                and (not word_start or self.at_word_boundary(start))
                and (not word_end or self.at_word_boundary(end))
            ):
                return start, end
            k = self.folded.find(q, k + 1)
        return None

    def skip_whitespace(self, position: int) -> int:
        """The spec's "next non-whitespace position" (the text is one visible text node)."""
        n = len(self.text)
        while position < n:
            entity = next((e for e in NBSP_ENTITIES if self.text.startswith(e, position)), None)
            if entity:
                position += len(entity)
            elif self.text[position] in WHITE_SPACE:
                position += 1
            else:
                break
        return position


def find_range(doc: Document, d: TextDirective, lo: int = 0) -> tuple[int, int] | None:
    """The spec's "find a range from a text directive", with the search range starting at
    ``lo``: the first match, as (start, end) code points."""
    n = len(doc.text)
    search_lo = lo
    while search_lo < n:
        must_end = d.text_end is not None or d.suffix is None
        if d.prefix is not None:
            prefix = doc.find(d.prefix, search_lo, n, word_start=True, word_end=False)
            if prefix is None:
                return None
            search_lo = prefix[0] + 1
            match_lo = doc.skip_whitespace(prefix[1])
            if match_lo >= n:
                return None
            found = doc.find(d.text_start, match_lo, n, word_start=False, word_end=must_end)
            if found is None:
                return None
            if found[0] != match_lo:
                continue
        else:
            found = doc.find(d.text_start, search_lo, n, word_start=True, word_end=must_end)
            if found is None:
                return None
            search_lo = found[0] + 1
        start, end = found
        end_lo = end
        while True:
            if d.text_end is not None:
                if end_lo >= n:
                    return None
                found_end = doc.find(
                    d.text_end, end_lo, n, word_start=True, word_end=d.suffix is None
                )
                if found_end is None:
                    return None
                end = found_end[1]
            if d.suffix is None:
                return start, end
            suffix_lo = doc.skip_whitespace(end)
            suffix = (
                doc.find(d.suffix, suffix_lo, n, word_start=False, word_end=True)
                if suffix_lo < n
                else None
            )
            if suffix is None:
                return None
            if suffix[0] == suffix_lo:
                return start, end
            if d.text_end is None:
                break
            end_lo = end
    return None


def all_matches(doc: Document, d: TextDirective) -> list[tuple[int, int]]:
    """Every place the directive can match: the first match from each place its first term
    (the prefix, else textStart) occurs. One item means it names one place."""
    first = d.prefix if d.prefix is not None else d.text_start
    starts, lo = [], 0
    while (hit := doc.find(first, lo, len(doc.text), word_start=True, word_end=False)) is not None:
        starts.append(hit[0])
        lo = hit[0] + 1
    found = {r for s in starts if (r := find_range(doc, d, s)) is not None}
    return sorted(found)


# --- generation ---------------------------------------------------------------------------

WORD = regex.compile(r"\w", flags=regex.V1)


def _line_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end == -1 else end


def _words_before(doc: Document, position: int, count: int) -> str | None:
    """The last ``count`` words before ``position`` within one line (the previous non-blank
    line where ``position`` opens its line), from a word boundary."""
    text = doc.text
    line_start, _ = _line_bounds(text, position)
    end = position
    if not text[line_start:position].strip():
        end = line_start - 1
        while end > 0 and not text[:end].rsplit("\n", 1)[-1].strip():
            end = text.rfind("\n", 0, end)
        if end <= 0:
            return None
        line_start, _ = _line_bounds(text, end - 1)
    starts = [
        i
        for i in range(line_start, end)
        if doc.at_word_boundary(i) and WORD.match(text[i]) and text[i:end].strip()
    ]
    if len(starts) < count:
        return None
    term = text[starts[-count] : end].rstrip()
    return term or None


def _words_after(doc: Document, position: int, count: int) -> str | None:
    """The first ``count`` words after ``position`` (past whitespace) within one line, to a
    word boundary."""
    text = doc.text
    begin = doc.skip_whitespace(position)
    if begin >= len(text):
        return None
    _, line_end = _line_bounds(text, begin)
    ends = [
        i
        for i in range(begin + 1, line_end + 1)
        if doc.at_word_boundary(i) and WORD.match(text[i - 1])
    ]
    if len(ends) < count:
        return None
    return text[begin : ends[count - 1]]


@dataclass(frozen=True)
class Fragment:
    """The outcome for one quote: the directive (None where it cannot be made unique) and
    how many places the best directive tried matches."""

    directive: TextDirective | None
    matches: int
    reason: str


def generate(
    doc: Document,
    start: int,
    end: int,
    *,
    max_context_words: int,
    exact_limit: int,
    range_words: int,
) -> Fragment:
    """The shortest directive (fewest context words, prefix first) whose only match is
    ``[start, end)``; the spec's advice: an exact match below ``exact_limit`` characters on one
    line, else a range of ``range_words`` words at each end."""
    text = doc.text
    quoted = text[start:end]
    if not quoted.strip() or quoted != quoted.strip():
        return Fragment(None, 0, "the quote starts or ends with whitespace")
    if any(ord(ch) > 0xFFFF for ch in text):
        return Fragment(None, 0, "the text has characters above U+FFFF (offsets would differ)")
    lines = [line for line in quoted.split("\n")]
    if len(quoted) < exact_limit and len(lines) == 1:
        text_start, text_end = quoted, None
    else:
        first, last = lines[0].split(), lines[-1].split()
        k_first, k_last = min(range_words, len(first)), min(range_words, len(last))
        if len(lines) == 1 and len(first) <= 2 * range_words:
            text_start, text_end = quoted, None
        else:
            text_start = quoted[: _nth_word_end(lines[0], k_first)]
            text_end = lines[-1][_nth_word_start_from_end(lines[-1], k_last) :]
    need_prefix = not doc.at_word_boundary(start)
    need_suffix = not doc.at_word_boundary(end)
    best = 0
    for total in range(2 * max_context_words + 1):
        for before in range(total + 1):
            after = total - before
            if (need_prefix and before == 0) or (need_suffix and after == 0):
                continue
            prefix = _words_before(doc, start, before) if before else None
            suffix = _words_after(doc, end, after) if after else None
            if (before and prefix is None) or (after and suffix is None):
                continue
            candidate = TextDirective(text_start, text_end, prefix, suffix)
            found = all_matches(doc, candidate)
            if found == [(start, end)]:
                return Fragment(candidate, 1, "")
            best = max(best, len(found))
    return Fragment(
        None,
        best,
        f"no directive with up to {max_context_words} words of context on each side names only this place",
    )


def _nth_word_end(line: str, k: int) -> int:
    return [m.end() for m in re.finditer(r"\S+", line)][k - 1]


def _nth_word_start_from_end(line: str, k: int) -> int:
    return [m.start() for m in re.finditer(r"\S+", line)][-k]


def link(url: str, directive: TextDirective) -> str:
    """The address with the directive: after the page's own fragment, if it has one."""
    return f"{url}{':~:' if '#' in url else '#:~:'}{directive.encoded()}"


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    """Generation settings, declared in ``schemas/exports.json``."""
    from fr_az_crisis.interchange.declarations import exports_declaration

    return dict(exports_declaration()["textFragments"])


def fragment_for(doc: Document, start: int, end: int) -> Fragment:
    s = settings()
    return generate(
        doc,
        start,
        end,
        max_context_words=int(s["maxContextWords"]),
        exact_limit=int(s["exactLimit"]),
        range_words=int(s["rangeWords"]),
    )


def describe(fragment: Fragment) -> str:
    return json.dumps({"matches": fragment.matches, "reason": fragment.reason})


def text_fragment_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """The rows as the derived table ``text_fragments`` declares its columns."""
    from fr_az_crisis.definition import project_definition
    from fr_az_crisis.schema_names import text_fragments as T

    kinds = {"string": pl.String, "integer": pl.Int64}
    table = project_definition().derived[T.TABLE]
    return pl.DataFrame(rows, schema={f.name: kinds[f.type] for f in table.fields})


def text_fragment_rows(root: Path) -> list[dict[str, Any]]:
    """One row per quoted claim whose source has an address: the directive and the link, or
    why there is none. Columns are named by ``schemas/derived/text_fragments.json``."""
    from fr_az_crisis.loader import load, source_texts
    from fr_az_crisis.schema_names import claims as C
    from fr_az_crisis.schema_names import sources as S
    from fr_az_crisis.schema_names import text_fragments as T

    sources = load(S.TABLE, package_dir=root).filter(pl.col(S.url).is_not_null())
    claims = (
        load(C.TABLE, package_dir=root)
        .filter(pl.col(C.char_start).is_not_null())
        .join(sources.select(S.source_id, S.url), on=C.source_id)
        .sort(C.claim_id)
    )
    texts = source_texts(package_dir=root)
    docs: dict[str, Document] = {}
    rows = []
    for claim in claims.iter_rows(named=True):
        doc = docs.get(claim[C.source_id])
        if doc is None:
            doc = docs[claim[C.source_id]] = Document(texts[claim[C.source_id]])
        fragment = fragment_for(doc, claim[C.char_start], claim[C.char_end])
        directive = fragment.directive
        rows.append(
            {
                T.claim_id: claim[C.claim_id],
                T.source_id: claim[C.source_id],
                T.url: claim[S.url],
                T.fragment_status: (
                    T.FragmentStatus.SINGLE_MATCH
                    if directive
                    else T.FragmentStatus.NOT_UNIQUE
                    if fragment.matches > 1
                    else T.FragmentStatus.NOT_TARGETABLE
                ),
                T.text_directive: directive.encoded() if directive else None,
                T.fragment_link: link(claim[S.url], directive) if directive else None,
                T.match_count: fragment.matches,
                T.fragment_note: fragment.reason or None,
            }
        )
    return rows
