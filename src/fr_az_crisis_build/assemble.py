"""Turn curated YAML into table rows: offsets found, dates resolved, hashes computed.

Which keys a curated item may have comes from the table's schema (its columns) plus the few
keys of the curated format itself (``occurrence``, ``date_resolve``, an event's ``actors`` by
role and ``relations``). Every value is typed strictly by the column it fills
(``curated.check_values``). Every mistake is logged with file, item and key; the item is
skipped.

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

from fr_az_crisis.definition import Definition, Field
from fr_az_crisis.paths import UnsafePath, read_inside
from fr_az_crisis.schema_names import (
    actors,
    claim_relations,
    claims,
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
from fr_az_crisis_build.relative_dates import DateExpressionError, resolve

Rows = dict[str, list[dict[str, Any]]]
Origin = tuple[str, int | None, str]
"""Where a row was curated: file, item (from 1; None for a source's own row), key prefix."""

# Keys of the curated format that are not columns.
OCCURRENCE = "occurrence"
DATE_RESOLVE = "date_resolve"
CLAIM_DATE_RESOLVE = "claim_date_resolve"
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
RESOLVE_KEYS = {"expression", "anchor"}
COMPUTED_SOURCE_FIELDS = {sources.sha256, sources.char_count, sources.is_archived}
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


def resolve_dates(
    rel: str, n: int, spec: Any, key: str, log: ErrorLog
) -> tuple[date, date, str] | None:
    """(start, end, precision) of ``{expression, anchor}``; the expression is kept verbatim."""
    checked = check_mapping(rel, spec, RESOLVE_KEYS, RESOLVE_KEYS, key, log)
    if checked is None:
        return None
    anchor, expression = checked["anchor"], checked["expression"]
    plain = getattr(spec, "plain", {})
    if type(anchor) is not date:
        log.add(rel, n, f"{key}.anchor", not_a_date(anchor, plain.get("anchor")))
        return None
    if type(expression) is not str:
        log.add(
            rel,
            n,
            f"{key}.expression",
            f"expected text, got {describe(expression, plain.get('expression'))}",
        )
        return None
    try:
        return resolve(expression, anchor)
    except DateExpressionError as exc:
        log.add(rel, n, f"{key}.expression", str(exc))
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
    root: Path, definition: Definition, log: ErrorLog
) -> tuple[list[dict], list[dict], list[dict]]:
    rel = definition.path("curatedEvents")
    items = load_yaml(root, rel, log)
    extra = {EVENT_ACTORS, EVENT_RELATIONS, DATE_RESOLVE}
    dated = {events.date_start, events.date_end, events.date_precision}
    allowed = fields_of(definition, events.TABLE) | extra
    required = required_of(definition, events.TABLE) - dated
    columns, limit = typed(definition, events.TABLE), cell_limit(definition)
    linked = relation_fields(definition)
    roles = set(event_actors.Role.ALL)
    rows, actor_rows, relation_rows = [], [], []
    for n, item in check_items(rel, items, allowed, required, events.TABLE, log):
        if not check_values(rel, n, item, columns, limit, log):
            continue
        row = {k: v for k, v in item.items() if k not in extra}
        row[ORIGIN] = (rel, n, "")
        if DATE_RESOLVE in item:
            resolved = resolve_dates(rel, n, item[DATE_RESOLVE], DATE_RESOLVE, log)
            if resolved is None:
                continue
            for key, value in zip(
                (events.date_start, events.date_end, events.date_precision), resolved, strict=True
            ):
                if key in row and row[key] != value:
                    log.add(rel, n, key, f"given as {row[key]}, resolves to {value}")
                row[key] = value
        missing = sorted(dated - row.keys())
        for key in missing:
            log.add(rel, n, key, f"missing: give it or a {DATE_RESOLVE}")
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
) -> tuple[dict | None, list[dict], list[dict]]:
    rel = path.relative_to(root).as_posix()
    doc = check_mapping(
        rel, load_yaml(root, rel, log), SOURCE_FILE_KEYS, {SOURCE, claims.TABLE}, "source file", log
    )
    if doc is None:
        return None, [], []
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
        return None, [], []
    source = dict(source)
    sid = source[sources.source_id]
    if path.stem != sid:
        log.add(
            rel,
            None,
            f"{SOURCE}.{sources.source_id}",
            f"{sid!r} differs from the file name {path.stem!r}",
        )
        return None, [], []
    source[ORIGIN] = (rel, None, f"{SOURCE}.")
    text_rel = definition.text_path(sid)
    try:
        held = read_text(root, text_rel)
    except UnsafePath as exc:
        log.add(text_rel, None, None, f"{exc.reason}; it is not read")
        return None, [], []
    except UnicodeDecodeError as exc:
        log.add(text_rel, None, None, f"not UTF-8 at byte {exc.start}: {exc.reason}")
        return None, [], []
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
    claim_rows = []
    for n, item in check_items(
        rel,
        doc[claims.TABLE],
        (fields_of(definition, claims.TABLE) - computed) | {OCCURRENCE, CLAIM_DATE_RESOLVE},
        required_of(definition, claims.TABLE) - {claims.source_id},
        claims.TABLE,
        log,
    ):
        if not check_values(rel, n, item, claim_columns, limit, log):
            continue
        if not check_occurrence(rel, n, item, log):
            continue
        row: dict[str, Any] = {
            k: v for k, v in item.items() if k not in {OCCURRENCE, CLAIM_DATE_RESOLVE}
        }
        row[claims.source_id] = sid
        row[ORIGIN] = (rel, n, "")
        if CLAIM_DATE_RESOLVE in item:
            anchor = item[CLAIM_DATE_RESOLVE]
            if type(anchor) is not date:
                plain = getattr(item, "plain", {}).get(CLAIM_DATE_RESOLVE)
                log.add(rel, n, CLAIM_DATE_RESOLVE, not_a_date(anchor, plain))
                continue
            spec = {
                "expression": item.get(claims.date_expression),
                "anchor": item[CLAIM_DATE_RESOLVE],
            }
            resolved = resolve_dates(rel, n, spec, CLAIM_DATE_RESOLVE, log)
            if resolved is None:
                continue
            if resolved[0] != resolved[1]:
                log.add(rel, n, claims.date_expression, "does not resolve to a single day")
                continue
            row[claims.claim_date] = resolved[0]
        if claims.quote in item:
            found = span(n, item, claims.quote)
            if found is None:
                continue
            row[claims.char_start], row[claims.char_end] = found
        claim_rows.append(row)
    return source, furniture, claim_rows


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
    rows[events.TABLE], rows[event_actors.TABLE], rows[event_relations.TABLE] = assemble_events(
        root, definition, log
    )
    rows[sources.TABLE], rows[source_furniture.TABLE], rows[claims.TABLE] = [], [], []
    pattern = definition.path("curatedSource", source_id="*")
    for path in sorted(root.glob(pattern)):
        source, furniture, claim_rows = assemble_source(root, path, definition, log)
        if source is not None:
            rows[sources.TABLE].append(source)
        rows[source_furniture.TABLE] += furniture
        rows[claims.TABLE] += claim_rows
    check_unique(rows[claims.TABLE], claims.claim_id, None, claims.claim_id, log)
    for table, key, source_key in (
        (actors.TABLE, actors.actor_id, "curatedActors"),
        (places.TABLE, places.place_id, "curatedPlaces"),
        (events.TABLE, events.event_id, "curatedEvents"),
    ):
        check_unique(rows[table], key, definition.path(source_key), key, log)
    return rows
