"""Exports for other tools: Parquet (zstd), JSON Lines, SQLite.

An export writes everything or nothing: the extras its formats need are checked first, the
files are written into a temporary folder beside ``out`` and moved into place only when all
of them were written, so a failure (a missing extra, a refused file, a full disk) leaves no
partial export and no stray temporary file.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fr_az_crisis.extras import require
from fr_az_crisis.loader import load, tables
from fr_az_crisis.paths import find_package_dir

FORMATS = ("parquet", "jsonl", "sqlite")
DATABASE = "fr_az_crisis.db"


def export(
    out: str | Path, *, formats: list[str] | None = None, package_dir: str | Path | None = None
) -> list[Path]:
    """Write every table in each format into ``out``; returns the files written."""
    chosen = formats or list(FORMATS)
    for fmt in chosen:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if "sqlite" in chosen:
        require("serve", "the sqlite export")
    root = find_package_dir(package_dir)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    try:
        relative = _write_all(work, chosen, root)
        written = []
        for rel in relative:
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (work / rel).replace(out / rel)
            written.append(out / rel)
        return written
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _write_all(work: Path, chosen: list[str], root: Path) -> list[Path]:
    relative: list[Path] = []
    for fmt in ("parquet", "jsonl"):
        if fmt not in chosen:
            continue
        (work / fmt).mkdir()
        for name in tables():
            df = load(name, package_dir=root)
            rel = Path(fmt) / f"{name}.{fmt}"
            if fmt == "parquet":
                df.write_parquet(work / rel, compression="zstd", statistics=True)
            else:
                df.write_ndjson(work / rel)
            relative.append(rel)
    if "sqlite" in chosen:
        from fr_az_crisis.sqlite_db import build_database

        build_database(work / DATABASE, root)
        relative.append(Path(DATABASE))
    return relative
