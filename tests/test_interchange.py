"""The formats for other tools, each read back by the outside library that reads it, or checked
by an independent implementation of its spec's rule.

Every format is exported once per session (``exported``) from the real package.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import polars as pl
import pytest
from jsonschema import Draft202012Validator, FormatChecker
from text_fragment_spec import SpecText, icu_view, parse_directive

import fr_az_crisis
from fr_az_crisis.definition import project_definition
from fr_az_crisis.exports import ExportError, export, interchange_formats
from fr_az_crisis.interchange.declarations import export_files, plover_declaration
from fr_az_crisis.schema_names import actors, claims, event_actors, events, sources
from fr_az_crisis.schema_names import text_fragments as T
from fr_az_crisis.text_fragments import Document, TextDirective, encode, generate, parse

ROOT = Path(__file__).resolve().parents[1]
DEF = project_definition()


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    export(out, formats=list(interchange_formats()))
    return out


@pytest.fixture(scope="session")
def frames() -> dict[str, pl.DataFrame]:
    return {name: fr_az_crisis.load(name) for name in fr_az_crisis.tables()}


@pytest.fixture(scope="session")
def texts() -> dict[str, str]:
    return fr_az_crisis.source_texts()


def quoted_claims(frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    return frames[claims.TABLE].filter(pl.col(claims.char_start).is_not_null())


# --- W3C Web Annotation --------------------------------------------------------------------


def anchor(text: str, exact: str, prefix: str, suffix: str) -> list[tuple[int, int]]:
    """Model section 4.2.4, written from the spec: the places where prefix, exact and suffix
    occur in a row (every place: "the selection SHOULD be treated as matching all of the
    matches"), found as occurrences of their concatenation, overlapping ones included."""
    whole = prefix + exact + suffix
    found = []
    at = text.find(whole)
    while at != -1:
        found.append((at + len(prefix), at + len(prefix) + len(exact)))
        at = text.find(whole, at + 1)
    return found


def annotations(exported: Path) -> list[dict[str, Any]]:
    doc = json.loads((exported / export_files("annotations")["collection"]).read_text("utf-8"))
    return list(doc["first"]["items"])


def archived_target(annotation: dict[str, Any]) -> dict[str, Any]:
    target = annotation["target"]
    return target[0] if isinstance(target, list) else target


def test_every_archived_claim_has_one_annotation_that_anchors_uniquely(
    exported: Path, frames: dict[str, pl.DataFrame], texts: dict[str, str]
) -> None:
    quoted = quoted_claims(frames)
    found = {a["id"].rsplit(":", 1)[1]: a for a in annotations(exported)}
    assert set(found) == set(quoted[claims.claim_id])
    ambiguous_alone = 0
    for claim in quoted.iter_rows(named=True):
        target = archived_target(found[claim[claims.claim_id]])
        quote_sel, position = target["selector"]
        text = texts[claim[claims.source_id]]
        span = (claim[claims.char_start], claim[claims.char_end])
        assert quote_sel["exact"] == claim[claims.quote]
        assert anchor(text, quote_sel["exact"], quote_sel["prefix"], quote_sel["suffix"]) == [span]
        assert (position["start"], position["end"]) == span  # code points: Python str indices
        assert text[position["start"] : position["end"]] == quote_sel["exact"]
        ambiguous_alone += len(anchor(text, quote_sel["exact"], "", "")) > 1
    print(f"\n{quoted.height} annotations anchor uniquely; {ambiguous_alone} need their context")
    assert ambiguous_alone >= 1  # ar_rec_headline's words occur twice: context is needed


def test_archived_text_is_named_by_its_hash_and_address(
    exported: Path, frames: dict[str, pl.DataFrame]
) -> None:
    rows = {r[sources.source_id]: r for r in frames[sources.TABLE].iter_rows(named=True)}
    for a in annotations(exported):
        source = archived_target(a)["source"]
        sid = source["id"].rsplit(":", 1)[1]
        assert source["id"] == f"urn:fr-az-crisis:text:{sid}"
        digest = base64.urlsafe_b64decode(source["canonical"].split(";", 1)[1] + "=")
        assert digest.hex() == rows[sid][sources.sha256]
        assert source.get("via") == rows[sid][sources.url]


MOTIVATIONS = [
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging",
]  # fmt: skip
IRI = {"type": "string", "format": "iri"}
MODEL = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$comment": "Written from the Web Annotation Data Model (W3C), sections 3, 4 and 5 and its "
    "index of JSON keys: what each object MUST have, and no key the model does not define.",
    "type": "object",
    "required": ["@context", "id", "type", "total", "first"],
    "additionalProperties": False,
    "properties": {
        "@context": {"const": "http://www.w3.org/ns/anno.jsonld"},
        "id": IRI,
        "type": {"const": "AnnotationCollection"},
        "label": {"type": "string"},
        "total": {"type": "integer", "minimum": 0},
        "last": IRI,
        "first": {
            "type": "object",
            "required": ["id", "type", "items"],
            "additionalProperties": False,
            "properties": {
                "id": IRI,
                "type": {"const": "AnnotationPage"},
                "partOf": IRI,
                "startIndex": {"type": "integer", "minimum": 0},
                "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/annotation"}},
            },
        },
    },
    "$defs": {
        "annotation": {
            "type": "object",
            "required": ["id", "type", "target"],
            "additionalProperties": False,
            "properties": {
                "id": IRI,
                "type": {"const": "Annotation"},
                "motivation": {"enum": MOTIVATIONS},
                "creator": {"type": "array", "items": {"$ref": "#/$defs/agent"}},
                "generated": {"type": "string", "format": "date-time"},
                "body": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/body"}},
                "target": {
                    "oneOf": [
                        {"$ref": "#/$defs/archived"},
                        {
                            "type": "array",
                            "prefixItems": [{"$ref": "#/$defs/archived"}, {"$ref": "#/$defs/page"}],
                            "items": False,
                            "minItems": 2,
                        },
                    ]
                },
            },
        },
        "agent": {
            "type": "object",
            "additionalProperties": False,
            "required": ["type", "name"],
            "properties": {
                "type": {"enum": ["Person", "Organization", "Software"]},
                "name": {"type": "string"},
            },
        },
        "body": {
            "oneOf": [
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["type", "value"],
                    "properties": {
                        "type": {"const": "TextualBody"},
                        "value": {"type": "string", "minLength": 1},
                        "purpose": {"enum": MOTIVATIONS},
                        "format": {"const": "text/plain"},
                        "language": {"type": "string", "pattern": "^[a-z]{2}$"},
                    },
                },
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["type", "source"],
                    "properties": {
                        "type": {"const": "SpecificResource"},
                        "purpose": {"enum": MOTIVATIONS},
                        "source": IRI,
                    },
                },
            ]
        },
        "archived": {
            "type": "object",
            "additionalProperties": False,
            "required": ["type", "source", "selector"],
            "properties": {
                "type": {"const": "SpecificResource"},
                "source": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "type", "format", "canonical"],
                    "properties": {
                        "id": IRI,
                        "type": {"const": "Text"},
                        "format": {"const": "text/plain"},
                        "language": {"type": "string", "pattern": "^[a-z]{2}$"},
                        "canonical": {
                            "type": "string",
                            "pattern": "^ni:///sha-256;[A-Za-z0-9_-]{43}$",
                        },
                        "via": IRI,
                    },
                },
                "selector": {
                    "type": "array",
                    "prefixItems": [
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["type", "exact", "prefix", "suffix"],
                            "properties": {
                                "type": {"const": "TextQuoteSelector"},
                                "exact": {"type": "string", "minLength": 1},
                                "prefix": {"type": "string"},
                                "suffix": {"type": "string"},
                            },
                        },
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["type", "start", "end"],
                            "properties": {
                                "type": {"const": "TextPositionSelector"},
                                "start": {"type": "integer", "minimum": 0},
                                "end": {"type": "integer", "minimum": 0},
                            },
                        },
                    ],
                    "items": False,
                    "minItems": 2,
                },
            },
        },
        "page": {
            "type": "object",
            "additionalProperties": False,
            "required": ["type", "source", "selector"],
            "properties": {
                "type": {"const": "SpecificResource"},
                "source": IRI,
                "selector": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["type", "value", "conformsTo"],
                    "properties": {
                        "type": {"const": "FragmentSelector"},
                        "value": {"type": "string", "pattern": "^:~:text="},
                        "conformsTo": IRI,
                    },
                },
            },
        },
    },
}


