"""Regenerate the CHANGELOG's data sections from `fr-az-crisis diff` between releases.

Usage: python scripts/generate_changelog.py [--check]

The code is ``fr_az_crisis_build.changelog``; --check fails when a data section is stale. It
needs the git history of the releases the sections name.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fr_az_crisis_build.changelog import HistoryError, run

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a data section is stale")
    args = parser.parse_args(argv)
    try:
        stale = run(ROOT, check=args.check)
    except HistoryError as exc:
        print(f"generate_changelog: {exc}", file=sys.stderr)
        return 1
    if args.check and stale:
        print(
            "CHANGELOG.md: a data section differs from `fr-az-crisis diff`; run `make changelog`",
            file=sys.stderr,
        )
        return 1
    print("CHANGELOG.md: data sections " + ("rewritten" if stale else "up to date"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
