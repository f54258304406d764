"""The package-level metadata of datapackage.json: which properties, of what shape, and what
their values may hold.

The build writes these properties from ``data/curated/package.yaml``; the validator reads
them back from the package under test; Datasette shows some of them on its pages (title,
description, licence, homepage). One set of rules serves all three:

- every property has a declared shape (a string, a list of strings, a list of mappings with
  known keys); anything else is refused, so a YAML list where a string belongs is never
  published as its Python repr;
- no text holds markup (``<`` or ``>``): a description is prose, and a page that forgets to
  escape it must not run it;
- no text holds invisible characters (``fr_az_crisis.characters``);
- a link (homepage, a licence's or a contributor's path) is an http(s) address as the shared
  field ``web_address`` of ``schemas/fields.json`` declares it: no ``javascript:``, ``data:``
  or ``file:`` links; a source's or a licence's path may also be a file inside the package.

The licences are not curated: ``schemas/package.json`` declares them once, with the rule of
which resource carries which (``Definition.table_licenses``), and the build writes them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from fr_az_crisis.characters import invisible_in
from fr_az_crisis.definition import NS, Definition
from fr_az_crisis.paths import UnsafePath, resolve_inside

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PACKAGE_KEYS = (
    "name",
    "id",
    "title",
    "description",
    "homepage",
    "keywords",
    "contributors",
    "sources",
)
"""The Data Package properties package.yaml may give."""
OPTIONAL_KEYS = {"homepage", "sources"}
BUILT_KEYS = ("$schema", "version", "created", "licenses", "resources")
"""The properties the build adds to those of package.yaml."""
DESCRIPTOR_ORDER = (
    "$schema",
    "name",
    "id",
    "title",
    "description",
    "version",
    "created",
    "homepage",
    "keywords",
    "licenses",
    "contributors",
    "sources",
    "resources",
)
"""The order of the properties in datapackage.json."""
CREATED = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
"""``created`` as the build writes it: an RFC 3339 date-time in UTC."""
RESOURCE_KEYS = frozenset(
    {
        "name",
        "type",
        "path",
        "scheme",
        "format",
        "mediatype",
        "encoding",
        "title",
        "description",
        "schema",
        "bytes",
        "hash",
        "dialect",
        "licenses",
    }
)
"""What the build writes in a table's resource entry; nothing else may be there (a remote
``schema`` or a dialect other than the declared one would make a reader read the file
otherwise than the project checked it)."""
TEXT_RESOURCE_KEYS = frozenset(
    {"name", "path", "format", "mediatype", "encoding", "bytes", "hash", "licenses"}
)
"""What the build writes in an archived text's resource entry."""
WEB_ADDRESS = "web_address"
"""The shared field of schemas/fields.json whose pattern every published link must match."""

STRING, LINK, SOURCE_PATH = "string", "link", "source path"
SHAPES: dict[str, Any] = {
    "name": STRING,
    "title": STRING,
    "description": STRING,
    "homepage": LINK,
    "keywords": [STRING],
    "id": STRING,
    "created": STRING,
    "licenses": [{"name": STRING, "path": SOURCE_PATH, "title": STRING, f"{NS}spdx": STRING}],
    "contributors": [
        {"title": STRING, "path": LINK, "email": STRING, "roles": [STRING], "organization": STRING}
    ],
    "sources": [{"title": STRING, "path": SOURCE_PATH, "email": STRING}],
}
MARKUP = re.compile(r"[<>]")


@dataclass(frozen=True)
class Fault:
    """One faulty property: its key path (``licenses[1].path``), problem code and message."""

    key: str
    code: str
    message: str


def web_address_pattern(definition: Definition) -> str:
    return _shared_pattern(definition.root / definition.path("sharedFields"), WEB_ADDRESS)


@lru_cache(maxsize=8)
def _shared_pattern(path: Path, name: str) -> str:
    shared = json.loads(path.read_text(encoding="utf-8"))
    return str(shared["fields"][name]["constraints"]["pattern"])


def is_web_address(value: str, definition: Definition) -> bool:
    return re.fullmatch(web_address_pattern(definition), value) is not None


def metadata_faults(meta: dict[str, Any], definition: Definition, root: Path) -> list[Fault]:
    """Every fault of the package-level properties in ``meta`` (types, markup, invisible
    characters, links). ``root`` is the folder a source's relative path must stay inside."""
    faults: list[Fault] = []
    for key in SHAPES:
        if key in meta:
            faults += _value_faults(meta[key], SHAPES[key], key, definition, root)
    return faults


def _value_faults(
    value: Any, shape: Any, key: str, definition: Definition, root: Path
) -> list[Fault]:
    if isinstance(shape, list):
        if not isinstance(value, list):
            return [Fault(key, "descriptor-property", f"expected a list, got {_kind(value)}")]
        out = []
        for i, item in enumerate(value, start=1):
            out += _value_faults(item, shape[0], f"{key}[{i}]", definition, root)
        return out
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return [Fault(key, "descriptor-property", f"expected a mapping, got {_kind(value)}")]
        out = [
            Fault(f"{key}.{k}", "descriptor-property", f"unknown key (allowed: {', '.join(shape)})")
            for k in value
            if k not in shape
        ]
        for k, v in value.items():
            if k in shape:
                out += _value_faults(v, shape[k], f"{key}.{k}", definition, root)
        return out
    if not isinstance(value, str):
        return [Fault(key, "descriptor-property", f"expected a string, got {_kind(value)}")]
    return _text_faults(value, shape, key, definition, root)


def _text_faults(
    value: str, shape: str, key: str, definition: Definition, root: Path
) -> list[Fault]:
    out = []
    markup = MARKUP.search(value)
    if markup:
        out.append(Fault(key, "markup", f"holds markup ({markup.group()!r}): {value[:60]!r}"))
    hidden = invisible_in(value)
    if hidden:
        out.append(Fault(key, "invisible", f"holds invisible characters {', '.join(hidden)}"))
    if shape == LINK and not is_web_address(value, definition):
        out.append(Fault(key, "unsafe-link", f"{value[:60]!r} is not an http(s) address"))
    if shape == SOURCE_PATH and not is_web_address(value, definition):
        reason = _local_path_fault(value, root)
        if reason:
            out.append(Fault(key, "unsafe-link", f"{value[:60]!r} {reason}"))
    return out


def _local_path_fault(value: str, root: Path) -> str | None:
    """Why ``value`` is not a relative path inside the package (None when it is one)."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", value):
        return "is neither an http(s) address nor a path inside the package"
    try:
        resolve_inside(root, value)
    except UnsafePath as exc:
        return exc.reason
    return None


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, datetime):
        return "a date and time"
    if isinstance(value, date):
        return "a date"
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), f"a {type(value).__name__}")
