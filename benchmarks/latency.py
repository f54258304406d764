"""p50/p95 latency of the published pages under concurrent local clients.

Usage:
  python benchmarks/latency.py --package DIR [--db DB] [--label L] [--run N] [--requests 200] [--clients 2]
  python benchmarks/latency.py --summary L [L ...]     # medians over every run of each label

Builds the database for the package (or serves ``--db``, built from the same package), starts
the same Datasette command ``fr-az-crisis serve`` uses, and requests each kind of page with
several client threads at once: the claims table page (with its facets), a full-text search
on that table page and in the ranked canned search, a claim's, an event's and a source's
page, and a source's reading page. Targets are drawn with a fixed seed, so reruns ask for the
same pages. Each run writes benchmarks/results/latency-<label>-<run>.json; ``--summary``
prints the median p50 and p95 of each page kind over a label's runs (run real and synthetic
alternately, so both see the machine's load alike).
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
from fr_az_crisis.datasette_plugin.site_info import search_query_name
from fr_az_crisis.schema_names import claims as C
from fr_az_crisis.schema_names import events as E
from fr_az_crisis.schema_names import source_texts as T
from fr_az_crisis.schema_names import sources as S

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DB = database_name()
SEED = 20240406
KINDS = (
    "claims table page",
    "search, table page",
    "search, ranked query",
    "claim page",
    "event page",
    "source page",
    "reading page",
)


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


def _ids(
    conn: sqlite3.Connection, table: str, column: str, rng: random.Random, count: int
) -> list[str]:
    total = conn.execute(f"select max(rowid) from {table}").fetchone()[0]
    out = []
    while len(out) < count:
        row = conn.execute(
            f"select {column} from {table} where rowid >= ? limit 1", (rng.randint(1, total),)
        ).fetchone()
        if row:
            out.append(row[0])
    return out


def pick_targets(db: Path, count: int) -> dict[str, list[str]]:
    """Paths for each page kind, drawn with a fixed seed."""
    rng = random.Random(SEED)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    claim_ids = _ids(conn, C.TABLE, C.claim_id, rng, count)
    event_ids = _ids(conn, E.TABLE, E.event_id, rng, count)
    source_ids = _ids(conn, S.TABLE, S.source_id, rng, count)
    archived = [r[0] for r in conn.execute(f"select {T.source_id} from {T.TABLE} order by 1")]
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
    phrases = (phrases * count)[:count]
    quote = urllib.parse.quote
    search = search_query_name()
    return {
        "claims table page": [f"/{DB}/{C.TABLE}"] * count,
        "search, table page": [f"/{DB}/{C.TABLE}?_search={quote(p)}" for p in phrases],
        "search, ranked query": [f"/{DB}/{search}?q={quote(p)}" for p in phrases],
        "claim page": [f"/{DB}/{C.TABLE}/{quote(c)}" for c in claim_ids],
        "event page": [f"/{DB}/{E.TABLE}/{quote(e)}" for e in event_ids],
        "source page": [f"/{DB}/{S.TABLE}/{quote(s)}" for s in source_ids],
        "reading page": [f"/-/sources/{quote(rng.choice(archived))}" for _ in range(count)],
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


def percentile(sorted_ms: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    return sorted_ms[max(0, int(len(sorted_ms) * share + 0.999999) - 1)]


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
        "p95_ms": round(percentile(times, 0.95), 1),
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


def summarise(labels: list[str]) -> None:
    """Median over runs of each kind's p50 and p95, one column per label."""
    table: dict[str, dict[str, str]] = {}
    header = []
    for label in labels:
        runs = [json.loads(p.read_text()) for p in sorted(RESULTS.glob(f"latency-{label}-*.json"))]
        if not runs:
            sys.exit(f"no runs for {label}")
        header.append(f"{label} ({runs[0]['claim_count']:,} claims, {len(runs)} runs) p50 / p95")
        for kind in KINDS:
            p50 = statistics.median(r["results"][kind]["p50_ms"] for r in runs)
            p95 = statistics.median(r["results"][kind]["p95_ms"] for r in runs)
            table.setdefault(kind, {})[label] = f"{p50:.0f} / {p95:.0f} ms"
    print("| page | " + " | ".join(header) + " |")
    print("|---|" + "---|" * len(labels))
    for kind, row in table.items():
        print(f"| {kind} | " + " | ".join(row[label] for label in labels) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/fr-az-crisis-latency"))
    parser.add_argument("--db", type=Path, help="reuse this database (built from --package)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--label", default=None)
    parser.add_argument("--run", type=int, default=1, help="run number, for repeated runs")
    parser.add_argument("--summary", nargs="+", metavar="LABEL", help="summarise runs and exit")
    args = parser.parse_args()
    if args.summary:
        summarise(args.summary)
        return
    if args.package is None:
        parser.error("--package is needed to measure")
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
        results = {kind: measure(base, targets[kind], args.clients) for kind in KINDS}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    record = {
        "command": "python benchmarks/latency.py " + " ".join(sys.argv[1:]),
        "label": label,
        "run": args.run,
        "claim_count": n_claims,
        "clients": args.clients,
        "results": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"latency-{label}-{args.run}.json"
    out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"{label} run {args.run}: {n_claims:,} claims, {args.clients} concurrent clients")
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
