"""Write the formats for other tools into the release folder of ``make dist``.

Usage: python scripts/make_exports.py [--package DIR] [--out DIR]

Every format ``schemas/exports.json`` declares (Web Annotations, Text Fragment links, PLOVER
events with CAMEO dyads, Croissant metadata with its files, the dataset card folder) goes into
``<out>/fr-az-crisis-<version>-exports/``, all or nothing (``fr_az_crisis.exports``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from fr_az_crisis import __version__
from fr_az_crisis.exports import ExportError, export, interchange_formats

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--package", type=Path, default=ROOT, help="package folder (default: this checkout)"
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "dist", help="folder to write into (default dist/)"
    )
    args = parser.parse_args(argv)
    target = args.out / f"fr-az-crisis-{__version__}-exports"
    shutil.rmtree(target, ignore_errors=True)
    try:
        written = export(target, formats=list(interchange_formats()), package_dir=args.package)
    except (ExportError, ValueError, OSError) as exc:
        print(f"make_exports: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files into {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
