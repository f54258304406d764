"""Rebuild the published tables, schemas and datapackage.json from schemas/ and data/curated/.

Usage: python scripts/build.py [--root DIR] [--check]

The build code is the ``fr_az_crisis_build`` package (src/fr_az_crisis_build, kept out of the
wheel, importable after ``pip install -e .``); this script only parses arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fr_az_crisis_build.build import build

ROOT = Path(__file__).resolve().parents[1]


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
