"""Run one measured step on a package folder in this process; print seconds and peak RSS as JSON.

Usage: python benchmarks/step.py STEP PACKAGE_DIR
Steps: read (bare typed polars read), validate (fast path), core (schema, keys, quotes only),
frictionless (reference), load (fr_az_crisis.load_all), sqlite (build the database), build
(scripts/build.py on a --curated package).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bare_read(package: Path) -> None:
    import polars as pl

    from fr_az_crisis.dtypes import polars_schema
    from fr_az_crisis.table_schema import read_schemas

    for table in read_schemas(package).values():
        pl.read_csv(package / table.path, schema=polars_schema(table))


def validate_fast(package: Path) -> None:
    from fr_az_crisis.validation import validate

    report = validate(package, reference=False)
    assert report.ok, report.format(limit=10)


def validate_core(package: Path) -> None:
    from fr_az_crisis.validation import validate_core

    report = validate_core(package)
    assert report.ok, report.format(limit=10)


def frictionless_only(package: Path) -> None:
    from fr_az_crisis.checks.reference import check_with_frictionless

    problems = check_with_frictionless(package)
    assert not problems, problems[:5]


def load_all(package: Path) -> None:
    import fr_az_crisis

    fr_az_crisis.load_all(package_dir=package)


def sqlite(package: Path) -> None:
    from fr_az_crisis.sqlite_db import build_database

    build_database(package.parent / f"{package.name}.db", package)


def build(package: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(package)], check=True
    )


STEPS = {
    "read": bare_read,
    "validate": validate_fast,
    "core": validate_core,
    "frictionless": frictionless_only,
    "load": load_all,
    "sqlite": sqlite,
    "build": build,
}


def main() -> None:
    step, package = sys.argv[1], Path(sys.argv[2])
    start = time.perf_counter()
    STEPS[step](package)
    seconds = time.perf_counter() - start
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(
        json.dumps(
            {"step": step, "seconds": round(seconds, 3), "peak_rss_mb": round(peak / 1024, 1)}
        )
    )


if __name__ == "__main__":
    main()
