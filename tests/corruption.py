"""Ways to break a copy of a package, one function each (the corruption corpus).

Each case edits files of a copy of the mini package (``conftest.mini``, a small synthetic
package) and returns the exact set of problems validation must report, as
``(code, file, row, field)``. Unless the case is about the descriptor or the recorded hashes,
the copy's datapackage.json hashes are refreshed after the edit, so that the checks are
judged on content, not only on a changed hash. ``frictionless`` says whether the reference
validator must call the copy invalid too (None: not compared, the case is ours alone).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fr_az_crisis.definition import project_definition
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

Expected = set[tuple[str, str, int | None, str | None]]
DEF = project_definition()
DESCRIPTOR = DEF.path("descriptor")


def path_of(table: str) -> str:
    return DEF.table_path(table)


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def line_of(package: Path, table: str, key: str) -> int:
    """The CSV line (header = 1) of the row whose first column is ``key``."""
    rows = read_rows(package / path_of(table))
    return next(i + 1 for i, r in enumerate(rows) if r[0] == key)


def set_cell(package: Path, table: str, key: str, column: str, value: str) -> int:
    """Set one cell of the row whose first column is ``key``; returns that row's CSV line."""
    path = package / path_of(table)
    rows = read_rows(path)
    col = rows[0].index(column)
    for i, row in enumerate(rows):
        if row[0] == key:
            row[col] = value
            write_rows(path, rows)
            return i + 1
    raise KeyError(key)


def get_cell(package: Path, table: str, key: str, column: str) -> str:
    rows = read_rows(package / path_of(table))
    col = rows[0].index(column)
    return next(r[col] for r in rows if r[0] == key)


def delete_row(package: Path, table: str, key: str) -> int:
    path = package / path_of(table)
    rows = read_rows(path)
    line = next(i for i, r in enumerate(rows) if r[0] == key)
    del rows[line]
    write_rows(path, rows)
    return line + 1


def append_row(package: Path, table: str, values: dict[str, str]) -> int:
    """Add a row (unnamed columns empty); returns its CSV line."""
    path = package / path_of(table)
    rows = read_rows(path)
    rows.append([values.get(column, "") for column in rows[0]])
    write_rows(path, rows)
    return len(rows)


def set_cells(package: Path, table: str, key: str, values: dict[str, str]) -> int:
    """Set several cells of one row; returns its CSV line."""
    line = 0
    for column, value in values.items():
        line = set_cell(package, table, key, column, value)
    return line


