"""The one JSON reader for files of a package under test (datapackage.json, Table Schemas).

Stricter than ``json.loads``, because two readers must not see two documents in one file:

- a repeated key is an error (``json`` keeps the last value, other parsers the first, so a
  descriptor could show a checked description to one reader and a script to another);
- nesting too deep for the parser is an error, not a ``RecursionError``;
- the bytes must be UTF-8; errors say where.

Every error is a ``ValueError`` with a message fit to follow the file's name.
"""

from __future__ import annotations

import json
from typing import Any


def _refuse_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"repeats the key {key!r}")
        out[key] = value
    return out


def parse_json(data: bytes) -> Any:
    """The document in ``data``; ``ValueError`` for bytes that are not one strict JSON value."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 at byte {exc.start}: {exc.reason}") from None
    try:
        return json.loads(text, object_pairs_hook=_refuse_repeats)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc}") from None
