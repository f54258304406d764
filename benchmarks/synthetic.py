"""Write a consistent synthetic package of a chosen size, deterministically from a seed.

Usage: python benchmarks/synthetic.py --claims N [--seed S] --out DIR [--curated]

Used by the benchmarks (packages of up to a million claims) and by the tests (a small
fixture package, so that unit tests of checks do not depend on the real data). The package
has the project's schemas and passes every check: texts whose every sentence a claim quotes
at the right offsets, keys that resolve, every event reported, every actor and place used.
Column names and vocabularies come from the schemas (``fr_az_crisis.schema_names``); each
table is built by a small function of its own. With ``--curated`` it also writes the curated
YAML, so that the build can be measured at scale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from fr_az_crisis.definition import project_definition, project_root
from fr_az_crisis.schema_names import (
    actors,
    claim_relations,
    claims,
    date_readings,
    event_actors,
    event_relations,
    events,
    places,
    source_furniture,
    sources,
)
from fr_az_crisis_build.assemble import EVENT_ACTORS, EVENT_RELATIONS, FURNITURE, SOURCE
from fr_az_crisis_build.build import licence_files
from fr_az_crisis_build.csv_writer import write_table
from fr_az_crisis_build.package import descriptor
from fr_az_crisis_build.table_schemas import write_json

Row = dict[str, Any]
META = {
    "name": "fr-az-crisis-synthetic",
    "title": "Synthetic package",
    "description": "Generated for benchmarks and tests.",
    "keywords": ["synthetic"],
    "id": "urn:uuid:00000000-0000-4000-8000-000000000000",
    "contributors": [{"title": "generator", "roles": ["creator"]}],
}
SENTENCES_PER_TEXT = 200
OUTLETS = 10
HEAD = "top of page"
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
    "recent",
]
EVENT_DAY0, PUBLISHED = date(2023, 1, 1), date(2024, 1, 1)


@dataclass(frozen=True)
class Sizes:
    claims: int
    sources: int
    events: int
    actors: int
    places: int

    @classmethod
    def for_claims(cls, n: int) -> Sizes:
        n_events = max(1, n // 10)
        return cls(
            n, max(1, -(-n // SENTENCES_PER_TEXT)), n_events, max(20, n // 1000), min(50, n_events)
        )


def actor_id(i: int) -> str:
    return f"actor_{i:06d}"


def event_id(i: int) -> str:
    return f"event_{i:07d}"


def attribution_of(i: int) -> str:
    """Claim i's attribution: the values in turn."""
    return claims.Attribution.ALL[i % len(claims.Attribution.ALL)]


def make_text(
    rng: random.Random, first_claim: int = 0, claims_total: int = 0
) -> tuple[str, list[tuple[int, int]]]:
    """A text of SENTENCES_PER_TEXT unique sentences after a heading, and each sentence's span.

    Sentence k is quoted by claim ``first_claim + k`` (while there are claims left); a direct
    quote's sentence stands in quotation marks, as the attribution check requires."""
    parts, spans, pos = [HEAD, "\n\n"], [], len(HEAD) + 2
    for k in range(SENTENCES_PER_TEXT):
        s = f"Item {k} " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14))) + "."
        i = first_claim + k
        if i < claims_total and attribution_of(i) == claims.Attribution.DIRECT_QUOTE:
            s = f'"{s}"'
        spans.append((pos, pos + len(s)))
        sep = "\n\n" if k % 10 == 9 else " "
        parts += [s, sep]
        pos += len(s) + len(sep)
    return "".join(parts), spans


def actor_rows(n: Sizes) -> list[Row]:
    kinds = actors.Kind
    return [
        {
            actors.actor_id: actor_id(i),
            actors.name: f"Actor {i}",
            actors.kind: kinds.MEDIA_OUTLET if i < OUTLETS else kinds.STATE,
            actors.description: f"Synthetic actor {i}.",
        }
        for i in range(n.actors)
    ]