def rehash(package: Path) -> None:
    path = package / DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        if not (package / res["path"]).is_file():
            continue
        data = (package / res["path"]).read_bytes()
        res["bytes"] = len(data)
        res["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def edit_descriptor(package: Path, change: Callable[[dict], None]) -> None:
    path = package / DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")


def text_of(source_id: str) -> str:
    return DEF.text_path(source_id)


@dataclass(frozen=True)
class Case:
    name: str
    apply: Callable[[Path], Expected]
    frictionless: bool | None = None
    refresh_hashes: bool = True
    kind: str = "corruption"
    """Which kind of attack or breakage it is (the attack corpus counts them by kind)."""


# Rows of the mini package (benchmarks/synthetic.py, 500 claims, seed 7) used below.
CLAIM = "claim_00000012"  # a direct quote in source_000000, not an event's only report
REPORT = "claim_00000010"  # the only event_report of event_0000001
EVENT = "event_0000003"
ACTOR = "actor_000005"
PLACE = "place_003"
TEXT_SOURCE, CITED = "source_000001", "source_citation_only"
CITED_CLAIM = "claim_citation_only"
DIRECT, PARAPHRASE, OWN_VOICE = "claim_00000012", "claim_00000013", "claim_00000002"
# claims 0, 3, 6, ... are direct quotes, 1, 4, 7, ... paraphrases, 2, 5, 8, ... source_voice;
# claims 200-399 are in source_000001, of another outlet (so another origin) than source_000000
C, S, E, A, P = (
    path_of(claims.TABLE),
    path_of(sources.TABLE),
    path_of(events.TABLE),
    path_of(actors.TABLE),
    path_of(places.TABLE),
)
F, EA, CR = (
    path_of(source_furniture.TABLE),
    path_of(event_actors.TABLE),
    path_of(claim_relations.TABLE),
)
ER, DR = path_of(event_relations.TABLE), path_of(date_readings.TABLE)


def cell_case(
    table: str, key: str, column: str, value: str, code: str, frictionless: bool | None
) -> Case:
    def apply(p: Path) -> Expected:
        return {(code, path_of(table), set_cell(p, table, key, column, value), column)}

    return Case(f"{code}: {table}.{column} = {value!r}", apply, frictionless)


def _unavailable(table: str) -> Expected:
    """A table that cannot be read is reported once by every check that needs it."""
    return {("table-unavailable", path_of(table), None, None)}


# --- cells -----------------------------------------------------------------------------
CELL_CASES = [
    cell_case(sources.TABLE, TEXT_SOURCE, sources.char_count, "many", "type", True),
    cell_case(events.TABLE, EVENT, events.event_type, "invasion", "enum", True),
    cell_case(actors.TABLE, ACTOR, actors.wikidata_id, "X142", "pattern", True),
    cell_case(events.TABLE, EVENT, events.title, "", "required", True),
    cell_case(places.TABLE, PLACE, places.latitude, "-91", "minimum", True),
    cell_case(places.TABLE, PLACE, places.longitude, "181", "maximum", True),
    cell_case(claims.TABLE, CLAIM, claims.claimant_actor_id, "nobody", "foreign-key", True),
    cell_case(
        actors.TABLE, ACTOR, actors.name, unicodedata.normalize("NFD", "Précision"), "nfc", False
    ),
    cell_case(actors.TABLE, ACTOR, actors.description, "The actor\x07.", "control", False),
    cell_case(actors.TABLE, ACTOR, actors.description, " The actor.", "padding", False),
    cell_case(actors.TABLE, ACTOR, actors.description, '=HYPERLINK("x")', "formula", False),
    cell_case(events.TABLE, EVENT, events.title, "Talks on Artsakh", "own-voice", False),
    cell_case(sources.TABLE, TEXT_SOURCE, sources.sha256, "", "archived-field", False),
    cell_case(sources.TABLE, TEXT_SOURCE, sources.char_count, "1", "text-length", False),
    cell_case(sources.TABLE, CITED, sources.url, "", "citation-url", False),
    cell_case(claims.TABLE, CITED_CLAIM, claims.quote, "words", "citation-only", False),
    cell_case(claims.TABLE, CLAIM, claims.quote, "", "quote-missing", False),
    cell_case(
        claims.TABLE, PARAPHRASE, claims.date_expression, "on Tuesday", "date-expression", None
    ),
    cell_case(events.TABLE, EVENT, events.anchor_date, "2023-06-01", "date-anchor", None),
    cell_case(sources.TABLE, TEXT_SOURCE, sources.derivation, "republication", "derivation", None),
    cell_case(
        sources.TABLE,
        TEXT_SOURCE,
        sources.independence_group,
        "actor_000009",
        "independence-group",
        None,
    ),
    cell_case(
        claims.TABLE,
        OWN_VOICE,
        claims.claimant_actor_id,
        "actor_000005",
        "source-voice-claimant",
        None,
    ),
    cell_case(
        claims.TABLE, PARAPHRASE, claims.attribution, "direct_quote", "quote-attribution", None
    ),
    cell_case(claims.TABLE, PARAPHRASE, claims.is_translated, "true", "translation", None),
    cell_case(
        claims.TABLE,
        PARAPHRASE,
        claims.summary,
        'Said "nothing of the sort".',
        "summary-quote",
        None,
    ),
]


def _not_a_url(p: Path) -> Expected:
    """Not an address at all: no scheme (format uri) and not http(s) (web_address pattern)."""
    row = set_cell(p, sources.TABLE, CITED, sources.url, "not a url")
    return {("format", S, row, sources.url), ("pattern", S, row, sources.url)}


def _claim_after_source(p: Path) -> Expected:
    values = {claims.claim_date: "2024-06-01", claims.claim_date_basis: "inferred"}
    return {("claim-after-source", C, set_cells(p, claims.TABLE, CLAIM, values), claims.claim_date)}


def _claim_before_event(p: Path) -> Expected:
    """The report of event_0000001 (2 January 2023) said on 31 December 2022."""
    values = {claims.claim_date: "2022-12-31", claims.claim_date_basis: "inferred"}
    return {
        ("claim-before-event", C, set_cells(p, claims.TABLE, REPORT, values), claims.claim_date)
    }


def _source_voice_dated(p: Path) -> Expected:
    values = {claims.claim_date: "2023-06-01", claims.claim_date_basis: "inferred"}
    return {("claim-date", C, set_cells(p, claims.TABLE, OWN_VOICE, values), claims.claim_date)}


def _plant_words(p: Path, claim_id: str, words: str) -> None:
    """Write ``words`` at the end of a claim's sentence, in its text and its quote, at the same
    length (no offset moves), and record the text's new hash."""
    quote = get_cell(p, claims.TABLE, claim_id, claims.quote)
    changed = quote[: len(quote) - len(words) - 2] + " " + words + "."
    source = get_cell(p, claims.TABLE, claim_id, claims.source_id)
    path = p / text_of(source)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(quote, changed, 1), encoding="utf-8", newline="")
    set_cell(p, claims.TABLE, claim_id, claims.quote, changed)
    set_cell(
        p, sources.TABLE, source, sources.sha256, hashlib.sha256(path.read_bytes()).hexdigest()
    )


