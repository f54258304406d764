"""What the loader's verification costs: ``load(verify=True)`` against ``load(verify=False)``.

Usage: python benchmarks/verify_cost.py --package DIR [--package DIR ...] [--runs 7]

For each package and table, in one warm process (page cache and imports warm, so the
difference is the work, not the disk): the median time of ``load(table)`` (reads the bytes,
hashes them, compares the hash with datapackage.json, parses) and of
``load(table, verify=False)`` (reads and parses), alternated ``--runs`` times; and the time of
the sha256 alone. Also ``source_texts()`` of every archived text, verified and not. Prints a
Markdown table and writes JSON to benchmarks/results/verify_cost.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

import fr_az_crisis
from fr_az_crisis.loader import source_texts
from fr_az_crisis.schema_names import claims, events

HERE = Path(__file__).resolve().parent


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(package: Path, runs: int) -> dict:
    tables = {}
    for name in fr_az_crisis.tables():
        path = package / fr_az_crisis.schema(name).path
        data = path.read_bytes()
        fr_az_crisis.load(name, package_dir=package)  # warm
        verified, unverified, hashing = [], [], []
        for _ in range(runs):
            verified.append(timed(lambda n=name: fr_az_crisis.load(n, package_dir=package)))
            unverified.append(
                timed(lambda n=name: fr_az_crisis.load(n, verify=False, package_dir=package))
            )
            hashing.append(timed(lambda d=data: hashlib.sha256(d).hexdigest()))
        tables[name] = {
            "bytes": len(data),
            "verified_s": statistics.median(verified),
            "unverified_s": statistics.median(unverified),
            "sha256_s": statistics.median(hashing),
        }
    texts_verified = statistics.median(
        timed(lambda: source_texts(package_dir=package)) for _ in range(runs)
    )
    texts_unverified = statistics.median(
        timed(lambda: source_texts(package_dir=package, verify=False)) for _ in range(runs)
    )
    total = {k: sum(t[k] for t in tables.values()) for k in ("verified_s", "unverified_s")}
    return {
        "tables": tables,
        "all_tables": total | {"cost_s": total["verified_s"] - total["unverified_s"]},
        "archived_texts": {"verified_s": texts_verified, "unverified_s": texts_unverified},
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, action="append", required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    record = {
        "command": "python benchmarks/verify_cost.py " + " ".join(sys.argv[1:]),
        "packages": {str(p): measure(p.resolve(), args.runs) for p in args.package},
    }
    out = HERE / "results" / "verify_cost.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print("| package | table | bytes | load() verified | verify=False | sha256 alone |")
    print("|---|---|---:|---:|---:|---:|")
    for package, r in record["packages"].items():
        for name in (claims.TABLE, events.TABLE):
            t = r["tables"][name]
            print(
                f"| {package} | {name} | {t['bytes']:,} | {t['verified_s'] * 1000:.1f} ms "
                f"| {t['unverified_s'] * 1000:.1f} ms | {t['sha256_s'] * 1000:.1f} ms |"
            )
        a = r["all_tables"]
        print(
            f"| {package} | all {len(r['tables'])} | | {a['verified_s'] * 1000:.1f} ms "
            f"| {a['unverified_s'] * 1000:.1f} ms | cost {a['cost_s'] * 1000:.1f} ms |"
        )
        s = r["archived_texts"]
        print(
            f"| {package} | source_texts() | | {s['verified_s'] * 1000:.1f} ms "
            f"| {s['unverified_s'] * 1000:.1f} ms | |"
        )


if __name__ == "__main__":
    main()
