"""Run one measured step on a package folder in a fresh process; print timings and peak RSS as JSON.

Usage: python benchmarks/step.py STEP PACKAGE_DIR

Steps: read (bare typed polars read of every table), core (the fast path's schema, pandera,
keys, hashes and quotes), validate (the whole fast path: core plus hygiene, voice, dates,
sourcing, coverage), frictionless (the reference validator), load (fr_az_crisis.load_all),
sqlite (build the database), build (scripts/build.py on a ``--curated`` package).
(The frictionless step reads the package once with the fast reader before running frictionless;
that read is a fraction of a second against frictionless' minutes.)

``import_seconds`` is the time to import what the step needs (paid once per process, not per
row); ``seconds`` is the work itself on cold data in that fresh process.  Peak RSS covers both.
"""

from __future__ import annotations

import importlib
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bare_read(package: Path) -> None:
    import polars as pl

    from fr_az_crisis.definition import project_definition
    from fr_az_crisis.dtypes import polars_schema

    for table in project_definition().tables.values():
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
    from fr_az_crisis.package_data import PackageData
    from fr_az_crisis.validation import validate_data

    report = validate_data(PackageData.read(package), only={"frictionless"})
    assert report.ok, report.format(limit=5)


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


STEPS: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "read": (bare_read, ("polars", "fr_az_crisis.dtypes")),
    "validate": (validate_fast, ("fr_az_crisis.validation", "pandera.polars", "pysbd")),
    "core": (validate_core, ("fr_az_crisis.validation", "pandera.polars")),
    "frictionless": (frictionless_only, ("fr_az_crisis.checks.reference", "frictionless")),
    "load": (load_all, ("fr_az_crisis",)),
    "sqlite": (sqlite, ("fr_az_crisis.sqlite_db", "sqlite_utils")),
    "build": (build, ()),
}


def main() -> None:
    step, package = sys.argv[1], Path(sys.argv[2])
    run, modules = STEPS[step]
    start = time.perf_counter()
    for module in modules:
        importlib.import_module(module)
    imported = time.perf_counter()
    run(package)
    done = time.perf_counter()
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(
        json.dumps(
            {
                "step": step,
                "seconds": round(done - imported, 3),
                "import_seconds": round(imported - start, 3),
                "peak_rss_mb": round(peak / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