def place_rows(n: Sizes, rng: random.Random) -> list[Row]:
    return [
        {
            places.place_id: f"place_{i:03d}",
            places.name: f"Place {i}",
            places.latitude: round(rng.uniform(-60, 60), 4),
            places.longitude: round(rng.uniform(-170, 170), 4),
        }
        for i in range(n.places)
    ]


def event_rows(n: Sizes) -> list[Row]:
    types, plover, episodes = events.EventType.ALL, events.PloverEvent.ALL, events.Episode.ALL
    rows = []
    for i in range(n.events):
        day = EVENT_DAY0 + timedelta(days=i % 300)
        rows.append(
            {
                events.event_id: event_id(i),
                events.title: f"Synthetic event {i}",
                events.description: f"Synthetic event number {i}.",
                events.event_type: types[i % len(types)],
                events.cameo_code: "040",
                events.plover_event: plover[i % len(plover)],
                events.coding_note: "Synthetic.",
                events.date_start: day,
                events.date_end: day,
                events.date_precision: events.DatePrecision.DAY,
                events.date_basis: events.DateBasis.INFERRED,
                events.place_id: f"place_{i % n.places:03d}",
                events.episode: episodes[i % len(episodes)],
            }
        )
    return rows


def event_actor_rows(n: Sizes) -> list[Row]:
    roles = event_actors.Role
    return [
        {
            event_actors.event_id: event_id(i),
            event_actors.actor_id: actor_id((i + k) % n.actors),
            event_actors.role: role,
        }
        for i in range(n.events)
        for k, role in enumerate((roles.INITIATOR, roles.TARGET))
    ]


def event_relation_rows(n: Sizes) -> list[Row]:
    """Each hundredth event follows from the one before it, never across the wrap of the
    300-day calendar (a consequence is never linked to a later event)."""
    return [
        {
            event_relations.event_id: event_id(i),
            event_relations.related_event_id: event_id(i - 1),
            event_relations.relation: event_relations.Relation.FOLLOWS_FROM,
        }
        for i in range(100, n.events, 100)
        if i % 300
    ]


def source_row(j: int, text_bytes: bytes, text: str) -> Row:
    return {
        sources.source_id: f"source_{j:06d}",
        sources.title: f"Synthetic source {j}",
        sources.outlet_actor_id: actor_id(j % OUTLETS),
        sources.outlet_basis: sources.OutletBasis.STATED,
        sources.published_date: PUBLISHED,
        sources.published_basis: sources.PublishedBasis.STATED,
        sources.language: "en",
        sources.genre: sources.Genre.NEWS_REPORT,
        sources.is_archived: True,
        sources.sha256: hashlib.sha256(text_bytes).hexdigest(),
        sources.char_count: len(text),
        sources.is_truncated: False,
        sources.independence_group: actor_id(j % OUTLETS),  # an original text: its outlet
    }


