"""Write a consistent synthetic package of a chosen size, deterministically from a seed.

Usage: python scripts/generate_synthetic.py --claims N [--seed S] --out DIR [--curated]

The package has the real schemas and passes every check: texts with claims quoting each
sentence at correct offsets, all keys resolving, every event reported, every actor and place
used. With --curated it also writes the curated YAML (and the version file) so that
scripts/build.py --root DIR can rebuild it, for measuring the build at scale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
from buildlib.csv_writer import write_table
from buildlib.package import resource_entry, write_json, write_skeleton

from fr_az_crisis.table_schema import read_schemas

ROOT = Path(__file__).resolve().parents[1]
DESCRIPTOR = {
    "name": "fr-az-crisis-synthetic",
    "title": "Synthetic package",
    "description": "Generated for benchmarks.",
    "keywords": ["synthetic"],
    "licenses": [{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}],
    "contributors": [{"title": "generator"}],
}
SENTENCES_PER_TEXT = 200
WORDS = [
    "minister",
    "ministry",
    "embassy",
    "ambassador",
    "statement",
    "talks",
    "meeting",
    "agreement",
    "delegation",
    "council",
    "government",
    "official",
    "spokesman",
    "report",
    "border",
    "region",
    "capital",
    "envoy",
    "treaty",
    "visit",
    "summit",
    "committee",
    "proposal",
    "response",
    "decision",
    "measure",
    "relations",
    "cooperation",
    "dialogue",
    "schedule",
    "announced",
    "said",
    "noted",
    "confirmed",
    "discussed",
    "reviewed",
    "described",
    "published",
    "received",
    "planned",
    "the",
    "a",
    "of",
    "on",
    "in",
    "with",
    "for",
    "about",
    "after",
    "before",
    "during",
    "between",
    "across",
    "under",
    "over",
    "new",
    "second",
    "formal",
    "annual",
    "regional",
    "bilateral",
    "public",
    "written",
    "joint",
    "official",
    "recent",
]
EVENT_TYPES = ["meet", "criticize", "accuse", "expel_diplomats", "recall_ambassador"]
CLAIM_TYPES = ["event_report", "assessment", "background", "characterization", "accusation"]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 14))]
    return f"Item {n} " + " ".join(words) + "."


def make_text(rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """A text of SENTENCES_PER_TEXT unique sentences, and each sentence's span."""
    parts, spans, pos = ["top of page\n\n"], [], len("top of page\n\n")
    for k in range(SENTENCES_PER_TEXT):
        s = sentence(rng, k)
        spans.append((pos, pos + len(s)))
        sep = "\n\n" if k % 10 == 9 else " "
        parts += [s, sep]
        pos += len(s) + len(sep)
    return "".join(parts), spans