def _date_resolution(p: Path) -> Expected:
    """'on Monday' read against the source's publication (Monday 1 January 2024) is that day,
    not the 30 December recorded."""
    _plant_words(p, PARAPHRASE, "on Monday")
    values = {
        claims.date_expression: "on Monday",
        claims.claim_date_basis: "stated",
        claims.claim_date: "2023-12-30",
    }
    line = set_cells(p, claims.TABLE, PARAPHRASE, values)
    return {("date-resolution", C, line, claims.claim_date)}


def _lone_reading(p: Path) -> Expected:
    """One reading of a claim that has no date_expression: the ambiguity is not recorded whole."""
    values = {
        date_readings.claim_id: PARAPHRASE,
        date_readings.reading_no: "1",
        date_readings.reading: "The only reading.",
        date_readings.anchor_date: "2023-06-01",
        date_readings.date_start: "2023-06-01",
        date_readings.date_end: "2023-06-01",
        date_readings.is_adopted: "false",
    }
    return {
        ("date-reading", DR, append_row(p, date_readings.TABLE, values), date_readings.claim_id)
    }


def _derivation_loop(p: Path) -> Expected:
    rows = set()
    for source, origin in (("source_000001", "source_000002"), ("source_000002", "source_000001")):
        values = {
            sources.derived_from_source_id: origin,
            sources.derivation: "rewrite",
            sources.derivation_basis: "textual",
            sources.derivation_evidence: "Synthetic.",
        }
        line = set_cells(p, sources.TABLE, source, values)
        rows.add(("derivation-cycle", S, line, sources.derived_from_source_id))
    return rows


def _relation(a: str, b: str, kind: str) -> dict[str, str]:
    return {
        claim_relations.claim_id: a,
        claim_relations.related_claim_id: b,
        claim_relations.relation: kind,
        claim_relations.note: "Planted.",
    }


