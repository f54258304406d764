"""Rebuild the published package from ``schemas/``, ``data/curated/`` and ``data/sources/``.

The build stages every file in a temporary folder: the Table Schemas generated from
``schemas/tables/``, the tables assembled from curated YAML, datapackage.json, and the
generated ``schema_names`` module. It validates the staged package with the fast checks and
the staged definition, and only then moves the files into place: a failed build publishes
nothing and leaves the published files as they were. ``--check`` rebuilds and compares
instead of publishing.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from fr_az_crisis.definition import Definition, DefinitionError
from fr_az_crisis.validation import validate
from fr_az_crisis_build import codegen, table_schemas
from fr_az_crisis_build.assemble import assemble_all
from fr_az_crisis_build.csv_writer import write_table
from fr_az_crisis_build.curated import CurationFailed, ErrorLog
from fr_az_crisis_build.package import descriptor, read_metadata, write_json
from fr_az_crisis_build.retractions import check_retractions

SCHEMAS = "schemas"
"""The folder of schema sources and generated schemas, copied whole into the staged package."""


def stage(root: Path, staging: Path) -> tuple[Definition, list[str]]:
    """Write the whole package into ``staging``; returns the staged definition and the
    project-relative paths the build publishes."""
    shutil.copytree(root / SCHEMAS, staging / SCHEMAS)
    schema_paths = table_schemas.write_all(root, staging)
    definition = Definition.load(staging)
    log = ErrorLog()
    rows = assemble_all(root, definition, log)
    if not log:  # with a file unread, every ID in it would look retracted: noise, not news
        check_retractions(root, definition, rows, log)
    meta = read_metadata(root, definition, log)
    log.raise_if_any()
    assert meta is not None
    for rel in (definition.path("contestedTerms"),):
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, staging / rel)
    texts = Path(definition.text_path("x")).parent
    shutil.copytree(root / texts, staging / texts)
    for name, table in definition.tables.items():
        (staging / table.path).parent.mkdir(parents=True, exist_ok=True)
        write_table(staging / table.path, table, rows.get(name, []))
    descriptor_rel = definition.path("descriptor")
    write_json(staging / descriptor_rel, descriptor(meta, definition, staging))
    tables = [t.path for t in definition.tables.values()]
    published = [*schema_paths, *tables, descriptor_rel]
    names_rel = definition.path("namesModule")
    if (root / names_rel).parent.is_dir():  # a checkout: its generated code is built too
        (staging / names_rel).parent.mkdir(parents=True, exist_ok=True)
        (staging / names_rel).write_text(codegen.render(definition), encoding="utf-8")
        published.append(names_rel)
    return definition, published


def publish(staging: Path, root: Path, paths: list[str]) -> None:
    for rel in paths:
        os.replace(staging / rel, root / rel)


def differing(staging: Path, root: Path, paths: list[str]) -> list[str]:
    """Published files whose bytes differ from a fresh build (or that are missing)."""
    return [
        p
        for p in paths
        if not (root / p).is_file() or (root / p).read_bytes() != (staging / p).read_bytes()
    ]


def build(root: Path, *, check: bool = False) -> int:
    with tempfile.TemporaryDirectory(prefix=".build-", dir=root) as tmp:
        staging = Path(tmp)
        try:
            definition, paths = stage(root, staging)
        except CurationFailed as exc:
            for error in exc.errors:
                print(error, file=sys.stderr)
            print(
                f"build failed: {len(exc.errors)} curation error(s); nothing was published",
                file=sys.stderr,
            )
            return 1
        except (DefinitionError, table_schemas.SchemaSourceError) as exc:
            print(f"build failed: {exc}", file=sys.stderr)
            return 1
        report = validate(staging, reference=False, definition=definition)
        if not report.ok:
            print(report.format(limit=100), file=sys.stderr)
            print("build failed: nothing was published", file=sys.stderr)
            return 1
        if check:
            stale = differing(staging, root, paths)
            if stale:
                print(
                    "not reproducible: a rebuild differs from " + ", ".join(stale), file=sys.stderr
                )
                return 1
            print(f"reproducible: a rebuild gives byte-identical {len(paths)} files")
            return 0
        publish(staging, root, paths)
    print(f"built {len(definition.tables)} tables into {root / 'data'}")
    return 0
