"""Turn what a reader types into a full-text query that SQLite cannot reject.

FTS5 reads its own syntax in the search string: a lone apostrophe, a hyphen or a quote is a
syntax error. Here every word becomes a quoted string, so ``l'ambassadeur`` and ``non-grata``
are searched as written; words in double quotes (straight, curly or « ») are one phrase; a
word ending in ``*`` matches as a prefix; all terms must occur. An empty box gives ``""``,
which matches nothing, instead of an error; control characters count as spaces.
"""

from __future__ import annotations

import re

FUNCTION_NAME = "fr_fts_query"
"""The SQL function canned queries call (``schemas/datasette.json``)."""

QUOTES = {"“": '"', "”": '"', "«": '"', "»": '"', "„": '"'}
PHRASE = re.compile(r'"([^"]*)"?')
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(text: object) -> str:
    """The FTS5 query for ``text``.

    >>> fts_query("l'ambassadeur")
    '"l\\'ambassadeur"'
    >>> fts_query('“persona non grata” expel*')
    '"persona non grata" "expel" *'
    >>> fts_query("   "), fts_query(None)
    ('""', '""')
    """
    if not isinstance(text, str):
        return '""'
    text = CONTROL.sub(" ", text)  # a NUL would end the string inside SQLite
    for curly, straight in QUOTES.items():
        text = text.replace(curly, straight)
    terms: list[str] = []
    position = 0
    for match in PHRASE.finditer(text):
        terms += _words(text[position : match.start()])
        if match.group(1).strip():
            terms.append(_quoted(" ".join(match.group(1).split())))
        position = match.end()
    terms += _words(text[position:])
    return " ".join(terms) or '""'


def _words(text: str) -> list[str]:
    out = []
    for word in text.split():
        prefix = word.endswith("*") and len(word.rstrip("*")) > 0
        word = word.rstrip("*")
        if word:
            out.append(_quoted(word) + (" *" if prefix else ""))
    return out
