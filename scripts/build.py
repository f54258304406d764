"""Rebuild the published tables and datapackage.json from data/curated/ and data/sources/.

Usage: python scripts/build.py [--root DIR] [--check]

The build stages every file in a temporary folder, validates the staged package with the
project's fast checks, and only then moves the files into place: a failed build publishes
nothing and leaves the published files as they were.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from buildlib.assemble import assemble_all
from buildlib.csv_writer import write_table
from buildlib.curated import CurationError
from buildlib.package import descriptor, write_json, write_skeleton
from buildlib.retractions import check_retractions

from fr_az_crisis.table_schema import read_schema_files, read_schemas
from fr_az_crisis.validation import validate

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("schemas", "data/sources", "data/curated/contested_terms.yaml")


def stage(root: Path, staging: Path) -> list[str]:
    """Write the whole package into ``staging``; returns the published paths it produced."""
    schemas = read_schema_files(root / "schemas")
    rows = assemble_all(root, schemas)
    check_retractions(root, rows)
    for item in COPIED:
        src, dst = root / item, staging / item
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        elif src.exists():
            shutil.copy2(src, dst)
    (staging / "data").mkdir(exist_ok=True)
    write_skeleton(staging, list(schemas))
    tables = read_schemas(staging)
    for name, table in tables.items():
        write_table(staging / table.path, table, rows.get(name, []))
    write_json(staging / "datapackage.json", descriptor(root, schemas, staging))
    return [t.path for t in tables.values()] + ["datapackage.json"]


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


def build(root: Path = ROOT, *, check: bool = False) -> int:
    with tempfile.TemporaryDirectory(prefix=".build-", dir=root) as tmp:
        staging = Path(tmp)
        try:
            paths = stage(root, staging)
        except CurationError as exc:
            print(f"build failed: {exc}", file=sys.stderr)
            return 1
        report = validate(staging, reference=False)
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
    print(f"built {len(paths) - 1} tables into {root / 'data'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="project folder (default: this checkout)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="rebuild in a temporary folder and fail if any published file differs",
    )
    args = parser.parse_args(argv)
    return build(args.root.resolve(), check=args.check)


if __name__ == "__main__":
    sys.exit(main())
