"""Read curated YAML strictly and collect every mistake, each naming file, item and key.

A curator who fixes one error and reruns the build only to meet the next is wasting time:
the build gathers all curation errors in an ``ErrorLog`` and reports them together. An item
with an error is skipped, so later checks do not pile consequences on top of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fr_az_crisis.strict_yaml import YamlError, read_yaml


@dataclass(frozen=True)
class CurationError:
    """One curation mistake: the file, the item number (from 1) and the key it concerns."""

    file: str
    item: int | None
    key: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.item is not None:
            where += f", item {self.item}"
        if self.key is not None:
            where += f", key {self.key}"
        return f"{where}: {self.message}"


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
        self.errors.append(CurationError(file, item, key, message))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise CurationFailed(self.errors)


def load_yaml(root: Path, rel: str, log: ErrorLog) -> Any:
    """Parse ``root / rel``; a YAML error is logged (with its line) and None returned."""
    try:
        return read_yaml(root / rel, rel)
    except YamlError as exc:
        key = f"line {exc.line}" if exc.line is not None else None
        log.add(rel, None, key, exc.message)
        return None


def check_items(
    rel: str, items: Any, allowed: set[str], required: set[str], what: str, log: ErrorLog
) -> list[tuple[int, dict[str, Any]]]:
    """The (number, mapping) pairs of a list whose items have only allowed and all required keys.

    Items with a wrong key are logged and left out.
    """
    if items is None:
        return []
    if not isinstance(items, list):
        log.add(rel, None, what, f"expected a list of {what}, got {type(items).__name__}")
        return []
    good = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            log.add(rel, i, None, f"expected a mapping, got {type(item).__name__}")
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
    if not isinstance(value, dict):
        log.add(rel, None, what, f"expected a mapping, got {type(value).__name__}")
        return None
    checked = check_items(rel, [value], allowed, required, what, log)
    return checked[0][1] if checked else None
