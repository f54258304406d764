"""The attack corpus: hostile packages, one function each, by kind of attack.

Like ``corruption.py`` (whose ``Case`` and helpers it uses), each case edits a copy of the
mini package and returns the exact set of ``(code, file, row, field)`` validation must
report; ``test_attacks.py`` runs them with the corruption corpus's assertions (exact set,
files unchanged, frictionless' verdict where given) and more: nothing of a file outside the
package may appear in any report, and frictionless is never handed a descriptor that names
files outside it. ``frictionless=False`` records where the reference validator accepts what
the project refuses (non-canonical numbers, markup in metadata, ...).

A file outside the package holds ``SECRET``: a case that points the package at it passes only
if no report shows that word.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from corruption import (
    ACTOR,
    CITED,
    CLAIM,
    DESCRIPTOR,
    EVENT,
    PLACE,
    TEXT_SOURCE,
    A,
    C,
    Case,
    E,
    Expected,
    F,
    P,
    S,
    edit_descriptor,
    get_cell,
    line_of,
    path_of,
    read_rows,
    set_cell,
    text_of,
)

from fr_az_crisis.definition import project_definition
from fr_az_crisis.schema_names import (
    actors,
    claim_relations,
    claims,
    events,
    places,
    source_furniture,
    sources,
)

DEF = project_definition()
SECRET = "SECRET"
PLACES_SCHEMA = DEF.schema_path(places.TABLE)
TEXTS = "data/sources"
JOURNAL = ".publishing/journal.json"

INJECTION = "stored script injection"
OUTSIDE = "reading outside the package"
DESCRIPTOR_DECIDES = "the descriptor decides what gets checked"
NON_CANONICAL = "non-canonical values"
DISGUISE = "look-alike and invisible characters"
PUBLISHING = "half-published package"


def secret(package: Path, name: str = "secret.csv") -> Path:
    """A file outside the package, with a first line a careless reader would print."""
    path = package.parent / "outside" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"{SECRET},line\n{SECRET},row\n", encoding="utf-8")
    return path


def unavailable(table: str) -> Expected:
    return {("table-unavailable", path_of(table), None, None)}


def resource(d: dict, name: str) -> dict:
    return next(r for r in d["resources"] if r["name"] == name)


def descriptor_case(name: str, change, expected: Expected, kind: str, frictionless=None) -> Case:
    def apply(p: Path) -> Expected:
        edit_descriptor(p, change)
        return expected

    return Case(name, apply, frictionless, refresh_hashes=False, kind=kind)


def cell(table: str, key: str, column: str, value: str, codes: tuple[str, ...]):
    def apply(p: Path) -> Expected:
        row = set_cell(p, table, key, column, value)
        return {(code, path_of(table), row, column) for code in codes}

    return apply


# --- stored script injection ------------------------------------------------------------------
def _orphan_text(p: Path) -> Expected:
    (p / TEXTS / "evil.txt").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    return {("text-unexpected", f"{TEXTS}/evil.txt", None, None)}


def _text_for_a_cited_source(p: Path) -> Expected:
    (p / text_of(CITED)).write_text("Nobody hashed this.\n", encoding="utf-8")
    return {("text-unexpected", text_of(CITED), None, None)}


def _folder_among_texts(p: Path) -> Expected:
    (p / TEXTS / "sub").mkdir()
    return {("text-unexpected", f"{TEXTS}/sub", None, None)}


INJECTION_CASES = [
    descriptor_case(
        "markup: an img onerror in the package description",
        lambda d: d.update(description='<img src=x onerror="alert(1)">'),
        {("markup", DESCRIPTOR, None, "description")},
        INJECTION,
        False,
    ),
    descriptor_case(
        "markup: a script in a licence title",
        lambda d: d["licenses"][0].update(title="CC0 <script>alert(1)</script>"),
        {
            ("markup", DESCRIPTOR, None, "licenses[1].title"),
            ("descriptor-property", DESCRIPTOR, None, "licenses"),
        },
        INJECTION,
        False,
    ),
    descriptor_case(
        "unsafe-link: a javascript: homepage",
        lambda d: d.update(homepage="javascript:alert(document.cookie)"),
        {("unsafe-link", DESCRIPTOR, None, "homepage")},
        INJECTION,
        False,
    ),
    descriptor_case(
        "unsafe-link: a javascript: licence path",
        lambda d: d["licenses"][0].update(path="javascript:alert(1)"),
        {
            ("unsafe-link", DESCRIPTOR, None, "licenses[1].path"),
            ("descriptor-property", DESCRIPTOR, None, "licenses"),
        },
        INJECTION,
        False,
    ),
    descriptor_case(
        "unsafe-link: a data: contributor path with a script",
        lambda d: d["contributors"][0].update(path="data:text/html,<script>alert(1)</script>"),
        {
            ("unsafe-link", DESCRIPTOR, None, "contributors[1].path"),
            ("markup", DESCRIPTOR, None, "contributors[1].path"),
        },
        INJECTION,
        False,
    ),
    descriptor_case(
        "unsafe-link: a source path out of the package",
        lambda d: d.update(sources=[{"title": "x", "path": "../../etc/"}]),
        {("unsafe-link", DESCRIPTOR, None, "sources[1].path")},
        INJECTION,
        False,
    ),
    descriptor_case(
        "invisible: a right-to-left override in the package title",
        lambda d: d.update(title="Synthetic \u202epackage"),
        {("invisible", DESCRIPTOR, None, "title")},
        INJECTION,
        False,
    ),
    descriptor_case(
        "descriptor-property: keywords as one string",
        lambda d: d.update(keywords="a, b"),
        {("descriptor-property", DESCRIPTOR, None, "keywords")},
        INJECTION,
        True,
    ),
    descriptor_case(
        "descriptor-property: a description as a list",
        lambda d: d.update(description=["<b>a</b>", "b"]),
        {("descriptor-property", DESCRIPTOR, None, "description")},
        INJECTION,
        True,
    ),
    Case(
        "pattern: a javascript: source url",
        cell(sources.TABLE, CITED, sources.url, "javascript:alert(1)", ("pattern",)),
        True,
        kind=INJECTION,
    ),
    Case(
        "pattern: a data: source url",
        cell(sources.TABLE, CITED, sources.url, "data:text/html;base64,PHNjcmlwdD4=", ("pattern",)),
        True,
        kind=INJECTION,
    ),
    Case(
        "pattern: a source url that breaks out of an attribute",
        cell(
            sources.TABLE,
            CITED,
            sources.url,
            'https://example.org/"onmouseover="alert(1)',
            ("pattern",),
        ),
        True,
        kind=INJECTION,
    ),
    Case("text-unexpected: a text no row names", _orphan_text, False, kind=INJECTION),
    Case(
        "text-unexpected: a text for a citation-only source",
        _text_for_a_cited_source,
        False,
        kind=INJECTION,
    ),
    Case("text-unexpected: a folder among the texts", _folder_among_texts, False, kind=INJECTION),
]


# --- reading outside the package ----------------------------------------------------------------
def _table_symlink(p: Path) -> Expected:
    (p / P).unlink()
    (p / P).symlink_to(secret(p))
    return {("path-outside", P, None, None)} | unavailable(places.TABLE)


def _relative_table_symlink(p: Path) -> Expected:
    secret(p)
    (p / P).unlink()
    (p / P).symlink_to(Path("..") / ".." / "outside" / "secret.csv")
    return {("path-outside", P, None, None)} | unavailable(places.TABLE)


def _schema_symlink(p: Path) -> Expected:
    (p / PLACES_SCHEMA).unlink()
    (p / PLACES_SCHEMA).symlink_to(secret(p, "schema.json"))
    return {("path-outside", PLACES_SCHEMA, None, None)}


def _text_symlink(p: Path) -> Expected:
    (p / text_of(TEXT_SOURCE)).unlink()
    (p / text_of(TEXT_SOURCE)).symlink_to(secret(p, "secret.txt"))
    return {("path-outside", text_of(TEXT_SOURCE), None, None)}


def _descriptor_symlink(p: Path) -> Expected:
    outside = secret(p, "datapackage.json")
    shutil.copy(p / DESCRIPTOR, outside)
    (p / DESCRIPTOR).unlink()
    (p / DESCRIPTOR).symlink_to(outside)
    return {("path-outside", DESCRIPTOR, None, None)}


def _texts_folder_symlink(p: Path) -> Expected:
    outside = p.parent / "outside" / "texts"
    shutil.move(p / TEXTS, outside)
    (p / TEXTS).symlink_to(outside)
    texts = sorted(f.stem for f in outside.glob("*.txt"))
    return {("path-outside", TEXTS, None, None)} | {
        ("path-outside", text_of(sid), None, None) for sid in texts
    }


def _symlink_loop(p: Path) -> Expected:
    (p / P).unlink()
    (p / P).symlink_to(p / P)
    return {("path-outside", P, None, None)} | unavailable(places.TABLE)


def _fifo(p: Path) -> Expected:
    (p / P).unlink()
    os.mkfifo(p / P)  # a reader that opens it blocks for ever
    return {("not-a-file", P, None, None)} | unavailable(places.TABLE)


def _folder_for_a_table(p: Path) -> Expected:
    (p / P).unlink()
    (p / P).mkdir()
    return {("not-a-file", P, None, None)} | unavailable(places.TABLE)


def _folder_for_a_text(p: Path) -> Expected:
    (p / text_of(TEXT_SOURCE)).unlink()
    (p / text_of(TEXT_SOURCE)).mkdir()
    return {("not-a-file", text_of(TEXT_SOURCE), None, None)}


OUTSIDE_CASES = [
    Case("path-outside: a table symlinked out", _table_symlink, None, False, OUTSIDE),
    Case(
        "path-outside: a table symlinked out by ../..",
        _relative_table_symlink,
        None,
        False,
        OUTSIDE,
    ),
    Case("path-outside: a schema symlinked out", _schema_symlink, None, False, OUTSIDE),
    Case("path-outside: an archived text symlinked out", _text_symlink, None, False, OUTSIDE),
    Case("path-outside: datapackage.json symlinked out", _descriptor_symlink, None, False, OUTSIDE),
    Case(
        "path-outside: the texts folder symlinked out", _texts_folder_symlink, None, False, OUTSIDE
    ),
    Case("path-outside: a symlink loop", _symlink_loop, None, False, OUTSIDE),
    Case("not-a-file: a FIFO for a table", _fifo, None, False, OUTSIDE),
    Case("not-a-file: a folder for a table", _folder_for_a_table, None, False, OUTSIDE),
    Case("not-a-file: a folder for a text", _folder_for_a_text, None, False, OUTSIDE),
    descriptor_case(
        "resource-property: an absolute resource path",
        lambda d: resource(d, places.TABLE).update(path="/etc/passwd"),
        {("resource-property", DESCRIPTOR, None, f"{places.TABLE}.path")},
        OUTSIDE,
    ),
    descriptor_case(
        "resource-property: a resource path out by ..",
        lambda d: resource(d, places.TABLE).update(path="../outside/secret.csv"),
        {("resource-property", DESCRIPTOR, None, f"{places.TABLE}.path")},
        OUTSIDE,
    ),
    descriptor_case(
        "resource-property: a remote schema",
        lambda d: resource(d, places.TABLE).update(schema="https://example.invalid/s.json"),
        {("resource-property", DESCRIPTOR, None, f"{places.TABLE}.schema")},
        OUTSIDE,
    ),
    descriptor_case(
        "resource-property: a dialect file out of the package",
        lambda d: resource(d, places.TABLE).update(dialect="../outside/dialect.json"),
        {("resource-property", DESCRIPTOR, None, f"{places.TABLE}.dialect")},
        OUTSIDE,
    ),
    descriptor_case(
        "descriptor-property: a remote profile",
        lambda d: d.update({"$schema": "https://example.invalid/profile.json"}),
        {("descriptor-property", DESCRIPTOR, None, "$schema")},
        OUTSIDE,
    ),
    descriptor_case(
        "resource-unexpected: a resource reading /etc/passwd",
        lambda d: d["resources"].append({"name": "secret", "path": "/etc/passwd"}),
        {("resource-unexpected", DESCRIPTOR, None, "secret")},
        OUTSIDE,
    ),
]


# --- the descriptor decides what gets checked ----------------------------------------------------
def _duplicate_resource(p: Path) -> Expected:
    def change(d: dict) -> None:
        fake = dict(resource(d, places.TABLE), hash="sha256:" + "0" * 64)
        d["resources"].insert(0, fake)  # the first entry of a name is the one that counts

    edit_descriptor(p, change)
    return {
        ("resource-unexpected", DESCRIPTOR, None, places.TABLE),
        ("resource-hash", P, None, None),
    }


def _unarchive(p: Path) -> Expected:
    """Calling an archived source citation-only would turn off the quote checks of its claims."""
    row = set_cell(p, sources.TABLE, TEXT_SOURCE, sources.is_archived, "false")
    expected = {
        ("citation-only", S, row, sources.sha256),
        ("citation-only", S, row, sources.char_count),
        ("citation-url", S, row, sources.url),
        ("text-unexpected", text_of(TEXT_SOURCE), None, None),
        # its text's resource is now one the sources table does not call for
        ("resource-unexpected", DESCRIPTOR, None, DEF.text_resource_name(TEXT_SOURCE)),
    }
    rows = read_rows(p / C)
    for line, r in enumerate(rows[1:], start=2):
        if r[rows[0].index(claims.source_id)] == TEXT_SOURCE:
            expected |= {
                ("citation-only", C, line, col)
                for col in (claims.quote, claims.char_start, claims.char_end)
            }
    rows = read_rows(p / F)
    for line, r in enumerate(rows[1:], start=2):
        if r[0] == TEXT_SOURCE:
            expected.add(("citation-only", F, line, source_furniture.source_id))
    return expected


def _empty_package_terms(p: Path) -> Expected:
    """The lint's terms are the project's: the package's own list changes nothing."""
    (p / DEF.path("contestedTerms")).write_text("terms: []\n", encoding="utf-8")
    row = set_cell(p, events.TABLE, EVENT, events.title, "Talks on Artsakh")
    return {("own-voice", E, row, events.title)}


