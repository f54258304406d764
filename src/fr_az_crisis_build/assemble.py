"""Turn curated YAML into table rows: offsets found, dates resolved, hashes and groups computed.

Which keys a curated item may have comes from the table's schema (its columns) plus the few
keys of the curated format itself (``occurrence``, a claim's ``date_readings``, an event's
``actors`` by role and ``relations``). Every mistake is logged with file, item and key; the
item is skipped.

Computed, never curated: offsets, hashes and lengths; a source's ``independence_group`` (from
its derivation chain, ``fr_az_crisis.independence``); a ``resolved_relative`` date (from the
dating claim's ``date_expression`` and ``anchor_date``, by ``fr_az_crisis.relative_dates``, the
code validation re-runs); the dates of each date reading. Symmetric claim relations are
written in sort order.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from fr_az_crisis.definition import Definition
from fr_az_crisis.independence import compute_groups
from fr_az_crisis.relative_dates import DateExpressionError, resolve
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
from fr_az_crisis_build.curated import ErrorLog, check_items, check_mapping, load_yaml
from fr_az_crisis_build.offsets import QuoteError, locate

Rows = dict[str, list[dict[str, Any]]]

# Keys of the curated format that are not columns.
OCCURRENCE = "occurrence"
DATE_READINGS = date_readings.TABLE  # a claim's readings of an ambiguous date_expression
EVENT_ACTORS = actors.TABLE  # an event's actors, by role: the rows of event_actors
EVENT_RELATIONS = "relations"
SOURCE = "source"
FURNITURE = "furniture"
SOURCE_FILE_KEYS = {
    SOURCE,
    FURNITURE,
    claims.TABLE,
}  # a source file: its row, its furniture, its claims
RELATION_KEYS = {"relation", "event", "claim"}
COMPUTED_SOURCE_FIELDS = {
    sources.sha256,
    sources.char_count,
    sources.is_archived,
    sources.independence_group,
}
READING_COMPUTED = {date_readings.claim_id, date_readings.reading_no}
READING_DATES = {date_readings.date_start, date_readings.date_end}


def fields_of(definition: Definition, table: str) -> set[str]:
    return set(definition.table(table).field_names)


def required_of(definition: Definition, table: str) -> set[str]:
    return {f.name for f in definition.table(table).fields if f.required}


def read_text(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def read_expression(
    rel: str, n: int, key: str, expression: Any, anchor: Any, log: ErrorLog
) -> tuple[date, date, str] | None:
    """(start, end, precision) of ``expression`` read against ``anchor``; errors are logged."""
    if not isinstance(anchor, date):
        log.add(rel, n, key, f"expected a date, got {anchor!r}")
        return None
    if not isinstance(expression, str):
        log.add(rel, n, key, "no date_expression to resolve")
        return None
    try:
        return resolve(expression, anchor)
    except DateExpressionError as exc:
        log.add(rel, n, key, str(exc))
        return None


def assemble_simple(
    root: Path, rel: str, definition: Definition, table: str, log: ErrorLog
) -> list[dict[str, Any]]:
    items = load_yaml(root, rel, log)
    checked = check_items(
        rel, items, fields_of(definition, table), required_of(definition, table), table, log
    )
    return [dict(item) for _, item in checked]


def assemble_events(
    root: Path, definition: Definition, claim_rows: list[dict], log: ErrorLog
) -> tuple[list[dict], list[dict], list[dict]]:
    """Events, their actors and relations. A ``resolved_relative`` date is computed from its
    dating claim's ``date_expression`` and the event's ``anchor_date``; bounds given as well
    must agree."""
    rel = definition.path("curatedEvents")
    items = load_yaml(root, rel, log)
    extra = {EVENT_ACTORS, EVENT_RELATIONS}
    dated = (events.date_start, events.date_end, events.date_precision)
    allowed = fields_of(definition, events.TABLE) | extra
    required = required_of(definition, events.TABLE) - set(dated)
    roles = set(event_actors.Role.ALL)
    expressions = {c[claims.claim_id]: c.get(claims.date_expression) for c in claim_rows}
    errors_before = bool(log)
    rows, actor_rows, relation_rows = [], [], []
    for n, item in check_items(rel, items, allowed, required, events.TABLE, log):
        row = {k: v for k, v in item.items() if k not in extra}
        if row.get(events.date_basis) == events.DateBasis.RESOLVED_RELATIVE:
            by = row.get(events.dated_by_claim_id)
            if by not in expressions:
                if not errors_before:  # not a consequence of a claim skipped for its own error
                    log.add(rel, n, events.dated_by_claim_id, f"{by!r} is not a claim")
                continue
            resolved = read_expression(
                rel, n, events.anchor_date, expressions.get(by), row.get(events.anchor_date), log
            )
            if resolved is None:
                continue
            for key, value in zip(dated, resolved, strict=True):
                if key in row and row[key] != value:
                    log.add(rel, n, key, f"given as {row[key]}, resolves to {value}")
                row[key] = value
        open_start = row.get(events.date_precision) == events.DatePrecision.NO_LATER_THAN
        missing = [k for k in dated if k not in row and not (open_start and k == dated[0])]
        for key in missing:
            log.add(rel, n, key, "missing: give it, or resolve it (date_basis resolved_relative)")
        if missing:
            continue
        rows.append(row)
        by_role = check_mapping(rel, item.get(EVENT_ACTORS, {}), roles, set(), EVENT_ACTORS, log)
        for role, ids in (by_role or {}).items():
            for actor_id in ids if isinstance(ids, list) else [ids]:
                actor_rows.append(
                    {
                        event_actors.event_id: row[events.event_id],
                        event_actors.actor_id: actor_id,
                        event_actors.role: role,
                    }
                )
        for _, rel_item in check_items(
            rel,
            item.get(EVENT_RELATIONS, []),
            RELATION_KEYS,
            {"relation", "event"},
            EVENT_RELATIONS,
            log,
        ):
            relation_rows.append(
                {
                    event_relations.event_id: row[events.event_id],
                    event_relations.related_event_id: rel_item["event"],
                    event_relations.relation: rel_item["relation"],
                    event_relations.claim_id: rel_item.get("claim"),
                }
            )
    return rows, actor_rows, relation_rows


def assemble_source(
    root: Path, path: Path, definition: Definition, log: ErrorLog
) -> tuple[dict | None, list[dict], list[dict], list[dict]]:
    rel = path.relative_to(root).as_posix()
    doc = check_mapping(
        rel, load_yaml(root, rel, log), SOURCE_FILE_KEYS, {SOURCE, claims.TABLE}, "source file", log
    )
    if doc is None:
        return None, [], [], []
    source = check_mapping(
        rel,
        doc[SOURCE],
        fields_of(definition, sources.TABLE) - COMPUTED_SOURCE_FIELDS,
        required_of(definition, sources.TABLE) - COMPUTED_SOURCE_FIELDS,
        "source",
        log,
    )
    if source is None:
        return None, [], [], []
    source = dict(source)
    sid = source[sources.source_id]
    if path.stem != sid:
        log.add(
            rel,
            None,
            f"{SOURCE}.{sources.source_id}",
            f"{sid!r} differs from the file name {path.stem!r}",
        )
        return None, [], [], []
    text_path = root / definition.text_path(sid)
    text = read_text(text_path) if text_path.is_file() else None
    source[sources.is_archived] = text is not None
    if text is not None:
        source[sources.sha256] = hashlib.sha256(text_path.read_bytes()).hexdigest()
        source[sources.char_count] = len(text)

    def span(n: int, item: dict, key: str) -> tuple[int, int] | None:
        if text is None:
            log.add(rel, n, key, f"{sid} has no archived text, so it cannot be quoted")
            return None
        try:
            return locate(text, item[key], item.get(OCCURRENCE))
        except QuoteError as exc:
            log.add(rel, n, key, f"{str(item[key])[:70]!r} {exc}")
            return None

    furniture = []
    furniture_keys = {source_furniture.text, source_furniture.kind}
    for n, item in check_items(
        rel,
        doc.get(FURNITURE, []),
        furniture_keys | {OCCURRENCE},
        furniture_keys,
        FURNITURE,
        log,
    ):
        found = span(n, item, source_furniture.text)
        if found is None:
            continue
        furniture.append(
            {
                source_furniture.source_id: sid,
                source_furniture.char_start: found[0],
                source_furniture.char_end: found[1],
                source_furniture.text: item[source_furniture.text],
                source_furniture.kind: item[source_furniture.kind],
            }
        )

    computed = {claims.source_id, claims.char_start, claims.char_end}
    claim_rows, reading_rows = [], []
    reading_fields = fields_of(definition, date_readings.TABLE)
    for n, item in check_items(
        rel,
        doc[claims.TABLE],
        (fields_of(definition, claims.TABLE) - computed) | {OCCURRENCE, DATE_READINGS},
        required_of(definition, claims.TABLE) - {claims.source_id},
        claims.TABLE,
        log,
    ):
        row: dict[str, Any] = {
            k: v for k, v in item.items() if k not in {OCCURRENCE, DATE_READINGS}
        }
        row[claims.source_id] = sid
        row["_file"] = rel
        expression = item.get(claims.date_expression)
        if claims.quote in item:
            found = span(n, item, claims.quote)
            if found is None:
                continue
            row[claims.char_start], row[claims.char_end] = found
        readings = check_items(
            rel,
            item.get(DATE_READINGS, []),
            reading_fields - READING_COMPUTED - READING_DATES,
            required_of(definition, date_readings.TABLE) - READING_COMPUTED - READING_DATES,
            DATE_READINGS,
            log,
        )
        for number, (_, reading) in enumerate(readings, start=1):
            key = f"{DATE_READINGS}.{number}.{date_readings.anchor_date}"
            window = read_expression(
                rel, n, key, expression, reading[date_readings.anchor_date], log
            )
            if window is None:
                continue
            reading_rows.append(
                {
                    **reading,
                    date_readings.claim_id: row[claims.claim_id],
                    date_readings.reading_no: number,
                    date_readings.date_start: window[0],
                    date_readings.date_end: window[1],
                }
            )
        claim_rows.append(row)
    return source, furniture, claim_rows, reading_rows


def check_unique(rows: list[dict], key: str, where: str | None, table: str, log: ErrorLog) -> None:
    """A key defined twice is an error at its second definition."""
    seen: dict[Any, str] = {}
    for row in rows:
        value = row[key]
        here = where or row["_file"]
        if value in seen:
            log.add(here, None, key, f"{table} {value!r} is also defined in {seen[value]}")
        else:
            seen[value] = here


def canonical_relations(
    rel: str, definition: Definition, rows: list[dict], log: ErrorLog
) -> list[dict]:
    """Symmetric claim relations in sort order (claim_id first); one stored twice is an error."""
    symmetric = definition.table(claim_relations.TABLE).field(claim_relations.relation)
    kinds = set(symmetric.values_with("symmetric"))
    a, b = claim_relations.claim_id, claim_relations.related_claim_id
    seen: dict[tuple, int] = {}
    out = []
    for n, row in enumerate(rows, start=1):
        row = dict(row)
        if row.get(claim_relations.relation) in kinds and str(row[a]) > str(row[b]):
            row[a], row[b] = row[b], row[a]
        key = (row[a], row[b], row.get(claim_relations.relation))
        if key in seen:
            log.add(rel, n, claim_relations.relation, f"{key} is also item {seen[key]}")
            continue
        seen[key] = n
        out.append(row)
    return out


def with_independence_groups(source_rows: list[dict]) -> None:
    """Write each source's computed independence group into its row."""
    columns = (
        sources.source_id,
        sources.outlet_actor_id,
        sources.derived_from_source_id,
        sources.derived_from_actor_id,
    )
    frame = pl.DataFrame(
        {c: [r.get(c) for r in source_rows] for c in columns},
        schema={c: pl.String for c in columns},
    )
    groups = compute_groups(frame)
    for r in source_rows:
        r[sources.independence_group] = groups.get(r[sources.source_id])


