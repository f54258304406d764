"""The one YAML reader for every YAML file the project reads (curated data, contested terms).

Stricter than ``yaml.safe_load``, because curated YAML is written by hand and published:

- the bytes must be UTF-8; an error names the byte offset;
- a mapping may not repeat a key (plain YAML keeps the last one silently);
- anchors and aliases are refused: curated files do not need them, and an alias bomb
  (a few lines that expand to gigabytes) is stopped before anything is built; so are merge
  keys (``<<``);
- nesting deeper than the parser allows is an error, not a ``RecursionError``;
- a syntax error names the line and column.

Errors are ``YamlError`` with the file (as given) and the line, never a bare traceback.

Two things are kept for the caller, who knows which item and key a value belongs to and so
can say so (YAML 1.1 types plain scalars by their look, which the curated reader must not
let pass where the schema wants text):

- every mapping is a ``YamlMapping``: a dict that also knows each key's line and, for each
  value YAML typed from a plain scalar, the text as written (``0111`` for the integer 73,
  ``yes`` for True);
- a plain scalar that looks like a date but is none (``2023-02-30``) becomes a
  ``BadScalar``, a string that carries the reason, instead of stopping the whole file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when PyYAML has it (about ten times faster at a million claims); the
# constructor, and so what is accepted, is SafeLoader's either way.
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlError(Exception):
    """A YAML file that cannot be read; ``line`` counts from 1 when known."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.message}"


STR_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlMapping(dict):  # type: ignore[type-arg]
    """A YAML mapping: a dict, plus ``lines`` (each key's line, from 1) and ``plain`` (the
    written text of each value YAML typed from a plain scalar as other than a string)."""

    lines: dict[Any, int]
    plain: dict[Any, str]


class BadScalar(str):
    """A plain scalar YAML would type (a date) but cannot: the text, with ``reason``."""

    reason: str

    def __new__(cls, text: str, reason: str) -> BadScalar:
        value = super().__new__(cls, text)
        value.reason = reason
        return value


class _StrictLoader(_BASE_LOADER):  # type: ignore[misc]
    """SafeLoader that refuses repeated keys and merge keys, and keeps lines and plain text."""


def _construct_mapping(
    loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False
) -> YamlMapping:
    seen: set[Any] = set()
    lines: dict[Any, int] = {}
    plain: dict[Any, str] = {}
    for key_node, value_node in node.value:
        if key_node.tag == MERGE_TAG:
            raise yaml.constructor.ConstructorError(
                None, None, "merge keys (<<) are not allowed", key_node.start_mark
            )
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
        lines[key] = key_node.start_mark.line + 1
        if (
            isinstance(value_node, yaml.ScalarNode)
            and value_node.tag != STR_TAG
            and not value_node.style  # plain: None (Python parser) or "" (libyaml)
        ):
            plain[key] = value_node.value
    mapping = YamlMapping(
        yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)
    )
    mapping.lines, mapping.plain = lines, plain
    return mapping


def _construct_timestamp(loader: _StrictLoader, node: yaml.ScalarNode) -> Any:
    """A date that does not exist (2023-02-30) is kept as a ``BadScalar``: the curated reader
    reports it with its file, item and key."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        return BadScalar(node.value, f"{node.value!r} is not a valid date: {exc}")


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _first_shared_node(root: yaml.Node) -> yaml.Node | None:
    """A node reached twice: what an alias produces. The walk visits each node once."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return None


def parse_yaml(data: bytes, file: str) -> Any:
    """Parse YAML bytes strictly; ``file`` only names the source in errors."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlError(file, line, f"not UTF-8 at byte {exc.start}: {exc.reason}") from None
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        shared = _first_shared_node(node)
        if shared is not None:
            raise YamlError(file, shared.start_mark.line + 1, "anchors and aliases are not allowed")
        return loader.construct_document(node)
    except RecursionError:
        raise YamlError(file, None, "broken YAML: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        at = mark.line + 1 if mark else None
        where = f" (column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlError(file, at, f"broken YAML{where}: {problem}") from None
    finally:
        loader.dispose()


def read_yaml(path: Path, file: str | None = None) -> Any:
    """Read and parse a YAML file strictly; errors name ``file`` (default: the path)."""
    name = file or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise YamlError(name, None, f"cannot read: {exc.strerror}") from None
    return parse_yaml(data, name)


def read_yaml_inside(root: Path, rel: str) -> Any:
    """Read ``root / rel`` strictly, refusing a path that leaves ``root`` (symlinks resolved)
    without reading it; errors name ``rel``."""
    from fr_az_crisis.paths import UnsafePath, read_inside

    try:
        data = read_inside(root, rel)
    except UnsafePath as exc:
        raise YamlError(rel, None, f"{exc.reason}; it is not read") from None
    except OSError as exc:
        raise YamlError(rel, None, f"cannot read: {exc.strerror}") from None
    if data is None:
        raise YamlError(rel, None, "missing")
    return parse_yaml(data, rel)
