"""Regenerate the generated parts of README.md and CITATION.cff from schemas/ and the data.

Usage: python scripts/generate_docs.py [--check]

The code is ``fr_az_crisis_build.docs``; --check fails when a generated part is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fr_az_crisis_build.docs import run

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a generated part is stale")
    args = parser.parse_args(argv)
    stale = run(ROOT, check=args.check)
    if args.check:
        if stale:
            print(f"stale generated parts in {', '.join(stale)}; run `make docs`", file=sys.stderr)
            return 1
        print("README.md and CITATION.cff: generated parts are up to date")
        return 0
    print(f"rewrote {', '.join(stale)}" if stale else "generated parts were already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
