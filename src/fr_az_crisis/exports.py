"""Exports for other tools: Parquet (zstd), JSON Lines, SQLite."""

from __future__ import annotations

from pathlib import Path

from fr_az_crisis.loader import load, tables
from fr_az_crisis.paths import find_package_dir

FORMATS = ("parquet", "jsonl", "sqlite")


def export(
    out: str | Path, *, formats: list[str] | None = None, package_dir: str | Path | None = None
) -> list[Path]:
    """Write every table in each format into ``out``; returns the files written."""
    root = find_package_dir(package_dir)
    out = Path(out)
    written: list[Path] = []
    chosen = formats or list(FORMATS)
    for fmt in chosen:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    for fmt in ("parquet", "jsonl"):
        if fmt not in chosen:
            continue
        folder = out / fmt
        folder.mkdir(parents=True, exist_ok=True)
        for name in tables():
            df = load(name, package_dir=root)
            path = folder / f"{name}.{fmt}"
            if fmt == "parquet":
                df.write_parquet(path, compression="zstd", statistics=True)
            else:
                df.write_ndjson(path)
            written.append(path)
    if "sqlite" in chosen:
        from fr_az_crisis.sqlite_db import build_database

        written.append(build_database(out / "fr_az_crisis.db", root))
    return written