def _corroboration_within_origin(p: Path) -> Expected:
    line = append_row(
        p, claim_relations.TABLE, _relation("claim_00000020", "claim_00000030", "corroborates")
    )
    return {("corroboration-dependent", CR, line, claim_relations.relation)}


def _repeat_across_origins(p: Path) -> Expected:
    line = set_cell(p, claim_relations.TABLE, "claim_00000005", claim_relations.relation, "repeats")
    return {("repeat-independent", CR, line, claim_relations.relation)}


def _conflict_across_sources(p: Path) -> Expected:
    line = set_cell(
        p, claim_relations.TABLE, "claim_00000055", claim_relations.relation, "chronology_conflict"
    )
    return {("relation-source", CR, line, claim_relations.relation)}


def _symmetric_twice(p: Path) -> Expected:
    line = append_row(
        p, claim_relations.TABLE, _relation("claim_00000205", "claim_00000005", "corroborates")
    )
    return {("symmetric-duplicate", CR, line, claim_relations.claim_id)}


def _symmetric_reversed(p: Path) -> Expected:
    line = append_row(
        p, claim_relations.TABLE, _relation("claim_00000300", "claim_00000100", "corroborates")
    )
    return {("symmetric-order", CR, line, claim_relations.claim_id)}


def _contradiction_without_subject(p: Path) -> Expected:
    """Claims of event_0000002 and event_0000022, and no shared_subject."""
    line = append_row(
        p, claim_relations.TABLE, _relation("claim_00000020", "claim_00000220", "contradicts")
    )
    return {("relation-subject", CR, line, claim_relations.shared_subject)}


def _event_relation(a: str, b: str, kind: str) -> dict[str, str]:
    return {
        event_relations.event_id: a,
        event_relations.related_event_id: b,
        event_relations.relation: kind,
    }


def _response_to_later_event(p: Path) -> Expected:
    """event_0000001 (2 January 2023) answers event_0000005 (6 January)."""
    line = append_row(
        p, event_relations.TABLE, _event_relation("event_0000001", "event_0000005", "responds_to")
    )
    return {("relation-later", ER, line, event_relations.related_event_id)}


def _event_cycle(p: Path) -> Expected:
    first = append_row(
        p, event_relations.TABLE, _event_relation("event_0000010", "event_0000009", "follows_from")
    )
    second = append_row(
        p, event_relations.TABLE, _event_relation("event_0000009", "event_0000010", "part_of")
    )
    return {
        ("relation-cycle", ER, first, event_relations.related_event_id),
        ("relation-cycle", ER, second, event_relations.related_event_id),
    }


def _undated_reference(p: Path) -> Expected:
    """An external date that names no claim it comes from."""
    line = set_cell(p, events.TABLE, EVENT, events.date_basis, "external_reference")
    return {("dated-by", E, line, events.dated_by_claim_id)}


def _quoted_words_without_speaker(p: Path) -> Expected:
    """A direct quote retyped as paraphrase: its words in quotation marks have no speaker."""
    set_cell(p, claims.TABLE, DIRECT, claims.attribution, "paraphrase")
    return {("quote-unattributed", text_of("source_000000"), None, None)}


def _duplicate_key(p: Path) -> Expected:
    path = p / A
    rows = read_rows(path)
    rows.insert(2, rows[1])
    write_rows(path, rows)
    return {("primary-key", A, 3, actors.actor_id)}


def _quote_character(p: Path) -> Expected:
    quote = get_cell(p, claims.TABLE, CLAIM, claims.quote)
    changed = quote[:5] + ("X" if quote[5] != "X" else "Y") + quote[6:]
    return {
        ("quote-mismatch", C, set_cell(p, claims.TABLE, CLAIM, claims.quote, changed), claims.quote)
    }