def claim_row(i: int, n: Sizes, source: Row, text: str, span: tuple[int, int]) -> Row:
    """Every tenth claim reports its event; attributions cycle, and the outlet speaks for
    itself in ``source_voice``."""
    attribution = attribution_of(i)
    types = claims.ClaimType.ALL
    claimant = (
        source[sources.outlet_actor_id]
        if attribution == claims.Attribution.SOURCE_VOICE
        else actor_id(i % n.actors)
    )
    return {
        claims.claim_id: f"claim_{i:08d}",
        claims.source_id: source[sources.source_id],
        claims.claimant_actor_id: claimant,
        claims.attribution: attribution,
        claims.claim_type: claims.ClaimType.EVENT_REPORT if i % 10 == 0 else types[i % len(types)],
        claims.modality: claims.Modality.ASSERTED,
        claims.event_id: event_id(min(i // 10, n.events - 1)),
        claims.target_actor_id: actor_id((i + 3) % n.actors),
        claims.quote: text[span[0] : span[1]],
        claims.char_start: span[0],
        claims.char_end: span[1],
        claims.summary: f"Synthetic claim {i}.",
    }


def furniture_row(sid: str, text: str, span: tuple[int, int], kind: str) -> Row:
    return {
        source_furniture.source_id: sid,
        source_furniture.char_start: span[0],
        source_furniture.char_end: span[1],
        source_furniture.text: text[span[0] : span[1]],
        source_furniture.kind: kind,
    }


CITATION_SOURCE = "source_citation_only"
CITATION_CLAIM = "claim_citation_only"


def citation_only_rows(n: Sizes) -> tuple[Row, Row]:
    """One cited-but-not-archived source and its claim: a summary, no quote or offsets."""
    source = {
        sources.source_id: CITATION_SOURCE,
        sources.title: "Synthetic cited page",
        sources.outlet_actor_id: actor_id(0),
        sources.outlet_basis: sources.OutletBasis.STATED,
        sources.url: "https://example.org/cited",
        sources.published_date: PUBLISHED,
        sources.published_basis: sources.PublishedBasis.STATED,
        sources.language: "en",
        sources.genre: sources.Genre.REFERENCE_WORK,
        sources.is_archived: False,
        sources.is_truncated: False,
        sources.independence_group: actor_id(0),
    }
    claim = {
        claims.claim_id: CITATION_CLAIM,
        claims.source_id: CITATION_SOURCE,
        claims.claimant_actor_id: actor_id(0),
        claims.attribution: claims.Attribution.SOURCE_VOICE,
        claims.claim_type: claims.ClaimType.BACKGROUND,
        claims.modality: claims.Modality.ASSERTED,
        claims.event_id: event_id(0),
        claims.summary: "Synthetic cited claim.",
    }
    return source, claim


def claim_relation_rows(n: Sizes) -> list[Row]:
    """Repeats between neighbouring claims of one source (one origin), and corroboration
    between claims a text apart (sources of different outlets, so of different origins)."""
    repeats = [
        {
            claim_relations.claim_id: f"claim_{i + 1:08d}",
            claim_relations.related_claim_id: f"claim_{i:08d}",
            claim_relations.relation: claim_relations.Relation.REPEATS,
            claim_relations.note: "Synthetic.",
        }
        for i in range(0, n.claims - 1, 10)
        if i // SENTENCES_PER_TEXT == (i + 1) // SENTENCES_PER_TEXT
    ]
    corroborations = [
        {
            claim_relations.claim_id: f"claim_{i:08d}",
            claim_relations.related_claim_id: f"claim_{i + SENTENCES_PER_TEXT:08d}",
            claim_relations.relation: claim_relations.Relation.CORROBORATES,
            claim_relations.note: "Synthetic.",
        }
        for i in range(5, n.claims - SENTENCES_PER_TEXT, 50)
    ]
    return repeats + corroborations


def texts_and_spans(
    out: Path, n: Sizes, rng: random.Random
) -> tuple[list[Row], list[Row], list[Row]]:
    """Write the texts; the sources, the claims quoting every sentence, and the furniture."""
    definition = project_definition()
    source_rows, claim_rows, furniture = [], [], []
    kinds = source_furniture.Kind
    for j in range(n.sources):
        text, spans = make_text(rng, j * SENTENCES_PER_TEXT, n.claims)
        data = text.encode("utf-8")
        source = source_row(j, data, text)
        sid = source[sources.source_id]
        path = out / definition.text_path(sid)
        path.write_bytes(data)
        source_rows.append(source)
        furniture.append(furniture_row(sid, text, (0, len(HEAD)), kinds.NAVIGATION))
        for span in spans:
            i = len(claim_rows)
            if i < n.claims:
                claim_rows.append(claim_row(i, n, source, text, span))
            else:  # the last text's remaining sentences are furniture: coverage still holds
                furniture.append(furniture_row(sid, text, span, kinds.ADVERTISEMENT))
    return source_rows, claim_rows, furniture


def generate(n_claims: int, seed: int, out: Path, *, curated: bool = False) -> dict[str, int]:
    rng = random.Random(seed)
    n = Sizes.for_claims(n_claims)
    definition = project_definition()
    root = project_root()
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(root / "schemas", out / "schemas")
    (out / definition.text_path("x")).parent.mkdir(parents=True)
    terms = definition.path("contestedTerms")
    (out / terms).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / terms, out / terms)
    for path in licence_files(definition):
        shutil.copy2(root / path, out / path)
    rows: dict[str, list[Row]] = {
        actors.TABLE: actor_rows(n),
        places.TABLE: place_rows(n, rng),
        events.TABLE: event_rows(n),
        event_actors.TABLE: event_actor_rows(n),
        event_relations.TABLE: event_relation_rows(n),
        claim_relations.TABLE: claim_relation_rows(n),
        date_readings.TABLE: [],
    }
    rows[sources.TABLE], rows[claims.TABLE], rows[source_furniture.TABLE] = texts_and_spans(
        out, n, rng
    )
    cited_source, cited_claim = citation_only_rows(n)
    rows[sources.TABLE].append(cited_source)
    rows[claims.TABLE].append(cited_claim)
    for name, table in definition.tables.items():
        write_table(out / table.path, table, rows[name])
    write_json(out / definition.path("descriptor"), descriptor(META, definition, out))
    if curated:
        write_curated(out, rows)
    return {name: len(rows[name]) for name in definition.tables}


def write_curated(out: Path, rows: dict[str, list[Row]]) -> None:
    """The curated YAML the build would turn back into these tables."""
    definition = project_definition()
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc, valid-type]
        """No anchors: the project's YAML reader refuses aliases."""

        def ignore_aliases(self, data: object) -> bool:
            return True

    def write(rel: str, value: object) -> None:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(
            yaml.dump(value, Dumper=Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )

    write(definition.path("curatedActors"), rows[actors.TABLE])
    write(definition.path("curatedPlaces"), rows[places.TABLE])
    write(definition.path("curatedClaimRelations"), rows[claim_relations.TABLE])
    roles: dict[str, dict[str, str]] = {}
    for ea in rows[event_actors.TABLE]:
        roles.setdefault(ea[event_actors.event_id], {})[ea[event_actors.role]] = ea[
            event_actors.actor_id
        ]
    links: dict[str, list[dict[str, str]]] = {}
    for er in rows[event_relations.TABLE]:
        links.setdefault(er[event_relations.event_id], []).append(
            {
                "relation": er[event_relations.relation],
                "event": er[event_relations.related_event_id],
            }
        )
    curated_events = []
    for e in rows[events.TABLE]:
        item = {**e, EVENT_ACTORS: roles.get(e[events.event_id], {})}
        if e[events.event_id] in links:
            item[EVENT_RELATIONS] = links[e[events.event_id]]
        curated_events.append(item)
    write(definition.path("curatedEvents"), curated_events)
    computed = {
        sources.sha256,
        sources.char_count,
        sources.is_archived,
        sources.independence_group,
    }
    by_source: dict[str, dict[str, list[Row]]] = {}
    for f in rows[source_furniture.TABLE]:
        by_source.setdefault(f[source_furniture.source_id], {"f": [], "c": []})["f"].append(
            {
                source_furniture.text: f[source_furniture.text],
                source_furniture.kind: f[source_furniture.kind],
            }
        )
    for c in rows[claims.TABLE]:
        drop = {claims.source_id, claims.char_start, claims.char_end}
        entry = by_source.setdefault(c[claims.source_id], {"f": [], "c": []})
        entry["c"].append({k: v for k, v in c.items() if k not in drop})
    for s in rows[sources.TABLE]:
        sid = s[sources.source_id]
        doc: dict[str, object] = {SOURCE: {k: v for k, v in s.items() if k not in computed}}
        if by_source[sid]["f"]:
            doc[FURNITURE] = by_source[sid]["f"]
        doc[claims.TABLE] = by_source[sid]["c"]
        write(definition.path("curatedSource", source_id=sid), doc)
    write(definition.path("curatedPackage"), META)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--curated", action="store_true", help="also write curated YAML for the build"
    )
    args = parser.parse_args(argv)
    print(json.dumps(generate(args.claims, args.seed, args.out, curated=args.curated)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
