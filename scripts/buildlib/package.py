"""Write datapackage.json from data/curated/package.yaml, the Table Schemas and the built files."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from buildlib.curated import check_mapping, read_yaml

PACKAGE_KEYS = {
    "name",
    "title",
    "description",
    "homepage",
    "keywords",
    "licenses",
    "contributors",
    "sources",
    "resources",
}


def read_version(root: Path) -> str:
    text = (root / "src" / "fr_az_crisis" / "_version.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if not match:
        raise ValueError("src/fr_az_crisis/_version.py: no __version__ found")
    return match.group(1)


def descriptor(root: Path, schemas: dict[str, dict[str, Any]], staged: Path) -> dict[str, Any]:
    rel = "data/curated/package.yaml"
    meta = check_mapping(
        rel,
        read_yaml(root / rel, root),
        PACKAGE_KEYS,
        PACKAGE_KEYS - {"homepage", "sources"},
        "package",
    )
    resources = [
        resource_entry(name, staged, schemas[name]["title"], schemas[name]["description"])
        for name in meta["resources"]
    ]
    out = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": meta["name"],
        "title": meta["title"],
        "description": meta["description"],
        "version": read_version(root),
        "homepage": meta.get("homepage"),
        "keywords": meta["keywords"],
        "licenses": meta["licenses"],
        "contributors": meta["contributors"],
        "sources": meta.get("sources", []),
        "resources": resources,
    }
    return {k: v for k, v in out.items() if v is not None}


def resource_entry(
    name: str, package: Path, title: str | None = None, description: str | None = None
) -> dict[str, Any]:
    """A table resource of datapackage.json, with the bytes and sha256 of its written file."""
    path = f"data/{name}.csv"
    data = (package / path).read_bytes()
    entry = {
        "name": name,
        "type": "table",
        "path": path,
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": title,
        "description": description,
        "schema": f"schemas/{name}.schema.json",
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
    }
    return {k: v for k, v in entry.items() if v is not None}


def write_skeleton(package: Path, names: list[str]) -> None:
    """A datapackage.json naming only the resources and their schemas: enough for
    ``read_schemas`` to find each table's path while the tables are being written."""
    write_json(
        package / "datapackage.json",
        {
            "resources": [
                {"name": n, "path": f"data/{n}.csv", "schema": f"schemas/{n}.schema.json"}
                for n in names
            ]
        },
    )


def write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
