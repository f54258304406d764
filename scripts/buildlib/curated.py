"""Read curated YAML strictly: unknown keys, wrong shapes and duplicate IDs are errors that
name the file, the item and the key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class CurationError(Exception):
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


# libyaml's parser when PyYAML has it (about ten times faster at a million claims); the
# constructor, and so what is accepted, is SafeLoader's either way.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """SafeLoader that refuses a mapping with the same key twice (plain YAML keeps the last)."""


def _construct_mapping(
    loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False
) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, root: Path) -> Any:
    rel = str(path.relative_to(root))
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise CurationError(
            rel, None, None, f"broken YAML{line}: {getattr(exc, 'problem', exc)}"
        ) from exc


def check_items(
    rel: str, items: Any, allowed: set[str], required: set[str], what: str
) -> list[dict[str, Any]]:
    """A list of mappings whose keys are all allowed and whose required keys are present."""
    if not isinstance(items, list):
        raise CurationError(
            rel, None, what, f"expected a list of {what}, got {type(items).__name__}"
        )
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise CurationError(rel, i, None, f"expected a mapping, got {type(item).__name__}")
        for key in item:
            if key not in allowed:
                raise CurationError(
                    rel, i, key, f"unknown key (allowed: {', '.join(sorted(allowed))})"
                )
        for key in sorted(required - item.keys()):
            raise CurationError(rel, i, key, "missing required key")
    return items


def check_mapping(
    rel: str, value: Any, allowed: set[str], required: set[str], what: str
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise CurationError(rel, None, what, f"expected a mapping, got {type(value).__name__}")
    return check_items(rel, [value], allowed, required, what)[0]
