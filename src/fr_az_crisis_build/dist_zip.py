"""The self-contained data package zip of ``make dist``: validates on its own.

frictionless' own zip publishing leaves out the Table Schemas a descriptor names by path
(and the licence texts), and rewrites the dialect into a layout datapackage-js ignores, so
the zip it writes fails validation once copied anywhere else. This zip instead holds the
package's ``datapackage.json`` byte for byte and every file it names, at the same relative
paths: the tables, their Table Schemas, the archived texts and the licence texts. Folder
entries come first (datapackage-js extracts only folders a zip lists), and every entry has a
fixed date and mode, so the same package always gives the same bytes.

Every file is read through ``read_inside``: a descriptor cannot put a file from outside the
package into the zip.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from fr_az_crisis import __version__
from fr_az_crisis.definition import Definition, project_definition
from fr_az_crisis.package_metadata import is_web_address
from fr_az_crisis.paths import read_inside

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644 << 16
FOLDER_MODE = (0o040755 << 16) | 0x10


class ZipError(ValueError):
    """The package cannot be zipped as it is; the message names the file."""


def zip_name(name: str = "fr-az-crisis") -> str:
    return f"{name}-{__version__}-datapackage.zip"


def package_files(root: Path, definition: Definition | None = None) -> list[str]:
    """The descriptor first, then every local file it names, in the descriptor's order."""
    definition = definition or project_definition()
    rel = definition.path("descriptor")
    data = read_inside(root, rel)
    if data is None:
        raise ZipError(f"{root / rel}: missing")
    descriptor: dict[str, Any] = json.loads(data)
    named: list[str] = [rel]

    def add(value: Any) -> None:
        if isinstance(value, str) and not is_web_address(value, definition):
            path = PurePosixPath(value).as_posix()
            if path not in named:
                named.append(path)

    for licence in descriptor.get("licenses", []):
        add(licence.get("path"))
    for resource in descriptor.get("resources", []):
        add(resource.get("path"))
        add(resource.get("schema"))
        for licence in resource.get("licenses", []):
            add(licence.get("path"))
    return named


def write_zip(root: Path, out: Path, definition: Definition | None = None) -> Path:
    """Write the zip of the package at ``root`` to ``out`` (replaced whole) and return it."""
    files = package_files(root, definition)
    contents = {}
    for rel in files:
        data = read_inside(root, rel)  # refuses a path that leaves the package
        if data is None:
            raise ZipError(f"{rel}: named by the descriptor but missing from {root}")
        contents[rel] = data
    folders = sorted({p.as_posix() + "/" for rel in files for p in PurePosixPath(rel).parents[:-1]})
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for folder in folders:
                info = zipfile.ZipInfo(folder, FIXED_DATE)
                info.external_attr = FOLDER_MODE
                archive.writestr(info, b"")
            for rel in files:
                info = zipfile.ZipInfo(rel, FIXED_DATE)
                info.external_attr = FILE_MODE
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, contents[rel])
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out