def model_errors(doc: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(MODEL, format_checker=FormatChecker())
    return sorted(f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc))


def test_annotations_follow_the_model(exported: Path) -> None:
    doc = json.loads((exported / export_files("annotations")["collection"]).read_text("utf-8"))
    assert model_errors(doc) == []
    assert doc["total"] == len(doc["first"]["items"])
    for a in doc["first"]["items"]:
        start, end = (archived_target(a)["selector"][1][k] for k in ("start", "end"))
        assert start < end


@pytest.mark.parametrize(
    "break_it",
    [
        lambda a: archived_target(a)["selector"][1].update(start=-1),
        lambda a: a.update(motivation="claiming"),
        lambda a: a.update(id="claims/relative"),
        lambda a: archived_target(a)["source"].update(checksum="x"),
        lambda a: a.pop("target"),
    ],
    ids=["negative-offset", "unknown-motivation", "relative-id", "unknown-key", "no-target"],
)
def test_the_model_schema_rejects_what_the_model_forbids(exported: Path, break_it: Any) -> None:
    doc = json.loads((exported / export_files("annotations")["collection"]).read_text("utf-8"))
    break_it(doc["first"]["items"][0])
    assert model_errors(doc) != []


# --- Text Fragments ------------------------------------------------------------------------


def fragment_rows(exported: Path) -> list[dict[str, Any]]:
    return pl.read_csv(exported / export_files("fragments")["table"], infer_schema=False).to_dicts()


