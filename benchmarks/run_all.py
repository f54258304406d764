"""Scaling table and the side-by-side ratio against frictionless, on synthetic packages.

Usage: python benchmarks/run_all.py [--sizes 10000 100000 1000000] [--work DIR] [--out FILE]

For each size: generate a package with curated YAML (benchmarks/synthetic.py, seed 1),
then run each step of benchmarks/step.py in a fresh process, one after the other (never two
at once: the machine has two cores).  Writes the measurements as JSON and prints the
Markdown tables that benchmarks/README.md quotes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STEPS = ("build", "read", "core", "validate", "frictionless", "sqlite", "load")
SEED = 1


def run_step(step: str, package: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(HERE / "step.py"), step, str(package)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def generate(size: int, work: Path) -> Path:
    package = work / f"syn{size}"
    marker = package / ".generated"
    if marker.is_file() and marker.read_text() == f"{size} {SEED}\n":
        return package
    shutil.rmtree(package, ignore_errors=True)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "synthetic.py"),
            "--claims",
            str(size),
            "--seed",
            str(SEED),
            "--out",
            str(package),
            "--curated",
        ],
        check=True,
        capture_output=True,
    )
    marker.write_text(f"{size} {SEED}\n")
    return package


def table_digests(package: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((package / "data").glob("*.csv"))
    }


def measure(size: int, work: Path) -> dict:
    package = generate(size, work)
    generated = table_digests(package)
    results: dict = {"claim_count": size, "steps": {}}
    for step in STEPS:
        started = time.perf_counter()
        results["steps"][step] = run_step(step, package)
        print(f"  {size:>9,} {step:<13} {time.perf_counter() - started:8.1f} s", flush=True)
    results["build_reproduces_generator"] = table_digests(package) == generated
    return results


def growth(small: dict, large: dict, step: str) -> float:
    """Exponent k in time ~ size^k between two sizes (1.0 is linear)."""
    t0, t1 = small["steps"][step]["seconds"], large["steps"][step]["seconds"]
    return math.log(t1 / t0) / math.log(large["claim_count"] / small["claim_count"])


def render(results: list[dict]) -> str:
    lines = [
        "| step | " + " | ".join(f"{r['claim_count']:,} claims" for r in results) + " | growth |",
        "|---|" + "---|" * len(results) + "---|",
    ]
    for step in STEPS:
        cells = [
            f"{r['steps'][step]['seconds']:.2f} s / {r['steps'][step]['peak_rss_mb']:,.0f} MB"
            for r in results
        ]
        k = growth(results[-2], results[-1], step) if len(results) > 1 else float("nan")
        lines.append(f"| {step} | " + " | ".join(cells) + f" | {k:.2f} |")
    lines += [
        "",
        "| claims | frictionless | fast core | ratio | fast validate (all checks) | ratio "
        "| bare typed read | core / read | validate / read |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s = {k: v["seconds"] for k, v in r["steps"].items()}
        lines.append(
            f"| {r['claim_count']:,} | {s['frictionless']:.2f} s | {s['core']:.2f} s "
            f"| {s['frictionless'] / s['core']:.0f}x | {s['validate']:.2f} s "
            f"| {s['frictionless'] / s['validate']:.0f}x | {s['read']:.2f} s "
            f"| {s['core'] / s['read']:.2f}x | {s['validate'] / s['read']:.2f}x |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/fr-az-crisis-bench"))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "scaling.json")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = [measure(size, args.work) for size in sorted(args.sizes)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "command": "python benchmarks/run_all.py " + " ".join(sys.argv[1:]),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.system()}",
        "results": results,
    }
    args.out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(render(results))


if __name__ == "__main__":
    main()
