"""Import cost of ``fr_az_crisis`` and a cold-process load of the claims table.

Usage: python benchmarks/import_load.py [--package DIR] [--runs 15]

1. ``python -X importtime -c "import fr_az_crisis"``: the cumulative import time, the largest
   imports, and whether frictionless, pandera, datasette or duckdb were imported (they must
   not be).
2. A fresh process that runs ``fr_az_crisis.load("claims")`` against a fresh process that runs a
   bare ``polars.read_csv`` of the same file, alternated ``--runs`` times; the ratio of medians
   (goal: at most 1.5).

Prints a Markdown summary and writes JSON to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HEAVY = ("frictionless", "pandera", "datasette", "duckdb")


def import_profile() -> dict:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import fr_az_crisis"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []  # (self µs, cumulative µs, name indented by depth)
    for line in out.stderr.splitlines():
        if line.startswith("import time:") and "cumulative" not in line:
            fields = line[len("import time:") :].split("|")
            rows.append((int(fields[0]), int(fields[1]), fields[2].rstrip()))
    modules = [name.strip() for _, _, name in rows]
    total = next(cum for _, cum, name in rows if name.strip() == "fr_az_crisis")
    # the packages (names without a dot) that cost most, e.g. polars
    top = sorted(((cum, name.strip()) for _, cum, name in rows if "." not in name), reverse=True)
    top = [(c, n) for c, n in top if n != "fr_az_crisis"]
    return {
        "fr_az_crisis_cumulative_ms": round(total / 1000, 1),
        "largest_packages_ms": [{"module": n, "ms": round(c / 1000, 1)} for c, n in top[:5]],
        "heavy_modules_imported": sorted({m for m in modules if m.split(".")[0] in HEAVY}),
        "modules_imported": len(modules),
    }


def time_process(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def cold_load(package: Path, runs: int) -> dict:
    claims = package / "data" / "claims.csv"
    ours = f"import fr_az_crisis; fr_az_crisis.load('claims', package_dir={str(package)!r})"
    bare = f"import polars; polars.read_csv({str(claims)!r})"
    time_process(ours), time_process(bare)  # warm the page cache for both
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(time_process(ours))
        theirs.append(time_process(bare))
    m, b = statistics.median(mine), statistics.median(theirs)
    return {
        "claims_bytes": claims.stat().st_size,
        "load_median_s": round(m, 3),
        "bare_read_csv_median_s": round(b, 3),
        "ratio": round(m / b, 2),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, action="append")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    packages = args.package or [ROOT]
    record = {
        "command": "python benchmarks/import_load.py " + " ".join(sys.argv[1:]),
        "import": import_profile(),
        "load": {str(p): cold_load(p.resolve(), args.runs) for p in packages},
    }
    out = HERE / "results" / "import_load.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    imp = record["import"]
    print(f"import fr_az_crisis: {imp['fr_az_crisis_cumulative_ms']} ms cumulative")
    print(f"heavy modules imported: {imp['heavy_modules_imported'] or 'none'}")
    print("| package | claims.csv | load('claims') | bare read_csv | ratio |")
    print("|---|---|---|---|---|")
    for name, r in record["load"].items():
        print(
            f"| {name} | {r['claims_bytes']:,} B | {r['load_median_s']:.3f} s "
            f"| {r['bare_read_csv_median_s']:.3f} s | {r['ratio']:.2f} |"
        )


if __name__ == "__main__":
    main()