@pytest.fixture(scope="session")
def spec_texts(texts: dict[str, str], exported: Path) -> dict[str, SpecText]:
    node = shutil.which("node")
    if not node:
        if os.environ.get("FR_AZ_CRISIS_REQUIRE_NODE"):
            pytest.fail("node is required (FR_AZ_CRISIS_REQUIRE_NODE is set) but missing")
        pytest.skip("node is not installed (ICU's word boundaries and collation come from it)")
    chars = "".join(
        parse_directive(r[T.text_directive]).prefix or ""  # type: ignore[union-attr]
        for r in fragment_rows(exported)
        if r[T.text_directive]
    )
    view = icu_view(
        texts, chars + "".join(r[T.text_directive] or "" for r in fragment_rows(exported))
    )
    return {
        sid: SpecText(text, view["bounds"][sid], view["classes"]) for sid, text in texts.items()
    }  # type: ignore[index]


def test_every_fragment_link_selects_its_quote_and_nothing_else(
    exported: Path, frames: dict[str, pl.DataFrame], spec_texts: dict[str, SpecText]
) -> None:
    """Under the spec's rules, ICU deciding equality and word ends, each link's directive
    selects exactly one place in the archived text: the claim's quote; a browser's first
    match is therefore the quote."""
    spans = {
        r[claims.claim_id]: (r[claims.char_start], r[claims.char_end])
        for r in quoted_claims(frames).iter_rows(named=True)
    }
    with_url = {
        r[claims.claim_id]
        for r in quoted_claims(frames)
        .join(frames[sources.TABLE].filter(pl.col(sources.url).is_not_null()), on=sources.source_id)
        .iter_rows(named=True)
    }
    rows = fragment_rows(exported)
    assert {r[T.claim_id] for r in rows} == with_url
    linked = 0
    for r in rows:
        if r[T.fragment_status] != T.FragmentStatus.SINGLE_MATCH:
            assert r[T.fragment_link] is None and r[T.text_directive] is None
            continue
        url, _, directive_part = r[T.fragment_link].partition("#:~:")
        assert url == r[T.url] and directive_part == r[T.text_directive]
        assert re.fullmatch(r"text=[A-Za-z0-9!$'()*+./:;=?@_~%,-]+", directive_part)
        directive = parse_directive(directive_part)
        assert directive is not None
        doc = spec_texts[r[T.source_id]]
        assert doc.every_match(directive) == {spans[r[T.claim_id]]}, r[T.claim_id]
        assert doc.find_range(directive) == spans[r[T.claim_id]]
        linked += 1
    print(f"\ntext fragments: {linked} of {len(rows)} quotes with an address have a unique link")
    assert linked == len(rows)  # today every one; a flagged row would have no link (above)