def _offsets_outside(p: Path) -> Expected:
    set_cell(p, claims.TABLE, CLAIM, claims.char_start, "5000000")
    row = set_cell(p, claims.TABLE, CLAIM, claims.char_end, "5000010")
    # the claim's sentence is no longer inside any span, and its quoted words lose their
    # speaker: coverage and attribution say so too
    return {
        ("offsets", C, row, claims.char_end),
        ("uncovered-sentence", text_of("source_000000"), None, None),
        ("quote-unattributed", text_of("source_000000"), None, None),
    }


def _edit_text(p: Path) -> Expected:
    path = p / text_of(TEXT_SOURCE)
    path.write_bytes(path.read_bytes().replace(b"top of page", b"top of pagE", 1))
    return {
        ("text-hash", S, line_of(p, sources.TABLE, TEXT_SOURCE), sources.sha256),
        ("quote-mismatch", F, 3, source_furniture.text),  # the page head is furniture
    }


def _delete_text(p: Path) -> Expected:
    (p / text_of(TEXT_SOURCE)).unlink()
    return {("text-missing", S, line_of(p, sources.TABLE, TEXT_SOURCE), sources.is_archived)}


def _text_not_utf8(p: Path) -> Expected:
    path = p / text_of(TEXT_SOURCE)
    path.write_bytes(b"\xff" + path.read_bytes()[1:])
    row = line_of(p, sources.TABLE, TEXT_SOURCE)
    return {
        ("text-hash", S, row, sources.sha256),
        ("text-encoding", text_of(TEXT_SOURCE), None, None),
    }


def _inverted_dates(p: Path) -> Expected:
    row = set_cell(p, events.TABLE, EVENT, events.date_end, "2022-12-01")
    # one fault: the precision of an inverted window is not judged on top
    return {("date-order", E, row, events.date_end)}


def _wrong_precision(p: Path) -> Expected:
    start = get_cell(p, events.TABLE, EVENT, events.date_start)
    later = f"{int(start[:4]) + 1}{start[4:]}"
    row = set_cell(p, events.TABLE, EVENT, events.date_end, later)
    return {("date-precision", E, row, events.date_precision)}


def _event_after_report(p: Path) -> Expected:
    set_cell(p, events.TABLE, "event_0000001", events.date_start, "2024-06-01")
    set_cell(p, events.TABLE, "event_0000001", events.date_end, "2024-06-01")
    return {("reported-before-event", C, line_of(p, claims.TABLE, REPORT), claims.event_id)}


def _unsource_event(p: Path) -> Expected:
    set_cell(p, claims.TABLE, REPORT, claims.claim_type, claims.ClaimType.BACKGROUND)
    return {("unsourced-event", E, line_of(p, events.TABLE, "event_0000001"), events.event_id)}


def _unused_source(p: Path) -> Expected:
    delete_row(p, claims.TABLE, CITED_CLAIM)
    return {("unused-source", S, line_of(p, sources.TABLE, CITED), sources.source_id)}


def _unused_actor(p: Path) -> Expected:
    path = p / A
    rows = read_rows(path)
    extra = [""] * len(rows[0])
    extra[0], extra[rows[0].index(actors.name)] = "actor_999999", "Nobody"
    extra[rows[0].index(actors.kind)] = actors.Kind.PERSON
    extra[rows[0].index(actors.description)] = "An actor no row refers to."
    write_rows(path, [*rows, extra])
    return {("unused-row", A, len(rows) + 1, actors.actor_id)}


def _self_relation(p: Path) -> Expected:
    path = p / CR
    rows = read_rows(path)
    rows[1][rows[0].index(claim_relations.related_claim_id)] = rows[1][0]
    write_rows(path, rows)
    return {("self-relation", CR, 2, claim_relations.related_claim_id)}


def _uncovered(p: Path) -> Expected:
    delete_row(p, claims.TABLE, "claim_00000007")  # a paraphrase no relation refers to
    return {("uncovered-sentence", text_of("source_000000"), None, None)}


# --- files -----------------------------------------------------------------------------
def _bom(p: Path) -> Expected:
    (p / P).write_bytes(b"\xef\xbb\xbf" + (p / P).read_bytes())
    return {("byte-order-mark", P, 1, None)} | _unavailable(places.TABLE)


