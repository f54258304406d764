"""Write datapackage.json from data/curated/package.yaml, the definition and the built files.

package.yaml is checked with the validator's own rules for package metadata
(``fr_az_crisis.package_metadata``): each property of its declared shape, no markup, no
invisible characters, links http(s) only. A fault is a curation error naming the key.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from fr_az_crisis import __version__
from fr_az_crisis.definition import Definition
from fr_az_crisis.package_metadata import (
    OPTIONAL_KEYS,
    PACKAGE_KEYS,
    PROFILE,
    metadata_faults,
)
from fr_az_crisis_build.curated import ErrorLog, check_mapping, load_yaml


def read_metadata(root: Path, definition: Definition, log: ErrorLog) -> dict[str, Any] | None:
    rel = definition.path("curatedPackage")
    keys = set(PACKAGE_KEYS)
    meta = check_mapping(rel, load_yaml(root, rel, log), keys, keys - OPTIONAL_KEYS, "package", log)
    if meta is None:
        return None
    faults = metadata_faults(meta, definition, root)
    for fault in faults:
        log.add(rel, None, fault.key, f"[{fault.code}] {fault.message}")
    return None if faults else meta


def descriptor(meta: dict[str, Any], definition: Definition, staged: Path) -> dict[str, Any]:
    """The package descriptor: curated metadata, the version, one entry per table in order."""
    out: dict[str, Any] = {"$schema": PROFILE}
    for key in PACKAGE_KEYS:
        if key in meta:
            out[key] = meta[key]
        if key == "description":
            out["version"] = __version__
    out["resources"] = [resource_entry(definition, name, staged) for name in definition.tables]
    return out


def resource_entry(definition: Definition, name: str, package: Path) -> dict[str, Any]:
    """A table resource of datapackage.json, with the bytes and sha256 of its written file."""
    table = definition.table(name)
    data = (package / table.path).read_bytes()
    entry = {
        "name": name,
        "type": definition.resource["type"],
        "path": table.path,
        "scheme": definition.resource["scheme"],
        "format": definition.resource["format"],
        "mediatype": definition.resource["mediatype"],
        "encoding": definition.resource["encoding"],
        "title": table.title,
        "description": table.description,
        "schema": table.schema_path,
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
    }
    return {k: v for k, v in entry.items() if v is not None}


def write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
