"""Write the self-contained data package zip (descriptor, tables, schemas, texts, licence).

Usage: python scripts/make_zip.py [--package DIR] [--out DIR]

The zip validates on its own: `frictionless validate x.zip` in an empty folder, and
`fr-az-crisis validate` on its extracted files (quote checks included). The code is
``fr_az_crisis_build.dist_zip``; this script only parses arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fr_az_crisis_build.dist_zip import ZipError, write_zip, zip_name

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
    try:
        path = write_zip(args.package.resolve(), args.out / zip_name())
    except (ZipError, ValueError) as exc:
        print(f"make_zip: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