def test_icu_equality_is_finer_than_the_exporters_folding(
    texts: dict[str, str], spec_texts: dict[str, SpecText]
) -> None:
    """The exporter folds at least as much as ICU's primary level, so its matches include a
    browser's: whatever it finds unique is unique for a browser too."""
    from fr_az_crisis.text_fragments import fold_char

    classes = next(iter(spec_texts.values())).classes
    by_class: dict[str, set[str]] = {}
    for ch, key in classes.items():
        by_class.setdefault(key, set()).add(ch)
    assert all(fold_char(ch) == "" for ch in by_class.get("", set()))
    for key, chars in by_class.items():
        if key:
            assert len({fold_char(ch) for ch in chars}) == 1, chars


def test_the_exporters_word_boundaries_are_icus(
    texts: dict[str, str], spec_texts: dict[str, SpecText]
) -> None:
    for sid, text in texts.items():
        ours = {i for i in range(len(text) + 1) if Document(text).at_word_boundary(i)}
        icu = {i for i in range(len(text) + 1) if spec_texts[sid].word_boundary(i)}
        assert ours == icu, (sid, sorted(ours ^ icu)[:10])


def test_directive_terms_are_percent_encoded_as_the_spec_requires() -> None:
    d = TextDirective("a-b, c&d", "Élysée", "x-", "-y")
    encoded = d.encoded()
    assert encoded == "text=x%2D-,a%2Db%2C%20c%26d,%C3%89lys%C3%A9e,-%2Dy"
    assert parse(encoded) == d
    assert encode("don't (x)") == "don't%20(x)"


def test_a_quote_no_directive_can_single_out_is_flagged_not_linked() -> None:
    doc = Document("One. Same words.\nTwo. Same words.")
    kept = generate(doc, 22, 33, max_context_words=2, exact_limit=300, range_words=5)
    assert kept.directive == TextDirective("Same words.", None, "Two.", None)
    refused = generate(doc, 22, 33, max_context_words=0, exact_limit=300, range_words=5)
    assert (refused.directive, refused.matches) == (None, 2)
    # each term stays within one line (one block on the page): here no prefix can differ
    lines = Document("A. Same.\nA. Same.")
    same = generate(lines, 12, 17, max_context_words=5, exact_limit=300, range_words=5)
    assert (same.directive, same.matches) == (None, 2)
    spaced = generate(Document("a  b"), 1, 3, max_context_words=3, exact_limit=300, range_words=5)
    assert (spaced.directive, spaced.matches) == (None, 0)


# --- PLOVER ------------------------------------------------------------------------------


def plover_records(exported: Path) -> list[dict[str, Any]]:
    lines = (exported / export_files("plover")["records"]).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_one_plover_record_per_event(exported: Path, frames: dict[str, pl.DataFrame]) -> None:
    records = plover_records(exported)
    ids = [r["id"].rsplit(":", 1)[1] for r in records]
    assert ids == sorted(frames[events.TABLE][events.event_id].to_list())
    assert len({r["id"] for r in records}) == len(records)