def generate(n_claims: int, seed: int, out: Path, *, curated: bool = False) -> dict[str, int]:
    rng = random.Random(seed)
    n_sources = max(1, -(-n_claims // SENTENCES_PER_TEXT))
    n_events = max(1, n_claims // 10)
    n_actors = max(20, n_claims // 1000)
    n_places = min(50, n_events)
    if out.exists():
        shutil.rmtree(out)
    (out / "data" / "sources").mkdir(parents=True)
    shutil.copytree(ROOT / "schemas", out / "schemas")
    (out / "data" / "curated").mkdir()
    shutil.copy2(
        ROOT / "data/curated/contested_terms.yaml", out / "data/curated/contested_terms.yaml"
    )

    actors = [
        {
            "actor_id": f"actor_{i:06d}",
            "name": f"Actor {i}",
            "kind": "media_outlet" if i < 10 else "state",
            "description": f"Synthetic actor {i}.",
        }
        for i in range(n_actors)
    ]
    places = [
        {
            "place_id": f"place_{i:03d}",
            "name": f"Place {i}",
            "latitude": rng.uniform(-60, 60),
            "longitude": rng.uniform(-170, 170),
        }
        for i in range(n_places)
    ]
    base = date(2023, 1, 1)
    events, event_actors, event_relations = [], [], []
    for i in range(n_events):
        day = base + timedelta(days=i % 300)
        events.append(
            {
                "event_id": f"event_{i:07d}",
                "title": f"Synthetic event {i}",
                "description": f"Synthetic event number {i}.",
                "event_type": EVENT_TYPES[i % len(EVENT_TYPES)],
                "cameo_code": "040",
                "plover_event": "CONSULT",
                "coding_note": "Synthetic.",
                "date_start": day,
                "date_end": day,
                "date_precision": "day",
                "date_basis": "stated",
                "place_id": places[i % n_places]["place_id"],
                "episode": "background",
            }
        )
        event_actors += [
            {
                "event_id": f"event_{i:07d}",
                "actor_id": actors[i % n_actors]["actor_id"],
                "role": "initiator",
            },
            {
                "event_id": f"event_{i:07d}",
                "actor_id": actors[(i + 1) % n_actors]["actor_id"],
                "role": "target",
            },
        ]
        if i and i % 100 == 0:
            event_relations.append(
                {
                    "event_id": f"event_{i:07d}",
                    "related_event_id": f"event_{i - 1:07d}",
                    "relation": "follows_from",
                }
            )

    sources, furniture, claims, curated_sources = [], [], [], {}
    claim_no = 0
    for j in range(n_sources):
        sid = f"source_{j:06d}"
        text, spans = make_text(rng)
        path = out / "data" / "sources" / f"{sid}.txt"
        path.write_text(text, encoding="utf-8", newline="")
        source = {
            "source_id": sid,
            "title": f"Synthetic source {j}",
            "outlet_actor_id": actors[j % 10]["actor_id"],
            "outlet_basis": "stated",
            "published_date": date(2024, 1, 1),
            "published_basis": "stated",
            "language": "en",
            "genre": "news_report",
            "is_truncated": False,
            "independence_group": f"group_{j % 97}",
        }
        sources.append(
            {
                **source,
                "is_archived": True,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "char_count": len(text),
            }
        )
        furniture.append(
            {
                "source_id": sid,
                "char_start": 0,
                "char_end": 11,
                "text": "top of page",
                "kind": "navigation",
            }
        )
        source_claims = []
        for start, end in spans:
            if claim_no >= n_claims:
                # the last text's remaining sentences are furniture, so coverage still holds
                furniture.append(
                    {
                        "source_id": sid,
                        "char_start": start,
                        "char_end": end,
                        "text": text[start:end],
                        "kind": "advertisement",
                    }
                )
                continue
            i = claim_no
            claim = {
                "claim_id": f"claim_{i:08d}",
                "claimant_actor_id": actors[i % n_actors]["actor_id"],
                "attribution": "source_voice",
                "claim_type": "event_report" if i % 10 == 0 else CLAIM_TYPES[i % 5],
                "modality": "asserted",
                "event_id": f"event_{min(i // 10, n_events - 1):07d}",
                "target_actor_id": actors[(i + 3) % n_actors]["actor_id"],
                "quote": text[start:end],
                "summary": f"Synthetic claim {i}.",
            }
            source_claims.append(claim)
            claims.append({**claim, "source_id": sid, "char_start": start, "char_end": end})
            claim_no += 1
        curated_sources[sid] = (source, source_claims)
    claim_relations = [
        {
            "claim_id": f"claim_{i:08d}",
            "related_claim_id": f"claim_{i + 1:08d}",
            "relation": "corroborates",
            "note": "Synthetic.",
        }
        for i in range(0, n_claims - 1, 10)
    ]
    rows = {
        "sources": sources,
        "actors": actors,
        "places": places,
        "events": events,
        "event_actors": event_actors,
        "event_relations": event_relations,
        "claims": claims,
        "claim_relations": claim_relations,
        "source_furniture": furniture,
    }
    names = list(rows)
    write_skeleton(out, names)
    tables = read_schemas(out)
    for name in names:
        write_table(out / tables[name].path, tables[name], rows[name])
    resources = [resource_entry(name, out) for name in names]
    write_json(out / "datapackage.json", {**DESCRIPTOR, "version": "0.0.0", "resources": resources})
    if curated:
        _write_curated(out, rows, curated_sources, names)
    return {name: len(r) for name, r in rows.items()}


def _write_curated(out: Path, rows: dict, curated_sources: dict, names: list[str]) -> None:
    dump = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    cur = out / "data" / "curated"
    (cur / "sources").mkdir()

    def write(path: Path, value: object) -> None:
        path.write_text(
            yaml.dump(value, Dumper=dump, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )

    write(cur / "actors.yaml", rows["actors"])
    write(cur / "places.yaml", rows["places"])
    write(cur / "claim_relations.yaml", rows["claim_relations"])
    by_event: dict[str, list] = {}
    for ea in rows["event_actors"]:
        by_event.setdefault(ea["event_id"], []).append(ea)
    rel_by_event: dict[str, list] = {}
    for er in rows["event_relations"]:
        rel_by_event.setdefault(er["event_id"], []).append(
            {"relation": er["relation"], "event": er["related_event_id"]}
        )
    events = []
    for e in rows["events"]:
        item = dict(e)
        item["actors"] = {ea["role"]: ea["actor_id"] for ea in by_event.get(e["event_id"], [])}
        if e["event_id"] in rel_by_event:
            item["relations"] = rel_by_event[e["event_id"]]
        events.append(item)
    write(cur / "events.yaml", events)
    furniture_by_source: dict[str, list] = {}
    for f in rows["source_furniture"]:
        furniture_by_source.setdefault(f["source_id"], []).append(
            {"text": f["text"], "kind": f["kind"]}
        )
    for sid, (source, claims) in curated_sources.items():
        write(
            cur / "sources" / f"{sid}.yaml",
            {"source": source, "furniture": furniture_by_source[sid], "claims": claims},
        )
    write(cur / "package.yaml", {**DESCRIPTOR, "resources": names})
    (out / "src" / "fr_az_crisis").mkdir(parents=True)
    (out / "src" / "fr_az_crisis" / "_version.py").write_text(
        '__version__ = "0.0.0"\n', encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--curated", action="store_true", help="also write curated YAML for scripts/build.py"
    )
    args = parser.parse_args(argv)
    counts = generate(args.claims, args.seed, args.out, curated=args.curated)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