def _relaxed_schema(p: Path) -> Expected:
    schema = p / DEF.schema_path(actors.TABLE)
    d = json.loads(schema.read_text(encoding="utf-8"))
    next(f for f in d["fields"] if f["name"] == actors.wikidata_id)["constraints"].pop("pattern")
    schema.write_text(json.dumps(d, indent=2), encoding="utf-8")
    row = set_cell(p, actors.TABLE, ACTOR, actors.wikidata_id, "X142")
    return {
        ("schema-mismatch", DEF.schema_path(actors.TABLE), None, None),
        ("pattern", A, row, actors.wikidata_id),
    }


def _dropped_and_broken(p: Path) -> Expected:
    """A table dropped from the descriptor is still read and checked."""
    rows = read_rows(p / path_of(claim_relations.TABLE))
    rows[1][rows[0].index(claim_relations.related_claim_id)] = rows[1][0]
    from corruption import write_rows

    write_rows(p / path_of(claim_relations.TABLE), rows)
    edit_descriptor(
        p,
        lambda d: d.update(
            resources=[r for r in d["resources"] if r["name"] != claim_relations.TABLE]
        ),
    )
    return {
        ("resource-missing", DESCRIPTOR, None, claim_relations.TABLE),
        ("self-relation", path_of(claim_relations.TABLE), 2, claim_relations.related_claim_id),
    }