def test_plover_records_have_the_manuals_fields_and_the_projects_vocabulary(
    exported: Path, frames: dict[str, pl.DataFrame]
) -> None:
    declared = plover_declaration()
    ext = declared["extensions"]
    record_fields = set(declared["record"]["fields"]) | set(ext["record"])
    required = {k for k, v in declared["record"]["fields"].items() if v["required"]}
    entity_fields = set(declared["entity"]["fields"]) | set(ext["entity"])
    location_fields = set(declared["location"]["fields"]) | set(ext["location"])
    categories = declared["categories"]["values"]
    contexts = set(declared["contexts"]["values"])
    event_rows = {r[events.event_id]: r for r in frames[events.TABLE].iter_rows(named=True)}
    problems = []
    for r in plover_records(exported):
        event = event_rows[r["id"].rsplit(":", 1)[1]]
        problems += [(r["id"], k) for k in set(r) - record_fields]
        problems += [(r["id"], "missing " + k) for k in required - set(r)]
        for side in ("actor", "recipient"):
            for entity in r.get(side, []):
                problems += [(r["id"], side, k) for k in set(entity) - entity_fields]
                assert re.fullmatch(r"[A-Z]{3}", entity.get("code", "AAA"))
        problems += [(r["id"], k) for k in set(r.get("event_loc", {})) - location_fields]
        problems += [
            (r["id"], k) for k in set(r.get("text_info", {})) - set(declared["textInfo"]["fields"])
        ]
        problems += [
            (r["id"], k) for k in set(r.get("cite_info", {})) - set(declared["citeInfo"]["fields"])
        ]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
        assert r["event"] == ([event[events.plover_event]] if event[events.plover_event] else [])
        assert r["has_event"] == bool(r["event"])
        for category in r["event"]:
            assert category in events.PloverEvent.ALL
            assert r["quad_code"] == categories[category]["quad"]
            assert set(r.get("mode", [])) <= set(categories[category]["modes"]), r["id"]
            if categories[category]["requiresRecipient"]:
                assert r.get("recipient"), r["id"]
        assert set(r.get("context", [])) <= contexts
        assert "event_scale" not in r  # no scores published (schemas/plover.json)
        window = r["date_window"]
        assert (window["start"], window["end"], window["precision"]) == (
            event[events.date_start] and event[events.date_start].isoformat(),
            event[events.date_end].isoformat(),
            event[events.date_precision],
        )
        assert r["date"] == (window["start"] or window["end"])
    assert problems == []


def test_events_without_an_actor_are_exactly_the_uncoded_ones(exported: Path) -> None:
    bare = {r["id"].rsplit(":", 1)[1] for r in plover_records(exported) if not r["actor"]}
    assert bare == {"nagorno_karabakh_population_leaves_2023_09"}


def test_plover_reports_carry_each_claims_words_and_offsets(
    exported: Path, frames: dict[str, pl.DataFrame], texts: dict[str, str]
) -> None:
    reports = frames[claims.TABLE].filter(
        pl.col(claims.claim_type) == claims.ClaimType.EVENT_REPORT
    )
    expected = {(r[claims.event_id], r[claims.claim_id]) for r in reports.iter_rows(named=True)}
    seen = set()
    for rec in plover_records(exported):
        event_id = rec["id"].rsplit(":", 1)[1]
        for report in rec["reports"]:
            seen.add((event_id, report[claims.claim_id]))
            if "start" in report:
                assert (
                    texts[report[claims.source_id]][report["start"] : report["end"]]
                    == report["quote"]
                )
        if rec["reports"] and "text_info" in rec:
            first = rec["reports"][0]
            assert (rec["text_info"]["start"], rec["text_info"]["end"]) == (
                first["start"],
                first["end"],
            )
    assert seen == expected


def test_the_plover_declaration_matches_the_projects_vocabulary(
    frames: dict[str, pl.DataFrame],
) -> None:
    declared = plover_declaration()
    assert list(declared["categories"]["values"]) == list(events.PloverEvent.ALL)
    assert list(declared["roles"]["values"]) == list(event_actors.Role.ALL)
    assert list(declared["contextsByEventType"]["values"]) == list(events.EventType.ALL)
    for event in frames[events.TABLE].iter_rows(named=True):
        if event[events.plover_mode]:
            modes = declared["categories"]["values"][event[events.plover_event]]["modes"]
            assert event[events.plover_mode] in modes, event[events.event_id]


