"""p50/p95 latency of the published pages under a concurrent local client.

Usage: python benchmarks/latency.py --package DIR [--work DIR] [--requests 200] [--clients 4]

Builds the database for the package (or reuses one built from the same files), starts the
same Datasette command ``fr-az-crisis serve`` uses, and requests four kinds of page with
several client threads at once: the claims table page, a full-text search of a two-word
phrase taken from a random quote, a claim's row page, and a source's reading page.  Targets
are drawn with a fixed seed, so reruns ask for the same pages.  Prints a Markdown table and
writes JSON next to this file (benchmarks/results/).
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fr_az_crisis.cli import datasette_command, prepare_serving, write_inspect
from fr_az_crisis.datasette_metadata import database_name, write_metadata
from fr_az_crisis.schema_names import claims as C
from fr_az_crisis.schema_names import source_texts as T

HERE = Path(__file__).resolve().parent
DB = database_name()
SEED = 20240406


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(package: Path, work: Path, reuse_db: Path | None) -> tuple[Path, Path, Path]:
    """Database, metadata and inspect file; a database already built from ``package`` is
    served where it lies when given (Datasette opens it read-only, immutable)."""
    work.mkdir(parents=True, exist_ok=True)
    if reuse_db is None:
        return prepare_serving(work, str(package))
    db = work / f"{DB}.db"  # Datasette names the database after the file
    db.unlink(missing_ok=True)
    db.symlink_to(reuse_db.resolve())
    metadata = write_metadata(work / "metadata.json", package)
    return db, metadata, write_inspect(db, work / "inspect.json")


def pick_targets(db: Path, count: int) -> dict[str, list[str]]:
    """Paths for each page kind, drawn with a fixed seed."""
    rng = random.Random(SEED)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    n_claims = conn.execute(f"select count(*) from {C.TABLE}").fetchone()[0]
    claim_ids = [
        conn.execute(
            "select claim_id from claims limit 1 offset ?", (rng.randrange(n_claims),)
        ).fetchone()[0]
        for _ in range(count)
    ]
    sources = [
        r[0] for r in conn.execute(f"select {T.source_id} from {T.TABLE} order by {T.source_id}")
    ]
    phrases = []
    for claim_id in claim_ids:
        quote = conn.execute(
            f"select {C.quote} from {C.TABLE} where {C.claim_id} = ?", (claim_id,)
        ).fetchone()
        words = [w.strip(".,;:!?\"'()“”’") for w in (quote[0] or "").split()]
        words = [w for w in words if w.isalpha()]
        if len(words) >= 2:
            i = rng.randrange(len(words) - 1)
            phrases.append(f'"{words[i]} {words[i + 1]}"')
    conn.close()
    quote = urllib.parse.quote
    return {
        "table page": [f"/{DB}/{C.TABLE}"] * count,
        "search": [f"/{DB}/{C.TABLE}?_search={quote(p)}" for p in phrases[:count]],
        "row page": [f"/{DB}/{C.TABLE}/{quote(c)}" for c in claim_ids],
        "reading page": [f"/-/sources/{quote(rng.choice(sources))}" for _ in range(count)],
    }


def fetch(base: str, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as err:
        status = err.code
    return (time.perf_counter() - start) * 1000, status


def measure(base: str, paths: list[str], clients: int) -> dict:
    for path in paths[:5]:
        fetch(base, path)  # warm up: first requests open the database and fill caches
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(lambda p: fetch(base, p), paths))
    elapsed = time.perf_counter() - started
    times = sorted(ms for ms, _ in results)
    errors = sum(1 for _, status in results if status != 200)
    return {
        "requests": len(times),
        "errors": errors,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "max_ms": round(times[-1], 1),
        "requests_per_s": round(len(times) / elapsed, 1),
    }


def wait_for(port: int, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("datasette exited before answering") from None
            time.sleep(0.3)
    raise RuntimeError(f"datasette did not answer within {seconds} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/fr-az-crisis-latency"))
    parser.add_argument("--db", type=Path, help="reuse this database (built from --package)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--label", default=None)
    args = parser.parse_args()
    label = args.label or args.package.name
    work = args.work / label
    db, metadata, inspect = prepare(args.package, work, args.db)
    n_claims = (
        sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        .execute(f"select count(*) from {C.TABLE}")
        .fetchone()[0]
    )
    targets = pick_targets(db, args.requests)
    port = free_port()
    proc = subprocess.Popen(
        datasette_command(db, metadata, inspect, "127.0.0.1", port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port, proc)
        base = f"http://127.0.0.1:{port}"
        results = {kind: measure(base, paths, args.clients) for kind, paths in targets.items()}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    record = {
        "command": "python benchmarks/latency.py " + " ".join(sys.argv[1:]),
        "label": label,
        "claim_count": n_claims,
        "clients": args.clients,
        "results": results,
    }
    out = HERE / "results" / f"latency-{label}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"{label}: {n_claims:,} claims, {args.clients} concurrent clients")
    print("| page | requests | errors | p50 | p95 | max | req/s |")
    print("|---|---|---|---|---|---|---|")
    for kind, r in results.items():
        print(
            f"| {kind} | {r['requests']} | {r['errors']} | {r['p50_ms']} ms | {r['p95_ms']} ms "
            f"| {r['max_ms']} ms | {r['requests_per_s']} |"
        )
    if any(r["errors"] for r in results.values()):
        sys.exit("some requests failed: the figures above are not page timings")


if __name__ == "__main__":
    main()
