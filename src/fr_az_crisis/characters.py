"""Characters that hide what a text says, and the folding that sees through them.

Two uses, one list:

- cells and metadata may not hold *invisible* characters: Unicode format characters
  (category Cf: zero-width space and joiners, bidirectional embeddings, overrides and
  isolates, the byte-order mark, soft hyphen, word joiner, tag characters) and the line and
  paragraph separators. A right-to-left override shows text in another order than it is
  stored; a zero-width space splits a word for a search or a lint without a reader seeing it.
  Verbatim quotes are the exception, and only because the quotes check proves each one is
  the archived text itself.
- the neutral-voice lint matches after ``fold``: compatibility forms (NFKC: full-width and
  mathematical letters, ligatures), look-alike letters of the Cyrillic, Greek and Armenian
  scripts mapped to the Latin letter they imitate (a subset of Unicode's TR39 confusables,
  the letters of those scripts that render like a Latin letter), invisible characters
  removed, dashes and spaces made plain.
"""

from __future__ import annotations

import unicodedata

import polars as pl

INVISIBLE_PATTERN = r"[\p{Cf}\u2028\u2029]"
"""The invisible characters, as a regular expression for polars (Rust regex syntax)."""

LOOKALIKES = {
    # Cyrillic capitals and small letters drawn like Latin ones
    "А": "A", "В": "B", "Е": "E", "З": "3", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "Н": "H", "О": "O", "Р": "P", "С": "C", "Ѕ": "S", "Т": "T", "У": "Y", "Х": "X",
    "Ү": "Y", "Һ": "h", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I",
    "а": "a", "в": "b", "е": "e", "ё": "e", "і": "i", "ї": "i", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "ѕ": "s", "т": "t",
    "у": "y", "х": "x", "ү": "y", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "ь": "b", "г": "r",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "α": "a", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "ϲ": "c", "ϳ": "j",
    # Armenian
    "Ս": "U", "Տ": "S", "Օ": "O", "Լ": "L",
    "ա": "w", "գ": "q", "զ": "q", "հ": "h", "ո": "n", "ռ": "n", "ս": "u", "ց": "g",
    "օ": "o",
    # dashes and spaces a term's own hyphen or space should match
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ",
}  # fmt: skip


def is_invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char in "\u2028\u2029"


def invisible_in(text: str) -> list[str]:
    """The invisible characters of ``text``, as ``U+XXXX`` names, in order of appearance."""
    return [f"U+{ord(c):04X}" for c in text if is_invisible(c)]


def fold(text: str) -> str:
    """What the text looks like: NFKC, look-alikes made Latin, invisible characters removed."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(LOOKALIKES.get(c, c) for c in text if not is_invisible(c))


def fold_expr(col: pl.Expr) -> pl.Expr:
    """``fold`` as a polars expression (the lint runs it on columns of any length)."""
    return (
        col.str.normalize("NFKC")
        .str.replace_all(INVISIBLE_PATTERN, "")
        .str.replace_many(list(LOOKALIKES), list(LOOKALIKES.values()))
    )
