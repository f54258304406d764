"""Where validation's time goes: the read, then each registered check on its own, one by one.

Usage: python benchmarks/profile_checks.py PACKAGE_DIR [--reference]

`validate` runs the checks on two threads; here they run one after the other in registry order
so that each gets a time of its own (their sum is therefore more than validate's wall time).
Prints one JSON object: ``read`` seconds and ``checks`` as {code: seconds}. Frictionless is left
out unless ``--reference`` is given.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def profile(package: Path, reference: bool) -> dict[str, object]:
    """Time the package read and every check of the registry run alone on it."""
    from fr_az_crisis.checks.registry import REGISTRY
    from fr_az_crisis.package_data import PackageData
    from fr_az_crisis.validation import run_check

    started = time.perf_counter()
    pkg = PackageData.read(package)
    read = time.perf_counter() - started
    checks: dict[str, float] = {}
    for check in REGISTRY:
        if check.reference and not reference:
            continue
        started = time.perf_counter()
        outcome = run_check(check, pkg)
        checks[check.code] = round(time.perf_counter() - started, 3)
        if outcome.problems:
            raise SystemExit(
                f"{check.code}: {len(outcome.problems)} problems; profile a clean package"
            )
    return {"package": str(package), "read": round(read, 3), "checks": checks}


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(profile(Path(argv[0]), "--reference" in argv), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
