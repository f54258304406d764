"""Turn curated YAML into table rows: offsets found, dates resolved, hashes computed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from buildlib.curated import CurationError, check_items, check_mapping, read_yaml
from buildlib.offsets import QuoteError, locate
from buildlib.relative_dates import DateExpressionError, resolve

Rows = dict[str, list[dict[str, Any]]]
ROLES = ("initiator", "target", "participant", "host", "mediator", "subject")


def fields_of(schemas: dict[str, dict[str, Any]], table: str) -> set[str]:
    return {f["name"] for f in schemas[table]["fields"]}


def required_of(schemas: dict[str, dict[str, Any]], table: str) -> set[str]:
    return {f["name"] for f in schemas[table]["fields"] if f.get("constraints", {}).get("required")}


def read_text(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def _resolve_into(
    rel: str, item_no: int, spec: Any, target: dict[str, Any], keys: tuple[str, str, str]
) -> None:
    """Fill start/end/precision keys from ``{expression, anchor}``; the expression is kept verbatim."""
    spec = check_mapping(
        rel, spec, {"expression", "anchor"}, {"expression", "anchor"}, "date_resolve"
    )
    anchor = spec["anchor"]
    if not isinstance(anchor, date):
        raise CurationError(rel, item_no, "date_resolve.anchor", f"expected a date, got {anchor!r}")
    try:
        start, end, precision = resolve(spec["expression"], anchor)
    except DateExpressionError as exc:
        raise CurationError(rel, item_no, "date_resolve.expression", str(exc)) from exc
    for key, value in zip(keys, (start, end, precision), strict=True):
        if key in target and target[key] != value:
            raise CurationError(rel, item_no, key, f"given as {target[key]}, resolves to {value}")
        target[key] = value


def assemble_simple(root: Path, rel: str, schemas: dict, table: str) -> list[dict[str, Any]]:
    items = read_yaml(root / rel, root)
    return [
        dict(i)
        for i in check_items(
            rel, items, fields_of(schemas, table), required_of(schemas, table), table
        )
    ]


def assemble_events(root: Path, schemas: dict) -> tuple[list[dict], list[dict], list[dict]]:
    rel = "data/curated/events.yaml"
    items = read_yaml(root / rel, root)
    allowed = fields_of(schemas, "events") | {"actors", "relations", "date_resolve"}
    required = required_of(schemas, "events") - {"date_start", "date_end", "date_precision"}
    events, event_actors, relations = [], [], []
    for n, item in enumerate(check_items(rel, items, allowed, required, "events"), start=1):
        row = {k: v for k, v in item.items() if k not in {"actors", "relations", "date_resolve"}}
        if "date_resolve" in item:
            _resolve_into(
                rel, n, item["date_resolve"], row, ("date_start", "date_end", "date_precision")
            )
        for key in ("date_start", "date_end", "date_precision"):
            if key not in row:
                raise CurationError(rel, n, key, "missing: give it or a date_resolve")
        events.append(row)
        actors = check_mapping(rel, item.get("actors", {}), set(ROLES), set(), "actors")
        for role, ids in actors.items():
            for actor_id in ids if isinstance(ids, list) else [ids]:
                event_actors.append(
                    {"event_id": row["event_id"], "actor_id": actor_id, "role": role}
                )
        for rel_item in check_items(
            rel,
            item.get("relations", []),
            {"relation", "event", "claim"},
            {"relation", "event"},
            "relations",
        ):
            relations.append(
                {
                    "event_id": row["event_id"],
                    "related_event_id": rel_item["event"],
                    "relation": rel_item["relation"],
                    "claim_id": rel_item.get("claim"),
                }
            )
    return events, event_actors, relations


def assemble_source(root: Path, path: Path, schemas: dict) -> tuple[dict, list[dict], list[dict]]:
    rel = str(path.relative_to(root))
    doc = check_mapping(
        rel,
        read_yaml(path, root),
        {"source", "furniture", "claims"},
        {"source", "claims"},
        "source file",
    )
    computed = {"sha256", "char_count", "is_archived"}
    source = dict(
        check_mapping(
            rel,
            doc["source"],
            fields_of(schemas, "sources") - computed,
            required_of(schemas, "sources") - computed,
            "source",
        )
    )
    sid = source["source_id"]
    if path.stem != sid:
        raise CurationError(
            rel, None, "source.source_id", f"{sid!r} differs from the file name {path.stem!r}"
        )
    text_path = root / "data" / "sources" / f"{sid}.txt"
    text = read_text(text_path) if text_path.is_file() else None
    source["is_archived"] = text is not None
    if text is not None:
        source["sha256"] = hashlib.sha256(text_path.read_bytes()).hexdigest()
        source["char_count"] = len(text)

    def span(n: int, item: dict, key: str) -> tuple[int, int]:
        if text is None:
            raise CurationError(rel, n, key, f"{sid} has no archived text, so it cannot be quoted")
        try:
            return locate(text, item[key], item.get("occurrence"))
        except QuoteError as exc:
            raise CurationError(rel, n, key, f"{item[key][:70]!r} {exc}") from exc

    furniture = []
    for n, item in enumerate(
        check_items(
            rel,
            doc.get("furniture", []),
            {"text", "kind", "occurrence"},
            {"text", "kind"},
            "furniture",
        ),
        start=1,
    ):
        start, end = span(n, item, "text")
        furniture.append(
            {
                "source_id": sid,
                "char_start": start,
                "char_end": end,
                "text": item["text"],
                "kind": item["kind"],
            }
        )

    claim_fields = fields_of(schemas, "claims") - {"source_id", "char_start", "char_end"}
    claims = []
    claim_items = check_items(
        rel,
        doc["claims"],
        claim_fields | {"occurrence", "claim_date_resolve"},
        required_of(schemas, "claims") - {"source_id"},
        "claims",
    )
    for n, item in enumerate(claim_items, start=1):
        row: dict[str, Any] = {
            k: v for k, v in item.items() if k not in {"occurrence", "claim_date_resolve"}
        }
        row["source_id"] = sid
        if "claim_date_resolve" in item:
            spec = {"expression": item.get("date_expression"), "anchor": item["claim_date_resolve"]}
            resolved: dict[str, Any] = {}
            _resolve_into(rel, n, spec, resolved, ("_start", "_end", "_precision"))
            if resolved["_start"] != resolved["_end"]:
                raise CurationError(rel, n, "date_expression", "does not resolve to a single day")
            row["claim_date"] = resolved["_start"]
        if "quote" in item:
            row["char_start"], row["char_end"] = span(n, item, "quote")
        claims.append(row)
    return source, furniture, claims


def check_unique(rows: list[dict], key: str, where: Callable[[dict], str], table: str) -> None:
    seen: dict[Any, str] = {}
    for row in rows:
        value = row[key]
        if value in seen:
            raise CurationError(
                where(row), None, key, f"{table} {value!r} is also defined in {seen[value]}"
            )
        seen[value] = where(row)


def assemble_all(root: Path, schemas: dict) -> Rows:
    rows: Rows = {}
    rows["actors"] = assemble_simple(root, "data/curated/actors.yaml", schemas, "actors")
    rows["places"] = assemble_simple(root, "data/curated/places.yaml", schemas, "places")
    rows["claim_relations"] = assemble_simple(
        root, "data/curated/claim_relations.yaml", schemas, "claim_relations"
    )
    rows["events"], rows["event_actors"], rows["event_relations"] = assemble_events(root, schemas)
    rows["sources"], rows["source_furniture"], rows["claims"] = [], [], []
    for path in sorted((root / "data" / "curated" / "sources").glob("*.yaml")):
        source, furniture, claims = assemble_source(root, path, schemas)
        rows["sources"].append(source)
        rows["source_furniture"] += furniture
        for claim in claims:
            claim["_file"] = str(path.relative_to(root))
        rows["claims"] += claims
    check_unique(rows["claims"], "claim_id", lambda r: r["_file"], "claim_id")
    for claim in rows["claims"]:
        del claim["_file"]
    for table, key in (("actors", "actor_id"), ("places", "place_id"), ("events", "event_id")):
        check_unique(rows[table], key, lambda _r, t=table: f"data/curated/{t}.yaml", key)
    return rows