def assemble_all(root: Path, definition: Definition, log: ErrorLog) -> Rows:
    """Every published table's rows; errors go to ``log`` (the caller raises)."""
    rows: Rows = {}
    simple = (
        (actors.TABLE, "curatedActors"),
        (places.TABLE, "curatedPlaces"),
        (claim_relations.TABLE, "curatedClaimRelations"),
    )
    for table, key in simple:
        rows[table] = assemble_simple(root, definition.path(key), definition, table, log)
    rows[claim_relations.TABLE] = canonical_relations(
        definition.path("curatedClaimRelations"), definition, rows[claim_relations.TABLE], log
    )
    rows[sources.TABLE], rows[source_furniture.TABLE], rows[claims.TABLE] = [], [], []
    rows[date_readings.TABLE] = []
    pattern = definition.path("curatedSource", source_id="*")
    for path in sorted(root.glob(pattern)):
        source, furniture, claim_rows, reading_rows = assemble_source(root, path, definition, log)
        if source is not None:
            rows[sources.TABLE].append(source)
        rows[source_furniture.TABLE] += furniture
        rows[claims.TABLE] += claim_rows
        rows[date_readings.TABLE] += reading_rows
    with_independence_groups(rows[sources.TABLE])
    check_unique(rows[claims.TABLE], claims.claim_id, None, claims.claim_id, log)
    for claim in rows[claims.TABLE]:
        del claim["_file"]
    rows[events.TABLE], rows[event_actors.TABLE], rows[event_relations.TABLE] = assemble_events(
        root, definition, rows[claims.TABLE], log
    )
    for table, key, source_key in (
        (actors.TABLE, actors.actor_id, "curatedActors"),
        (places.TABLE, places.place_id, "curatedPlaces"),
        (events.TABLE, events.event_id, "curatedEvents"),
    ):
        check_unique(rows[table], key, definition.path(source_key), key, log)
    return rows
