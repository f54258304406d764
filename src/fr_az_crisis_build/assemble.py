"""Turn curated YAML into table rows: offsets found, dates resolved, hashes and groups computed.

Which keys a curated item may have comes from the table's schema (its columns) plus the few
keys of the curated format itself (``occurrence``, a claim's ``date_readings``, an event's
``actors`` by role and ``relations``). Every value is typed strictly by the column it fills
(``curated.check_values``). Every mistake is logged with file, item and key; the item is
skipped.

Computed, never curated: offsets, hashes and lengths; a source's ``independence_group`` (from
its derivation chain, ``fr_az_crisis.independence``); a ``resolved_relative`` date (from the
dating claim's ``date_expression`` and ``anchor_date``, by ``fr_az_crisis.relative_dates``, the
code validation re-runs); the dates of each date reading. Symmetric claim relations are
written in sort order.

Each row remembers where it was curated (``ORIGIN``: file, item, key prefix), so that a
problem the validator later finds in a staged table can be reported at the curated item
and key a curator edits, not only at a CSV line of a file nobody edits by hand.

Every file is read through ``paths.read_inside``: an archived text or a curated file that is
a symlink out of the project is an error, and is not read.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from fr_az_crisis.definition import Definition, Field
from fr_az_crisis.independence import compute_groups
from fr_az_crisis.paths import UnsafePath, read_inside
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
from fr_az_crisis.strict_yaml import BadScalar
from fr_az_crisis_build.curated import (
    ErrorLog,
    check_items,
    check_mapping,
    check_text_list,
    check_values,
    describe,
    load_yaml,
)
from fr_az_crisis_build.offsets import QuoteError, locate

Rows = dict[str, list[dict[str, Any]]]
Origin = tuple[str, int | None, str]
"""Where a row was curated: file, item (from 1; None for a source's own row), key prefix."""

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
ORIGIN = "_origin"
"""The key under which each assembled row keeps its ``Origin`` (never written to a table)."""


def fields_of(definition: Definition, table: str) -> set[str]:
    return set(definition.table(table).field_names)


def required_of(definition: Definition, table: str) -> set[str]:
    return {f.name for f in definition.table(table).fields if f.required}


def typed(definition: Definition, table: str) -> dict[str, Field]:
    """The columns of ``table`` by name: what each curated value of its rows must be."""
    return {f.name: f for f in definition.table(table).fields}


def cell_limit(definition: Definition) -> int:
    return int(definition.resource["maxCellLength"])


def relation_fields(definition: Definition) -> dict[str, Field]:
    """An event's ``relations`` item: each key fills a column of event_relations."""
    t = typed(definition, event_relations.TABLE)
    return {
        "relation": t[event_relations.relation],
        "event": t[event_relations.related_event_id],
        "claim": t[event_relations.claim_id],
    }


def check_occurrence(rel: str, n: int, item: dict, log: ErrorLog) -> bool:
    """``occurrence: N`` counts from 1 and is a whole number (``true`` is not 1)."""
    if OCCURRENCE not in item:
        return True
    value = item[OCCURRENCE]
    if type(value) is not int or value < 1:
        plain = getattr(item, "plain", {}).get(OCCURRENCE)
        log.add(rel, n, OCCURRENCE, f"expected a whole number from 1, got {describe(value, plain)}")
        return False
    return True


def read_text(root: Path, rel: str) -> tuple[bytes, str] | None:
    """An archived text's bytes and decoded text (None when there is none); ``UnsafePath``
    and ``UnicodeDecodeError`` go to the caller, who logs them."""
    data = read_inside(root, rel)
    if data is None:
        return None
    return data, data.decode("utf-8")


def not_a_date(value: Any, plain: str | None) -> str:
    if isinstance(value, BadScalar):
        return value.reason
    return f"expected a date, got {describe(value, plain)}"


def read_expression(
    rel: str, n: int, key: str, expression: Any, anchor: Any, log: ErrorLog
) -> tuple[date, date, str] | None:
    """(start, end, precision) of ``expression`` read against ``anchor``; errors are logged."""
    if type(anchor) is not date:
        log.add(rel, n, key, not_a_date(anchor, None))
        return None
    if type(expression) is not str:
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
    columns, limit = typed(definition, table), cell_limit(definition)
    return [
        {**item, ORIGIN: (rel, n, "")}
        for n, item in checked
        if check_values(rel, n, item, columns, limit, log)
    ]


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
    columns, limit = typed(definition, events.TABLE), cell_limit(definition)
    linked = relation_fields(definition)
    roles = set(event_actors.Role.ALL)
    expressions = {c[claims.claim_id]: c.get(claims.date_expression) for c in claim_rows}
    errors_before = bool(log)
    rows, actor_rows, relation_rows = [], [], []
    for n, item in check_items(rel, items, allowed, required, events.TABLE, log):
        if not check_values(rel, n, item, columns, limit, log):
            continue
        row = {k: v for k, v in item.items() if k not in extra}
        row[ORIGIN] = (rel, n, "")
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
            for actor_id in check_text_list(rel, n, f"{EVENT_ACTORS}.{role}", ids, log) or []:
                actor_rows.append(
                    {
                        event_actors.event_id: row[events.event_id],
                        event_actors.actor_id: actor_id,
                        event_actors.role: role,
                        ORIGIN: (rel, n, f"{EVENT_ACTORS}."),
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
            if not check_values(rel, n, rel_item, linked, limit, log, f"{EVENT_RELATIONS}."):
                continue
            relation_rows.append(
                {
                    event_relations.event_id: row[events.event_id],
                    event_relations.related_event_id: rel_item["event"],
                    event_relations.relation: rel_item["relation"],
                    event_relations.claim_id: rel_item.get("claim"),
                    ORIGIN: (rel, n, f"{EVENT_RELATIONS}."),
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
    limit = cell_limit(definition)
    source = check_mapping(
        rel,
        doc[SOURCE],
        fields_of(definition, sources.TABLE) - COMPUTED_SOURCE_FIELDS,
        required_of(definition, sources.TABLE) - COMPUTED_SOURCE_FIELDS,
        "source",
        log,
    )
    if source is None or not check_values(
        rel, None, source, typed(definition, sources.TABLE), limit, log, f"{SOURCE}."
    ):
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
    source[ORIGIN] = (rel, None, f"{SOURCE}.")
    text_rel = definition.text_path(sid)
    try:
        held = read_text(root, text_rel)
    except UnsafePath as exc:
        log.add(text_rel, None, None, f"{exc.reason}; it is not read")
        return None, [], [], []
    except UnicodeDecodeError as exc:
        log.add(text_rel, None, None, f"not UTF-8 at byte {exc.start}: {exc.reason}")
        return None, [], [], []
    text = held[1] if held is not None else None
    source[sources.is_archived] = held is not None
    if held is not None:
        source[sources.sha256] = hashlib.sha256(held[0]).hexdigest()
        source[sources.char_count] = len(held[1])

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
    furniture_columns = typed(definition, source_furniture.TABLE)
    for n, item in check_items(
        rel,
        doc.get(FURNITURE, []),
        furniture_keys | {OCCURRENCE},
        furniture_keys,
        FURNITURE,
        log,
    ):
        if not check_values(rel, n, item, furniture_columns, limit, log):
            continue
        if not check_occurrence(rel, n, item, log):
            continue
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
                ORIGIN: (rel, n, f"{FURNITURE}."),
            }
        )

    computed = {claims.source_id, claims.char_start, claims.char_end}
    claim_columns = typed(definition, claims.TABLE)
    reading_fields = fields_of(definition, date_readings.TABLE)
    reading_columns = typed(definition, date_readings.TABLE)
    claim_rows, reading_rows = [], []
    for n, item in check_items(
        rel,
        doc[claims.TABLE],
        (fields_of(definition, claims.TABLE) - computed) | {OCCURRENCE, DATE_READINGS},
        required_of(definition, claims.TABLE) - {claims.source_id},
        claims.TABLE,
        log,
    ):
        if not check_values(rel, n, item, claim_columns, limit, log):
            continue
        if not check_occurrence(rel, n, item, log):
            continue
        row: dict[str, Any] = {
            k: v for k, v in item.items() if k not in {OCCURRENCE, DATE_READINGS}
        }
        row[claims.source_id] = sid
        row[ORIGIN] = (rel, n, "")
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
            prefix = f"{DATE_READINGS}.{number}."
            if not check_values(rel, n, reading, reading_columns, limit, log, prefix):
                continue
            window = read_expression(
                rel,
                n,
                f"{prefix}{date_readings.anchor_date}",
                expression,
                reading[date_readings.anchor_date],
                log,
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
                    ORIGIN: (rel, n, prefix),
                }
            )
        claim_rows.append(row)
    return source, furniture, claim_rows, reading_rows


def check_unique(rows: list[dict], key: str, where: str | None, table: str, log: ErrorLog) -> None:
    """A key defined twice is an error at its second definition."""
    seen: dict[Any, str] = {}
    for row in rows:
        value = row[key]
        here = where or row[ORIGIN][0]
        if value in seen:
            log.add(here, None, key, f"{table} {value!r} is also defined in {seen[value]}")
        else:
            seen[value] = here


def canonical_relations(definition: Definition, rows: list[dict], log: ErrorLog) -> list[dict]:
    """Symmetric claim relations in sort order (claim_id first); one stored twice is an error."""
    symmetric = definition.table(claim_relations.TABLE).field(claim_relations.relation)
    kinds = set(symmetric.values_with("symmetric"))
    a, b = claim_relations.claim_id, claim_relations.related_claim_id
    seen: dict[tuple, int | None] = {}
    out = []
    for row in rows:
        row = dict(row)
        rel, n, _ = row[ORIGIN]
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
    """Every published table's rows, each with its ``ORIGIN``; errors go to ``log`` (the
    caller raises)."""
    rows: Rows = {}
    simple = (
        (actors.TABLE, "curatedActors"),
        (places.TABLE, "curatedPlaces"),
        (claim_relations.TABLE, "curatedClaimRelations"),
    )
    for table, key in simple:
        rows[table] = assemble_simple(root, definition.path(key), definition, table, log)
    rows[claim_relations.TABLE] = canonical_relations(definition, rows[claim_relations.TABLE], log)
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