def test_cameo_dyads_have_the_declared_columns(
    exported: Path, frames: dict[str, pl.DataFrame]
) -> None:
    dyads = pl.read_csv(exported / export_files("plover")["dyads"], infer_schema=False)
    assert dyads.columns == [f["name"] for f in plover_declaration()["cameoDyads"]["fields"]]
    coded = frames[events.TABLE].filter(pl.col(events.cameo_code).is_not_null())
    assert set(dyads["GLOBALEVENTID"]) == set(coded[events.event_id])
    for row in dyads.iter_rows(named=True):
        assert row["EventRootCode"] == row["EventCode"][:2]
        root = int(row["EventCode"][:2])
        assert int(row["QuadClass"]) == (
            1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        )
    assert "0871" in set(dyads["EventCode"])  # leading zeros kept


def test_readme_shows_one_plover_record_in_full(exported: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"<!-- BEGIN GENERATED: plover-example -->.*?```json\n(.*?)```", readme, re.S)
    assert block, "README: the plover-example block is missing"
    shown = json.loads(block.group(1))
    assert shown in plover_records(exported)


# --- Croissant ---------------------------------------------------------------------------


def test_croissant_validates_with_mlcroissant(exported: Path) -> None:
    cli = shutil.which("mlcroissant", path=str(Path(sys.executable).parent))
    assert cli, "mlcroissant's command is installed with the dev extra"
    done = subprocess.run(
        [cli, "validate", "--jsonld", str(exported / export_files("croissant")["metadata"])],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Done." in done.stderr + done.stdout
    assert "error" not in (done.stderr + done.stdout).lower()


def test_croissant_loads_every_record_set_with_its_rows_and_types(
    exported: Path, frames: dict[str, pl.DataFrame]
) -> None:
    import mlcroissant as mlc
    import pandas as pd

    dataset = mlc.Dataset(jsonld=str(exported / export_files("croissant")["metadata"]))
    assert dataset.metadata.ctx.issues.report() == ""
    counts = {}
    for name, frame in frames.items():
        records = list(dataset.records(record_set=name))
        counts[name] = len(records)
        dates = [f.name for f in DEF.table(name).fields if f.type == "date"]
        for column in dates:
            values = [r[f"{name}/{column}"] for r in records]
            assert all(v is None or isinstance(v, pd.Timestamp) for v in values)
            expected = [d.isoformat() if d else None for d in frame[column].to_list()]
            got = [v.date().isoformat() if v is not None else None for v in values]
            assert sorted(got, key=str) == sorted(expected, key=str), (name, column)
    assert counts == {name: frame.height for name, frame in frames.items()}
    codes = {
        r["events/event_id"]: r["events/cameo_code"] for r in dataset.records(record_set="events")
    }
    assert codes[b"ceasefire_2023_09_20"] == b"0871"


def test_croissant_distribution_hashes_and_licences(exported: Path) -> None:
    doc = json.loads((exported / export_files("croissant")["metadata"]).read_text("utf-8"))
    descriptor = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    resources = {r["path"]: r for r in descriptor["resources"]}
    for f in doc["distribution"]:
        data = (exported / f["contentUrl"]).read_bytes()
        assert f["sha256"] == hashlib.sha256(data).hexdigest()
        if f["contentUrl"] in resources:
            assert f"sha256:{f['sha256']}" == resources[f["contentUrl"]]["hash"]
            assert len(f["license"]) == len(resources[f["contentUrl"]]["licenses"])
    texts = [f for f in doc["distribution"] if f["contentUrl"].endswith(".txt")]
    assert len(texts) == 5 and all(
        f["license"][0]["name"] == "LicenseRef-Publishers-Rights" for f in texts
    )
    assert doc["citeAs"].startswith("@misc{fr_az_crisis_")
    assert "url" not in doc  # no deployment: no invented address


# --- the dataset card ----------------------------------------------------------------------


def test_the_dataset_card_loads_every_table_with_datasets_offline(
    exported: Path, frames: dict[str, pl.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in (
        ("HF_DATASETS_OFFLINE", "1"),
        ("HF_HUB_OFFLINE", "1"),
        ("HF_HOME", str(tmp_path)),
    ):
        monkeypatch.setenv(name, value)
    import datasets

    folder = str(exported / export_files("card")["folder"])
    counts = {
        name: datasets.load_dataset(folder, name, split="train", cache_dir=str(tmp_path)).num_rows
        for name in frames
    }
    assert counts == {name: frame.height for name, frame in frames.items()}
    default = datasets.load_dataset(folder, split="train", cache_dir=str(tmp_path))
    assert default.num_rows == frames[events.TABLE].height
    assert str(default.features[events.date_start]) == "Value('date32')"


def test_the_card_states_its_limits_from_the_data(
    exported: Path, frames: dict[str, pl.DataFrame]
) -> None:
    card = (exported / export_files("card")["folder"] / "README.md").read_text("utf-8")
    archived = frames[sources.TABLE].filter(pl.col(sources.is_archived)).height
    assert f"{archived} archived texts" in card
    direct = frames[claims.TABLE].filter(
        pl.col(claims.attribution) == claims.Attribution.DIRECT_QUOTE
    )
    translated = direct.filter(pl.col(claims.is_translated).fill_null(False)).height
    assert f"{translated} of the {direct.height} direct quotes" in card
    assert "license: other" in card and "default: true" in card


# --- identifiers and the export command ----------------------------------------------------


def addresses(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.rglob("*"):
        if path.suffix in (".json", ".jsonld", ".jsonl", ".csv", ".md"):
            found |= set(re.findall(r"https?://[^\s\"'<>|),\]]+", path.read_text("utf-8")))
    return found


def test_no_export_names_an_invented_host(exported: Path, frames: dict[str, pl.DataFrame]) -> None:
    """Every address in the exports is a source's, a licence's, Wikidata's or a spec's."""
    known = set(frames[sources.TABLE][sources.url].drop_nulls())
    hosts = {urlsplit(u).netloc for u in known}
    hosts |= {
        "creativecommons.org", "www.w3.org", "wicg.github.io", "schema.org",
        "mlcommons.org", "purl.org", "www.wikidata.org",
    }  # fmt: skip
    assert {u for u in addresses(exported) if urlsplit(u).netloc not in hosts} == set()


def test_a_base_url_names_rows_by_their_pages(tmp_path: Path) -> None:
    out = tmp_path / "deployed"
    done = subprocess.run(
        [sys.executable, "-m", "fr_az_crisis", "export", "--out", str(out), "--format", "plover",
         "--format", "annotations", "--base-url", "https://data.example.org/crisis/"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    record = json.loads(
        (out / export_files("plover")["records"]).read_text("utf-8").splitlines()[0]
    )
    assert record["codes"]["event"] == (
        f"https://data.example.org/crisis/fr_az_crisis/events/{record['codes'][events.event_id]}"
    )
    assert record["id"].startswith("urn:fr-az-crisis:plover:")  # no page: still a URN
    first = json.loads((out / "annotations.jsonld").read_text("utf-8"))["first"]["items"][0]
    assert first["body"][-1]["source"].startswith(
        "https://data.example.org/crisis/fr_az_crisis/claims/"
    )


def test_the_base_url_matches_datasettes_own_row_addresses(tmp_path: Path) -> None:
    import sqlite3

    from datasette.app import Datasette

    from fr_az_crisis.interchange.declarations import Identifiers, database_route

    db = tmp_path / f"{database_route()}.db"
    sqlite3.connect(db).execute(f"create table {actors.TABLE} ({actors.actor_id} text primary key)")
    ds = Datasette([str(db)], settings={"base_url": "/crisis/"})
    ids = Identifiers("0.2.0", "https://h.example/crisis")
    row = ds.urls.row("fr_az_crisis", actors.TABLE, "france")
    assert ids.of("actor", "france") == "https://h.example" + row


def test_a_bad_export_request_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="http"):
        export(tmp_path / "x", formats=["plover"], base_url="javascript:alert(1)")
    with pytest.raises(ExportError, match="unknown export format"):
        export(tmp_path / "x", formats=["rdf"])
    assert not (tmp_path / "x").exists()