def _crlf(p: Path) -> Expected:
    (p / P).write_bytes((p / P).read_bytes().replace(b"\n", b"\r\n"))
    return {("line-ends", P, 1, None)}


def _not_utf8(p: Path) -> Expected:
    data = (p / P).read_bytes()
    cut = data.index(b"\n", data.index(b"\n") + 1) + 1  # the start of line 3
    (p / P).write_bytes(data[:cut] + b"\xff" + data[cut:])
    return {("encoding", P, 3, None)} | _unavailable(places.TABLE)


def _truncate(p: Path) -> Expected:
    data = (p / EA).read_bytes()
    cut = data[: data.rindex(b",")]  # the last row loses its last field and the newline
    (p / EA).write_bytes(cut)
    line = cut.count(b"\n") + 1
    return {("truncated", EA, line, None), ("parse", EA, line, None)}


def _drop_column(p: Path) -> Expected:
    write_rows(p / P, [r[:-1] for r in read_rows(p / P)])
    return {("header-missing", P, 1, places.wikidata_id)} | _unavailable(places.TABLE)


def _add_column(p: Path) -> Expected:
    rows = read_rows(p / P)
    write_rows(p / P, [[*rows[0], "population"], *([*r, "1"] for r in rows[1:])])
    return {("header-unknown", P, 1, "population")} | _unavailable(places.TABLE)


def _swap_columns(p: Path) -> Expected:
    write_rows(p / P, [[r[1], r[0], *r[2:]] for r in read_rows(p / P)])
    return {("header-order", P, 1, None)}


def _extra_field(p: Path) -> Expected:
    rows = read_rows(p / P)
    rows[3].append("surplus")
    write_rows(p / P, rows)
    return {("parse", P, 4, None)} | _unavailable(places.TABLE)


def _delete_table(p: Path) -> Expected:
    (p / P).unlink()
    return {("file-missing", P, None, None)} | _unavailable(places.TABLE)


# --- the descriptor ----------------------------------------------------------------------
def _drop_resource(p: Path) -> Expected:
    """No other table refers to claim_relations, so frictionless, judging by the descriptor,
    just checks one table fewer and calls the copy valid."""
    kept = claim_relations.TABLE
    edit_descriptor(
        p, lambda d: d.update(resources=[r for r in d["resources"] if r["name"] != kept])
    )
    return {("resource-missing", DESCRIPTOR, None, kept)}


def _drop_hash(p: Path) -> Expected:
    edit_descriptor(
        p, lambda d: next(r for r in d["resources"] if r["name"] == places.TABLE).pop("hash")
    )
    return {("resource-property", DESCRIPTOR, None, f"{places.TABLE}.hash")}


def _repoint_resource(p: Path) -> Expected:
    edit_descriptor(
        p, lambda d: next(r for r in d["resources"] if r["name"] == places.TABLE).update(path=A)
    )
    return {("resource-property", DESCRIPTOR, None, f"{places.TABLE}.path")}


def _extra_resource(p: Path) -> Expected:
    extra = {"name": "extra", "type": "table", "path": P, "schema": DEF.schema_path(places.TABLE)}
    edit_descriptor(p, lambda d: d["resources"].append(extra))
    return {("resource-unexpected", DESCRIPTOR, None, "extra")}


def _edit_without_rebuild(p: Path) -> Expected:
    set_cell(p, actors.TABLE, ACTOR, actors.description, "Edited by hand.")
    return {("resource-bytes", A, None, None), ("resource-hash", A, None, None)}


def _edit_schema(p: Path) -> Expected:
    path = p / DEF.schema_path(places.TABLE)
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["fields"][3]["constraints"].pop("minimum")
    path.write_text(json.dumps(schema), encoding="utf-8")
    return {("schema-mismatch", DEF.schema_path(places.TABLE), None, None)}