def _descriptor_bytes(data: bytes) -> Case:
    def apply(p: Path) -> Expected:
        (p / DESCRIPTOR).write_bytes(data)
        return {("descriptor-unreadable", DESCRIPTOR, None, None)}

    return Case(f"descriptor-unreadable: {data[:12]!r}", apply, None, False, DESCRIPTOR_DECIDES)


def _repeated_key(p: Path) -> Expected:
    """Two descriptions: json keeps the last, other parsers the first."""
    text = (p / DESCRIPTOR).read_text(encoding="utf-8")
    text = text.replace('"description":', '"description": "<script>x</script>", "description":', 1)
    (p / DESCRIPTOR).write_text(text, encoding="utf-8")
    return {("descriptor-unreadable", DESCRIPTOR, None, None)}


def _schema_repeated_key(p: Path) -> Expected:
    path = p / PLACES_SCHEMA
    text = path.read_text(encoding="utf-8").replace('"title":', '"title": "x", "title":', 1)
    path.write_text(text, encoding="utf-8")
    return {("schema-mismatch", PLACES_SCHEMA, None, None)}


def _source_id_as_a_path(p: Path) -> Expected:
    """An archived row whose id is a path out of the package: no path is made of it."""
    (p.parent / "outside").mkdir(exist_ok=True)
    (p.parent / "outside" / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    bad = "../../../outside/secret"
    row = set_cell(p, sources.TABLE, CITED, sources.source_id, bad)
    set_cell(p, sources.TABLE, bad, sources.is_archived, "true")
    claim = line_of(p, claims.TABLE, "claim_citation_only")
    return {
        ("pattern", S, row, sources.source_id),
        ("foreign-key", C, claim, claims.source_id),
        ("unused-source", S, row, sources.source_id),
        ("archived-field", S, row, sources.sha256),
        ("archived-field", S, row, sources.char_count),
    }


TEXT0 = "source_000000"
TEXT0_RESOURCE = DEF.text_resource_name(TEXT0)
LICENCE_TEXT = DEF.license("publishers")["path"]


def _licence_text_deleted(p: Path) -> Expected:
    (p / LICENCE_TEXT).unlink()
    return {("file-missing", LICENCE_TEXT, None, None)}


def _set_dialect(name: str, **changes: object):
    def change(d: dict) -> None:
        r = resource(d, name)
        r["dialect"] = {**r["dialect"], **changes}

    return change


# The archived texts are resources, required as tables are; every resource carries the
# declared dialect (datapackage-js guesses a delimiter without one) and its licences.
RESOURCE_CASES = [
    descriptor_case(
        "resource-property: a table's dialect removed",
        lambda d: resource(d, claim_relations.TABLE).pop("dialect"),
        {("resource-property", DESCRIPTOR, None, f"{claim_relations.TABLE}.dialect")},
        DESCRIPTOR_DECIDES,
        False,
    ),
    descriptor_case(
        "resource-property: a dialect with another delimiter (frictionless is not run)",
        _set_dialect(claims.TABLE, delimiter=";"),
        {("resource-property", DESCRIPTOR, None, f"{claims.TABLE}.dialect")},
        DESCRIPTOR_DECIDES,
    ),
    descriptor_case(
        "resource-property: the publishers' licence dropped from a table of quotes",
        lambda d: resource(d, claims.TABLE)["licenses"].pop(),
        {("resource-property", DESCRIPTOR, None, f"{claims.TABLE}.licenses")},
        DESCRIPTOR_DECIDES,
        False,
    ),
    descriptor_case(
        "resource-missing: an archived text's resource dropped",
        lambda d: d["resources"].remove(resource(d, TEXT0_RESOURCE)),
        {("resource-missing", DESCRIPTOR, None, TEXT0_RESOURCE)},
        DESCRIPTOR_DECIDES,
        False,
    ),
    descriptor_case(
        "resource-property: a text under an open licence",
        lambda d: resource(d, TEXT0_RESOURCE).update(
            licenses=[
                {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}
            ]
        ),
        {("resource-property", DESCRIPTOR, None, f"{TEXT0_RESOURCE}.licenses")},
        DESCRIPTOR_DECIDES,
        False,
    ),
    descriptor_case(
        "resource-property: a text resource without media type and licence",
        lambda d: [resource(d, TEXT0_RESOURCE).pop(k) for k in ("mediatype", "licenses")],
        {
            ("resource-property", DESCRIPTOR, None, f"{TEXT0_RESOURCE}.mediatype"),
            ("resource-property", DESCRIPTOR, None, f"{TEXT0_RESOURCE}.licenses"),
        },
        DESCRIPTOR_DECIDES,
        False,
    ),
    descriptor_case(
        "resource-property: a text resource naming another file (frictionless is not run)",
        lambda d: resource(d, TEXT0_RESOURCE).update(path=text_of(TEXT_SOURCE)),
        {("resource-property", DESCRIPTOR, None, f"{TEXT0_RESOURCE}.path")},
        DESCRIPTOR_DECIDES,
    ),
    descriptor_case(
        "resource-property: a text resource given a schema (frictionless is not run)",
        lambda d: resource(d, TEXT0_RESOURCE).update(schema=DEF.schema_path(places.TABLE)),
        {("resource-property", DESCRIPTOR, None, f"{TEXT0_RESOURCE}.schema")},
        DESCRIPTOR_DECIDES,
    ),
    descriptor_case(
        "resource-hash: a text's recorded hash differs",
        lambda d: resource(d, TEXT0_RESOURCE).update(hash="sha256:" + "0" * 64),
        {("resource-hash", text_of(TEXT0), None, None)},
        DESCRIPTOR_DECIDES,
        True,
    ),
    descriptor_case(
        "resource-bytes: a text's recorded size differs",
        lambda d: resource(d, TEXT0_RESOURCE).update(
            bytes=resource(d, TEXT0_RESOURCE)["bytes"] + 1
        ),
        {("resource-bytes", text_of(TEXT0), None, None)},
        DESCRIPTOR_DECIDES,
        True,
    ),
    descriptor_case(
        "resource-unexpected: a text resource for a citation-only source",
        lambda d: d["resources"].append(
            {**resource(d, TEXT0_RESOURCE), "name": DEF.text_resource_name(CITED)}
        ),
        {("resource-unexpected", DESCRIPTOR, None, DEF.text_resource_name(CITED))},
        DESCRIPTOR_DECIDES,
    ),
    descriptor_case(
        "descriptor-property: created as a bare date",
        lambda d: d.update(created="2024-05-01"),
        {("descriptor-property", DESCRIPTOR, None, "created")},
        DESCRIPTOR_DECIDES,
        True,
    ),
    descriptor_case(
        "descriptor-property: the package licensed CC-BY as a whole",
        lambda d: d["licenses"].pop(),
        {("descriptor-property", DESCRIPTOR, None, "licenses")},
        DESCRIPTOR_DECIDES,
        False,
    ),
    Case(
        "file-missing: the licence text the licences point at",
        _licence_text_deleted,
        False,
        kind=DESCRIPTOR_DECIDES,
    ),
]

DESCRIPTOR_CASES = [
    *RESOURCE_CASES,
    Case(
        "descriptor-unreadable: a key given twice",
        _repeated_key,
        None,
        False,
        DESCRIPTOR_DECIDES,
    ),
    Case(
        "schema-mismatch: a schema file with a key given twice",
        _schema_repeated_key,
        None,
        kind=DESCRIPTOR_DECIDES,
    ),
    Case("pattern: a source id that is a path", _source_id_as_a_path, None, kind=OUTSIDE),
    descriptor_case(
        "resource-property: a resource's byte count removed",
        lambda d: resource(d, places.TABLE).pop("bytes"),
        {("resource-property", DESCRIPTOR, None, f"{places.TABLE}.bytes")},
        DESCRIPTOR_DECIDES,
        False,
    ),
    descriptor_case(
        "resource-property: a resource's hash and bytes removed",
        lambda d: [resource(d, places.TABLE).pop(k) for k in ("bytes", "hash")],
        {
            ("resource-property", DESCRIPTOR, None, f"{places.TABLE}.bytes"),
            ("resource-property", DESCRIPTOR, None, f"{places.TABLE}.hash"),
        },
        DESCRIPTOR_DECIDES,
        False,
    ),
    Case(
        "resource-unexpected: a table listed twice, the first entry false",
        _duplicate_resource,
        True,
        False,
        DESCRIPTOR_DECIDES,
    ),
    descriptor_case(
        "descriptor-property: a resource that is not a mapping",
        lambda d: d["resources"].insert(len(DEF.tables), "data/places.csv"),
        {("descriptor-property", DESCRIPTOR, None, f"resources[{len(DEF.tables) + 1}]")},
        DESCRIPTOR_DECIDES,
    ),
    descriptor_case(
        "descriptor-unreadable: resources not a list",
        lambda d: d.update(resources={}),
        {("descriptor-unreadable", DESCRIPTOR, None, "resources")},
        DESCRIPTOR_DECIDES,
    ),
    descriptor_case(
        "descriptor-property: a licence dropped",
        lambda d: d.pop("licenses"),
        {("descriptor-property", DESCRIPTOR, None, "licenses")},
        DESCRIPTOR_DECIDES,
        False,
    ),
    descriptor_case(
        "descriptor-property: a property the build never writes",
        lambda d: d.update({"x-notes": "anything"}),
        {("descriptor-property", DESCRIPTOR, None, "x-notes")},
        DESCRIPTOR_DECIDES,
        False,
    ),
    _descriptor_bytes(b"[]\n"),
    _descriptor_bytes(b"[" * 100_000 + b"]" * 100_000),
    _descriptor_bytes(b"\xff\xfe{}"),
    Case(
        "citation-only: an archived source called citation-only",
        _unarchive,
        False,
        kind=DESCRIPTOR_DECIDES,
    ),
    Case(
        "own-voice: the package's own terms emptied",
        _empty_package_terms,
        False,
        kind=DESCRIPTOR_DECIDES,
    ),
    Case(
        "schema-mismatch: a package schema relaxed to let a bad cell through",
        _relaxed_schema,
        False,
        kind=DESCRIPTOR_DECIDES,
    ),
    Case(
        "resource-missing: a dropped table still checked",
        _dropped_and_broken,
        None,
        False,
        DESCRIPTOR_DECIDES,
    ),
]


# --- non-canonical values --------------------------------------------------------------------
def padded(table: str, key: str, column: str, change, code: str = "non-canonical"):
    def apply(p: Path) -> Expected:
        row = set_cell(p, table, key, column, change(get_cell(p, table, key, column)))
        return {(code, path_of(table), row, column)}

    return apply


def _far_future(p: Path) -> Expected:
    row = set_cell(p, events.TABLE, EVENT, events.date_end, "9999-12-31")
    return {("maximum", E, row, events.date_end), ("date-precision", E, row, events.date_precision)}


def _padded_offset(p: Path) -> Expected:
    """The issue's " 1194": refused, so the claim's span is unknown: its sentence is not proven
    covered (coverage says so), and the words it quotes in quotation marks are not proven
    attributed to a speaker (the attribution check says so)."""
    expected = padded(claims.TABLE, CLAIM, claims.char_start, lambda v: f" {v}")(p)
    return expected | {
        ("uncovered-sentence", text_of("source_000000"), None, None),
        ("quote-unattributed", text_of("source_000000"), None, None),
    }


NON_CANONICAL_CASES = [
    Case(
        "non-canonical: char_start ' 1194' (a leading space)",
        _padded_offset,
        False,
        kind=NON_CANONICAL,
    ),
    Case(
        "non-canonical: latitude '+40.3777'",
        padded(places.TABLE, PLACE, places.latitude, lambda v: f"+{v.lstrip('-')}"),
        False,
        kind=NON_CANONICAL,
    ),
    Case(
        "non-canonical: char_count with a leading zero",
        padded(sources.TABLE, TEXT_SOURCE, sources.char_count, lambda v: f"0{v}"),
        False,
        kind=NON_CANONICAL,
    ),
    Case(
        "non-canonical: char_count with a digit separator",
        padded(sources.TABLE, TEXT_SOURCE, sources.char_count, lambda v: f"{v[:2]}_{v[2:]}"),
        False,
        kind=NON_CANONICAL,
    ),
    Case(
        "non-canonical: a boolean 'TRUE'",
        padded(sources.TABLE, TEXT_SOURCE, sources.is_truncated, lambda v: v.upper()),
        False,
        kind=NON_CANONICAL,
    ),
    Case(
        "non-canonical: a date '2024-1-1'",
        padded(sources.TABLE, TEXT_SOURCE, sources.published_date, lambda v: "2024-1-1"),
        False,
        kind=NON_CANONICAL,
    ),
    Case(
        "type: a latitude 'NaN'",
        padded(places.TABLE, PLACE, places.latitude, lambda v: "NaN", "type"),
        True,
        kind=NON_CANONICAL,
    ),
    Case(
        "type: a longitude '1e999' (infinite)",
        padded(places.TABLE, PLACE, places.longitude, lambda v: "1e999", "type"),
        True,
        kind=NON_CANONICAL,
    ),
    Case("maximum: an event ending 9999-12-31", _far_future, True, kind=NON_CANONICAL),
    Case(
        "minimum: a source updated in 1800",
        cell(sources.TABLE, CITED, sources.updated_date, "1800-01-01", ("minimum",)),
        True,
        kind=NON_CANONICAL,
    ),
]


# --- look-alike and invisible characters ----------------------------------------------------------
def _quote_with_an_invisible_character(p: Path) -> Expected:
    quote = get_cell(p, claims.TABLE, CLAIM, claims.quote)
    row = set_cell(p, claims.TABLE, CLAIM, claims.quote, quote[:5] + "\u200b" + quote[6:])
    return {("quote-mismatch", C, row, claims.quote)}


def voice(value: str, *codes: str):
    return cell(events.TABLE, EVENT, events.title, value, codes)


DISGUISE_CASES = [
    Case(
        "invisible: a right-to-left override in a description",
        cell(actors.TABLE, ACTOR, actors.description, "The actor \u202ethe", ("invisible",)),
        False,
        kind=DISGUISE,
    ),
    Case(
        "own-voice: a zero-width space inside a term",
        voice("Talks on Art\u200bsakh", "invisible", "own-voice"),
        False,
        kind=DISGUISE,
    ),
    Case(
        "own-voice: a soft hyphen inside a term",
        voice("Talks on Art\u00adsakh", "invisible", "own-voice"),
        False,
        kind=DISGUISE,
    ),
    Case(
        "own-voice: a Cyrillic A in a term",
        voice("Talks on \u0410rtsakh", "own-voice"),
        False,
        kind=DISGUISE,
    ),
    Case(
        "own-voice: a Greek capital omicron in a term",
        voice("\u039fccupied areas", "own-voice"),
        False,
        kind=DISGUISE,
    ),
    Case(
        "own-voice: an Armenian oh in a term",
        voice("\u0585ccupied areas", "own-voice"),
        False,
        kind=DISGUISE,
    ),
    Case(
        "own-voice: a full-width letter in a term",
        voice("Talks on \uff21rtsakh", "own-voice"),
        False,
        kind=DISGUISE,
    ),
    Case(
        "own-voice: a non-breaking hyphen in a term",
        voice("An anti\u2011terrorist operation", "own-voice"),
        False,
        kind=DISGUISE,
    ),
    Case(
        "quote-mismatch: a zero-width space in a quote but not in its text",
        _quote_with_an_invisible_character,
        False,
        kind=DISGUISE,
    ),
    Case(
        "cell-size: a description longer than the definition allows",
        cell(actors.TABLE, ACTOR, actors.description, "a" * 10_001, ("cell-size",)),
        False,
        kind=DISGUISE,
    ),
]


# --- a half-published package --------------------------------------------------------------------
def _journal_left(p: Path) -> Expected:
    (p / JOURNAL).parent.mkdir()
    (p / JOURNAL).write_text('{"files": []}\n', encoding="utf-8")
    return {("publish-interrupted", JOURNAL, None, None)}


PUBLISHING_CASES = [
    Case(
        "publish-interrupted: a journal left by a killed build",
        _journal_left,
        False,
        kind=PUBLISHING,
    )
]

ATTACKS: list[Case] = [
    *INJECTION_CASES,
    *OUTSIDE_CASES,
    *DESCRIPTOR_CASES,
    *NON_CANONICAL_CASES,
    *DISGUISE_CASES,
    *PUBLISHING_CASES,
]


def invisible_in_text_and_quote(p: Path) -> None:
    """A valid package whose quote holds a right-to-left override because its text does:
    the override replaces one letter of the quote in both (same length in characters)."""
    import hashlib

    quote = get_cell(p, claims.TABLE, CLAIM, claims.quote)
    text_path = p / text_of("source_000000")
    text = text_path.read_text(encoding="utf-8")
    start = int(get_cell(p, claims.TABLE, CLAIM, claims.char_start))
    assert text[start : start + len(quote)] == quote
    changed = quote[:9] + "\u202e" + quote[10:]
    text = text[:start] + changed + text[start + len(quote) :]
    text_path.write_bytes(text.encode("utf-8"))
    set_cell(p, claims.TABLE, CLAIM, claims.quote, changed)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    set_cell(p, sources.TABLE, "source_000000", sources.sha256, digest)
    assert line_of(p, sources.TABLE, "source_000000") > 1
