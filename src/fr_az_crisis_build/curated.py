"""Read curated YAML strictly and collect every mistake, each naming file, item and key.

A curator who fixes one error and reruns the build only to meet the next is wasting time:
the build gathers all curation errors in an ``ErrorLog`` and reports them together. An item
with an error is skipped, so later checks do not pile consequences on top of it.

Values are typed strictly by the column they fill (``value_fault``): text where the schema
says string, whole numbers where it says integer, dates where it says date, a list only where
the curated format takes one. YAML 1.1 types plain scalars by their look, so ``0111`` is the
octal integer 73, ``yes`` is True and ``2023-12-26`` a date: where text is expected, each is
refused with the text as written and a hint to quote it, never converted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fr_az_crisis.definition import Field
from fr_az_crisis.strict_yaml import BadScalar, YamlError, read_yaml_inside

UNREAD: Any = object()
"""What ``load_yaml`` returns for a file it logged as unreadable: the checks below then stay
silent about it instead of adding "expected a mapping, got nothing"."""


@dataclass(frozen=True)
class CurationError:
    """One curation mistake: the file, the item number (from 1) and the key it concerns."""

    file: str
    item: int | None
    key: str | None
    message: str

    @property
    def where(self) -> str:
        where = self.file
        if self.item is not None:
            where += f", item {self.item}"
        if self.key is not None:
            where += f", key {self.key}"
        return where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class CurationFailed(Exception):
    """Raised at the end of assembly when the log holds errors; carries them all."""

    def __init__(self, errors: list[CurationError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class ErrorLog:
    """Curation errors gathered across every file."""

    errors: list[CurationError] = field(default_factory=list)

    def add(self, file: str, item: int | None, key: str | None, message: str) -> None:
        error = CurationError(file, item, key, message)
        if error not in self.errors:  # one file read by two steps is one mistake
            self.errors.append(error)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise CurationFailed(self.errors)


def load_yaml(root: Path, rel: str, log: ErrorLog) -> Any:
    """Parse ``root / rel`` (which must stay inside ``root``); a YAML error is logged with its
    line and ``UNREAD`` returned."""
    try:
        return read_yaml_inside(root, rel)
    except YamlError as exc:
        key = f"line {exc.line}" if exc.line is not None else None
        log.add(rel, None, key, exc.message)
        return UNREAD


TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date (YYYY-MM-DD)",
}


def describe(value: Any, plain: str | None = None) -> str:
    """How YAML read a value, with the text as written when YAML typed a plain scalar."""
    if isinstance(value, bool):
        kind = f"the boolean {str(value).lower()}"
    elif isinstance(value, int):
        kind = f"the integer {value}"
    elif isinstance(value, float):
        kind = f"the number {value!r}"
    elif isinstance(value, datetime):
        kind = f"the date and time {value.isoformat()}"
    elif isinstance(value, date):
        kind = f"the date {value.isoformat()}"
    elif isinstance(value, list):
        kind = "a list"
    elif isinstance(value, dict):
        kind = "a mapping"
    elif value is None:
        kind = "nothing"
    elif isinstance(value, str):
        kind = f"the text {value[:40]!r}"
    else:
        kind = f"{type(value).__name__} {str(value)[:40]!r}"
    if plain is not None and plain != str(value):
        return f"{plain!r}, which YAML reads as {kind}"
    return kind


def value_fault(f: Field, value: Any, plain: str | None, limit: int) -> str | None:
    """Why ``value`` cannot fill column ``f`` as it is (None: it can). Empty is allowed here;
    whether the column may be empty is the validator's rule."""
    if value is None:
        return None
    if isinstance(value, BadScalar):
        return value.reason
    expected = TYPE_NAMES[f.type]
    kind = f.type
    if kind == "string":
        ok = type(value) is str
    elif kind == "integer":
        ok = type(value) is int
    elif kind == "number":
        ok = type(value) in (int, float) and math.isfinite(value)
    elif kind == "boolean":
        ok = type(value) is bool
    else:
        ok = type(value) is date
    if not ok:
        hint = "; put it in quotes to keep it as written" if kind == "string" and plain else ""
        return f"expected {expected}, got {describe(value, plain)}{hint}"
    if kind == "string" and len(value) > limit:
        return f"is {len(value)} characters long; the package definition allows {limit}"
    return None


def check_values(
    rel: str,
    n: int | None,
    item: Mapping[str, Any],
    fields: Mapping[str, Field],
    limit: int,
    log: ErrorLog,
    prefix: str = "",
) -> bool:
    """Log each value of ``item`` that cannot fill its column; True when all can. Keys that
    are no column (the curated format's own) are left to their own checks."""
    plain = getattr(item, "plain", {})
    ok = True
    for key, value in item.items():
        f = fields.get(key)
        if f is None:
            continue
        fault = value_fault(f, value, plain.get(key), limit)
        if fault is not None:
            log.add(rel, n, f"{prefix}{key}", fault)
            ok = False
    return ok


def check_text_list(
    rel: str, n: int | None, key: str, value: Any, log: ErrorLog
) -> list[str] | None:
    """A string or a list of strings (an event's actors of one role); None (logged) otherwise."""
    values = value if isinstance(value, list) else [value]
    for v in values:
        if type(v) is not str:
            log.add(rel, n, key, f"expected an id or a list of ids, got {describe(v)}")
            return None
    return values


def check_items(
    rel: str, items: Any, allowed: set[str], required: set[str], what: str, log: ErrorLog
) -> list[tuple[int, dict[str, Any]]]:
    """The (number, mapping) pairs of a list whose items have only allowed and all required keys.

    Items with a wrong key are logged and left out.
    """
    if items is None or items is UNREAD:
        return []
    if not isinstance(items, list):
        log.add(rel, None, what, f"expected a list of {what}, got {describe(items)}")
        return []
    good = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            log.add(rel, i, None, f"expected a mapping, got {describe(item)}")
            continue
        ok = True
        for key in item:
            if key not in allowed:
                log.add(rel, i, str(key), f"unknown key (allowed: {', '.join(sorted(allowed))})")
                ok = False
        for key in sorted(required - item.keys()):
            log.add(rel, i, key, "missing required key")
            ok = False
        if ok:
            good.append((i, item))
    return good


def check_mapping(
    rel: str, value: Any, allowed: set[str], required: set[str], what: str, log: ErrorLog
) -> dict[str, Any] | None:
    """A single mapping with only allowed and all required keys; None (logged) otherwise."""
    if value is UNREAD:
        return None
    if not isinstance(value, dict):
        log.add(rel, None, what, f"expected a mapping, got {describe(value)}")
        return None
    checked = check_items(rel, [value], allowed, required, what, log)
    return checked[0][1] if checked else None