def _truncate_descriptor(p: Path) -> Expected:
    path = p / DESCRIPTOR
    path.write_bytes(path.read_bytes()[:200])
    return {("descriptor-unreadable", DESCRIPTOR, None, None)}


CASES: list[Case] = [
    *CELL_CASES,
    Case("format: a url that is no address", _not_a_url, True),
    Case("claim-after-source: a claim dated after its source", _claim_after_source, False),
    Case("claim-before-event: a report dated before its event", _claim_before_event, None),
    Case("claim-date: a source_voice claim with a claim_date", _source_voice_dated, None),
    Case("date-resolution: an expression that gives another day", _date_resolution, None),
    Case("date-reading: a single reading of a claim with no expression", _lone_reading, None),
    Case("derivation-cycle: two sources deriving from each other", _derivation_loop, None),
    Case(
        "corroboration-dependent: corroboration within one source",
        _corroboration_within_origin,
        None,
    ),
    Case("repeat-independent: a repetition across origins", _repeat_across_origins, None),
    Case("relation-source: a chronology conflict across sources", _conflict_across_sources, None),
    Case("symmetric-duplicate: a corroboration stored both ways", _symmetric_twice, None),
    Case("symmetric-order: a corroboration out of sort order", _symmetric_reversed, None),
    Case(
        "relation-subject: a contradiction of two events, no subject",
        _contradiction_without_subject,
        None,
    ),
    Case("relation-later: a response to a later event", _response_to_later_event, None),
    Case("relation-cycle: two events inside each other", _event_cycle, None),
    Case(
        "quote-unattributed: quoted words without a direct quote",
        _quoted_words_without_speaker,
        None,
    ),
    Case("dated-by: an external date naming no claim", _undated_reference, None),
    Case("primary-key: a repeated actor row", _duplicate_key, True),
    Case("quote-mismatch: one character of a quote changed", _quote_character, False),
    Case("offsets: a span past the end of its text", _offsets_outside, False),
    Case("text-hash: an archived text edited", _edit_text, False),
    Case("text-missing: an archived text deleted", _delete_text, False),
    Case("text-encoding: an archived text not UTF-8", _text_not_utf8, False),
    Case("date-order: an event ending before it starts", _inverted_dates, False),
    Case("date-precision: a year-long event said to be one day", _wrong_precision, False),
    Case("reported-before-event: an event after its report", _event_after_report, False),
    Case("unsourced-event: an event's only report retyped", _unsource_event, False),
    Case("unused-source: a source's only claim removed", _unused_source, False),
    Case("unused-row: an actor nothing refers to", _unused_actor, False),
    Case("self-relation: a claim related to itself", _self_relation, False),
    Case("uncovered-sentence: a claim removed from a text", _uncovered, False),
    Case("byte-order-mark", _bom, None),
    Case("line-ends: CRLF", _crlf, None),
    Case("encoding: a table not UTF-8", _not_utf8, True),
    Case("truncated: a table cut short", _truncate, None),
    Case("header-missing: a column dropped", _drop_column, True),
    Case("header-unknown: a column added", _add_column, True),
    Case("header-order: two columns swapped", _swap_columns, True),
    Case("parse: a row with a field too many", _extra_field, True),
    Case("file-missing: a table deleted", _delete_table, True),
    Case("resource-missing: a table dropped from the descriptor", _drop_resource, False, False),
    Case("resource-property: a resource's hash removed", _drop_hash, False, False),
    Case("resource-property: a resource pointing at another file", _repoint_resource, None, False),
    Case("resource-unexpected: an extra resource", _extra_resource, None, False),
    Case("resource-hash: a table edited without a rebuild", _edit_without_rebuild, True, False),
    Case("schema-mismatch: a constraint removed from a schema", _edit_schema, None),
    Case("descriptor-unreadable: datapackage.json cut short", _truncate_descriptor, None, False),
]
