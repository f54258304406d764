"""Write datapackage.json from data/curated/package.yaml, the definition and the built files.

package.yaml is checked with the validator's own rules for package metadata
(``fr_az_crisis.package_metadata``): each property of its declared shape, no markup, no
invisible characters, links http(s) only. A fault is a curation error naming the key.

The build adds what is not curated: the profile, the version and ``created`` (the release
date of ``fr_az_crisis._version``, so that a rebuild gives the same bytes), the licences
``schemas/package.json`` declares, one resource per table (with its dialect, bytes, sha256
and licences) and one per archived text (bytes, sha256, the publishers' licence).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import polars as pl

from fr_az_crisis import __version__
from fr_az_crisis._version import __released__
from fr_az_crisis.definition import Definition
from fr_az_crisis.loader import parse_table
from fr_az_crisis.package_metadata import (
    DESCRIPTOR_ORDER,
    OPTIONAL_KEYS,
    PACKAGE_KEYS,
    PROFILE,
    metadata_faults,
)
from fr_az_crisis.schema_names import sources
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


def created() -> str:
    """``created`` of this version's descriptor: its release date, midnight UTC."""
    return f"{__released__}T00:00:00Z"


def descriptor(meta: dict[str, Any], definition: Definition, staged: Path) -> dict[str, Any]:
    """The package descriptor: curated metadata, what the build adds, the resources in order
    (the tables, then the archived texts by source id)."""
    built: dict[str, Any] = {
        "$schema": PROFILE,
        "version": __version__,
        "created": created(),
        "licenses": definition.package_licenses(),
        "resources": [resource_entry(definition, name, staged) for name in definition.tables]
        + [
            text_resource_entry(definition, sid, staged) for sid in archived_ids(definition, staged)
        ],
    }
    values = {**{k: meta[k] for k in PACKAGE_KEYS if k in meta}, **built}
    return {key: values[key] for key in DESCRIPTOR_ORDER if key in values}


def archived_ids(definition: Definition, package: Path) -> list[str]:
    """The source ids whose text the written sources table marks archived, sorted."""
    table = definition.table(sources.TABLE)
    frame = parse_table(table, (package / table.path).read_bytes())
    archived = frame.filter(pl.col(sources.is_archived))[sources.source_id]
    return sorted(archived.to_list())


def _file_entry(data: bytes) -> dict[str, Any]:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


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
        "dialect": definition.resource["dialect"],
        "title": table.title,
        "description": table.description,
        "schema": table.schema_path,
        **_file_entry(data),
        "licenses": definition.table_licenses(name),
    }
    return {k: v for k, v in entry.items() if v is not None}


def text_resource_entry(definition: Definition, source_id: str, package: Path) -> dict[str, Any]:
    """An archived text's resource: a file without schema, with its bytes, sha256 and the
    publishers' licence."""
    rel = definition.text_path(source_id)
    spec = definition.text_resource
    return {
        "name": definition.text_resource_name(source_id),
        "path": rel,
        "format": spec["format"],
        "mediatype": spec["mediatype"],
        "encoding": spec["encoding"],
        **_file_entry((package / rel).read_bytes()),
        "licenses": definition.text_licenses(),
    }
