"""The Datasette publication through its internal client: counts, search, facets, queries,
readable pages, words first, links. Expected values come from the published tables."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import polars as pl
import pytest
from datasette_helpers import db_copy, get, make_datasette
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

import fr_az_crisis
from fr_az_crisis.datasette_metadata import build_metadata, database_name, presentation, queries
from fr_az_crisis.datasette_plugin.columns import column_order
from fr_az_crisis.datasette_plugin.disagreements import kinds
from fr_az_crisis.datasette_plugin.fts_query import FUNCTION_NAME, fts_query
from fr_az_crisis.definition import project_definition
from fr_az_crisis.sqlite_db import build_database, faceted_columns

DB = database_name()
CANNED_QUERIES = presentation()["queries"]
DEF = project_definition()
VERSION = json.loads((Path(__file__).parents[1] / "datapackage.json").read_text())["version"]


@pytest.fixture(scope="module")
def ds(db: Path):
    return make_datasette(db)


@pytest.fixture(scope="module")
def claims() -> pl.DataFrame:
    return fr_az_crisis.load("claims")


def esc(text: str, quote: bool = True) -> str:
    """Text as the templates write it (Jinja's escaping)."""
    return str(escape(text))


def unescape(text: str) -> str:
    import html

    return html.unescape(text)


def page(ds, path: str) -> str:
    response = get(ds, path)
    assert response.status_code == 200, (path, response.status_code, response.text[:500])
    return response.text


def test_database_build_is_deterministic(db: Path, tmp_path: Path) -> None:
    again = build_database(tmp_path / "again.db")
    assert again.read_bytes() == db.read_bytes()


@pytest.mark.parametrize("table", fr_az_crisis.tables())
def test_table_counts_equal_csv_rows(ds, root: Path, table: str) -> None:
    expected = pl.read_csv(root / "data" / f"{table}.csv", infer_schema=False).height
    data = get(ds, f"/{DB}/{table}.json?_size=0").json()
    assert data["filtered_table_rows_count"] == expected


def test_search_finds_a_known_quote_with_stemming(ds) -> None:
    rows = get(ds, f"/{DB}/claims.json?_search=refuting&_shape=array").json()
    assert "lemonde_france_refutes_allegations" in {r["claim_id"] for r in rows}


def test_default_facets_present(ds) -> None:
    data = get(ds, f"/{DB}/events.json?_size=0").json()
    facets = data["facet_results"]
    assert {"event_type", "episode"} <= set(facets)
    assert (
        sum(v["count"] for v in facets["episode"]["results"]) == fr_az_crisis.load("events").height
    )


# --- canned queries --------------------------------------------------------------------------

PARAMS = {
    "evidence_for_event": "event_id=azerbaijan_expels_french_diplomats_2023_12_26",
    "claims_by_claimant": "claimant_actor_id=france_foreign_ministry",
    "search_quotes": "q=persona",
    "coverage_by_source": "",
}


def test_every_canned_query_is_tested() -> None:
    assert set(PARAMS) == set(CANNED_QUERIES)


@pytest.mark.parametrize("name", sorted(CANNED_QUERIES))
def test_canned_queries_run(ds, name: str) -> None:
    response = get(ds, f"/{DB}/{name}.json?_shape=array&{PARAMS[name]}")
    assert response.status_code == 200, response.text
    assert response.json(), f"{name} returned no rows"


@pytest.mark.parametrize("name", sorted(CANNED_QUERIES))
def test_every_canned_query_opens_without_parameters(ds, name: str) -> None:
    assert get(ds, f"/{DB}/{name}").status_code == 200
    assert get(ds, f"/{DB}/{name}.json").status_code == 200


def test_no_canned_query_shares_a_name_with_a_table_or_view(db: Path) -> None:
    conn = sqlite3.connect(db)
    names = {r[0] for r in conn.execute("select name from sqlite_master")}
    conn.close()
    assert not set(CANNED_QUERIES) & names


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "l'ambassadeur", "it's", '"persona non grata', '"', "«persona»", "non-grata", "*"],
)
def test_search_accepts_what_a_reader_types(ds, typed: str) -> None:
    response = get(ds, f"/{DB}/search_quotes?q={quote(typed)}")
    assert response.status_code == 200, response.text
    assert "error" not in response.text.lower().split("<footer")[0]


def test_phrase_search_finds_exactly_the_phrase(ds, claims: pl.DataFrame) -> None:
    phrase = "persona non grata"
    expected = {
        r["claim_id"]
        for r in claims.iter_rows(named=True)
        if phrase in (r["quote"] or "").lower() or phrase in r["summary"].lower()
    }
    rows = get(ds, f"/{DB}/search_quotes.json?_shape=array&q={quote(chr(34) + phrase + chr(34))}")
    assert {r["claim_id"] for r in rows.json()} == expected and expected


def test_all_words_must_occur(ds, claims: pl.DataFrame) -> None:
    rows = get(ds, f"/{DB}/search_quotes.json?_shape=array&q=ambassador+recall").json()
    assert rows
    for r in rows:
        text = f"{r['quote']} {r['summary']}".lower()
        assert "ambassador" in text and "recall" in text, r["claim_id"]


@given(st.text(max_size=40))
def test_no_typed_text_makes_the_search_fail(typed: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table t using fts5(x, tokenize='porter')")
    conn.execute("insert into t values ('the French ambassador''s recall')")
    conn.create_function(FUNCTION_NAME, 1, fts_query)
    conn.execute(f"select * from t where t match {FUNCTION_NAME}(?)", (typed,)).fetchall()


def test_search_is_ordered_by_rank_alone(db: Path) -> None:
    """ORDER BY rank alone lets FTS5 hand rows over best first, so LIMIT stops early."""
    conn = sqlite3.connect(db)
    conn.create_function(FUNCTION_NAME, 1, fts_query)
    plan = conn.execute(
        "explain query plan " + queries()["search_quotes"]["sql"], {"q": "x"}
    ).fetchall()
    conn.close()
    assert not [row for row in plan if "TEMP B-TREE" in row[-1]], plan


# --- words first -----------------------------------------------------------------------------


def header(html_text: str) -> list[str]:
    head = html_text.split('<table class="rows-and-columns">')[1].split("</thead>")[0]
    return re.findall(r'data-column="([^"]+)"', head)


def test_claims_table_puts_words_first(ds) -> None:
    columns = header(page(ds, f"/{DB}/claims"))
    assert columns[:5] == ["quote", "summary", "claimant_actor_id", "source_id", "claim_date"]
    assert columns.index("claim_id") > columns.index("claim_type")
    assert set(columns) == set(DEF.table("claims").field_names)


@pytest.mark.parametrize("table", ["events", "sources", "actors", "claim_relations"])
def test_ids_and_codes_come_after_the_words(ds, table: str) -> None:
    columns = [c for c in header(page(ds, f"/{DB}/{table}")) if c != "Link"]
    assert columns == [c for c in column_order(table) if c in columns]
    schema = DEF.table(table)
    assert columns[0] == (schema.datasette.get("label_column") or columns[0])
    enums = [columns.index(f.name) for f in schema.fields if f.enum]
    if len(schema.primary_key) == 1:
        assert columns.index(schema.primary_key[0]) > max(enums, default=-1)


def test_column_descriptions_fold_away(ds) -> None:
    text = page(ds, f"/{DB}/claims")
    folded = text.split('<details class="fr-fold fr-column-descriptions">')[1].split("</details>")[
        0
    ]
    for f in DEF.table("claims").fields:
        assert f"<dt>{f.name}</dt><dd>{esc(f.description, quote=True)}</dd>" in folded


def test_booleans_read_yes_and_no(ds) -> None:
    sources = fr_az_crisis.load("sources")
    text = page(ds, f"/{DB}/sources?_size=max")
    cells = re.findall(r'<td class="col-is_archived[^"]*"[^>]*>([^<]*)</td>', text)
    assert sorted(cells) == sorted("yes" if v else "no" for v in sources["is_archived"])
    facet = get(ds, f"/{DB}/sources.json?_size=0").json()["facet_results"]["is_archived"]
    assert {(r["label"], r["count"]) for r in facet["results"]} == {
        ("yes", int(sources["is_archived"].sum())),
        ("no", int((~sources["is_archived"]).sum())),
    }


# --- ids as links ----------------------------------------------------------------------------


def claim_links(text: str) -> set[str]:
    return set(re.findall(rf'href="/{DB}/claims/([a-z0-9_]+)"', text))


def test_ids_in_views_are_links(ds, db: Path) -> None:
    conn = sqlite3.connect(db)
    pairs = conn.execute("select claim_id, related_claim_id from contradictions").fetchall()
    conn.close()
    text = page(ds, f"/{DB}/contradictions?_size=max")
    assert {c for pair in pairs for c in pair} == claim_links(text)


def test_ids_in_canned_queries_are_links(ds) -> None:
    rows = get(ds, f"/{DB}/search_quotes.json?_shape=array&q=persona").json()
    text = page(ds, f"/{DB}/search_quotes?q=persona")
    assert {r["claim_id"] for r in rows} == claim_links(text)
    assert {r["source_id"] for r in rows} <= set(
        re.findall(rf'href="/{DB}/sources/([a-z0-9_]+)"', text)
    )


def test_ids_in_discrepancies_are_links(ds, db: Path) -> None:
    conn = sqlite3.connect(db)
    pairs = conn.execute("select claim_id, related_claim_id from discrepancies").fetchall()
    conn.close()
    assert pairs
    assert {c for pair in pairs for c in pair} <= claim_links(page(ds, f"/{DB}/discrepancies"))


def test_read_links_only_for_archived_sources(ds) -> None:
    sources = fr_az_crisis.load("sources")
    text = page(ds, f"/{DB}/claims?_size=max&_labels=off")
    read = set(re.findall(r'href="/-/sources/([a-z0-9_]+)">read<', text))
    archived = set(sources.filter(pl.col("is_archived"))["source_id"])
    assert read and read <= archived


# --- facets: stored counts and one query, same results as a GROUP BY -----------------------


def live_counts(db: Path, table: str, column: str, where: str = "") -> dict:
    conn = sqlite3.connect(db)
    found = dict(
        conn.execute(
            f'select "{column}", count(*) from "{table}" where "{column}" is not null {where} '
            f'group by "{column}"'
        ).fetchall()
    )
    conn.close()
    return found


@pytest.mark.parametrize("table", sorted(faceted_columns()))
def test_unfiltered_facets_equal_a_live_count(ds, db: Path, table: str) -> None:
    results = get(ds, f"/{DB}/{table}.json?_size=0&_facet_size=max").json()["facet_results"]
    for column in faceted_columns()[table]:
        got = {r["value"]: r["count"] for r in results[column]["results"]}
        assert got == live_counts(db, table, column), column
        counts = [r["count"] for r in results[column]["results"]]
        assert counts == sorted(counts, reverse=True)


def test_filtered_facets_equal_a_live_count(ds, db: Path) -> None:
    results = get(ds, f"/{DB}/claims.json?_size=0&_facet_size=max&claim_type=event_report").json()[
        "facet_results"
    ]
    for column in faceted_columns()["claims"]:
        got = {r["value"]: r["count"] for r in results[column]["results"]}
        assert got == live_counts(db, "claims", column, "and claim_type = 'event_report'")


def test_search_facets_equal_a_live_count(ds, db: Path) -> None:
    data = get(
        ds, f"/{DB}/claims.json?_search=expelled&_size=max&_facet_size=max&_shape=objects"
    ).json()
    ids = {r["claim_id"] for r in data["rows"]}
    assert ids
    got = {r["value"]: r["count"] for r in data["facet_results"]["claim_type"]["results"]}
    by_id = dict(fr_az_crisis.load("claims").select("claim_id", "claim_type").iter_rows())
    expected: dict[str, int] = {}
    for claim_id in ids:
        expected[by_id[claim_id]] = expected.get(by_id[claim_id], 0) + 1
    assert got == expected


# --- readable pages --------------------------------------------------------------------------


CLAIM = "lemonde_france_refutes_allegations"


def test_claim_page_shows_the_quote_and_links(ds, db: Path, claims: pl.DataFrame) -> None:
    c = claims.filter(pl.col("claim_id") == CLAIM).row(0, named=True)
    text = page(ds, f"/{DB}/claims/{CLAIM}")
    quote_html = text.split('<blockquote class="fr-quote" id="quote">')[1].split("</blockquote>")[0]
    assert unescape(quote_html) == c["quote"]
    facts = text.split('<dl class="fr-facts">')[1].split("</dl>")[0]
    sources = fr_az_crisis.load("sources")
    outlet = sources.filter(pl.col("source_id") == c["source_id"])["outlet_actor_id"][0]
    for href in (
        f"/{DB}/actors/{c['claimant_actor_id']}",
        f"/{DB}/actors/{c['target_actor_id']}",
        f"/{DB}/sources/{c['source_id']}",
        f"/{DB}/actors/{outlet}",
        f"/{DB}/events/{c['event_id']}",
        f"/-/sources/{c['source_id']}?claim={CLAIM}#span-{CLAIM}",
    ):
        assert f'href="{href}"' in facts, href
    assert f"characters {c['char_start']}–{c['char_end']}" in facts


def test_claim_page_lists_every_relation_with_the_other_quote(ds, claims) -> None:
    relations = fr_az_crisis.load("claim_relations")
    mine = relations.filter((pl.col("claim_id") == CLAIM) | (pl.col("related_claim_id") == CLAIM))
    others = {
        r["related_claim_id"] if r["claim_id"] == CLAIM else r["claim_id"]
        for r in mine.iter_rows(named=True)
    }
    text = page(ds, f"/{DB}/claims/{CLAIM}")
    section = text.split("How other claims bear on it")[1].split('id="cite"')[0]
    assert claim_links(section) == others
    for r in mine.iter_rows(named=True):
        assert esc(r["note"], quote=True) in section
    for other in claims.filter(pl.col("claim_id").is_in(list(others))).iter_rows(named=True):
        shown = other["quote"] or other["summary"]
        assert esc(shown, quote=True) in section


def test_cite_this_claim(ds, claims) -> None:
    c = claims.filter(pl.col("claim_id") == CLAIM).row(0, named=True)
    text = page(ds, f"/{DB}/claims/{CLAIM}")
    cite = unescape(text.split('<div class="fr-cite">')[1].split("</div>")[0])
    url = f"http://localhost/{DB}/claims/{CLAIM}"
    span = f"characters {c['char_start']}–{c['char_end']}"
    plain = cite.split('<p id="cite-text">')[1].split("</p>")[0]
    bibtex = cite.split("<summary>BibTeX</summary><pre>")[1].split("</pre>")[0]
    csl = json.loads(cite.split("<summary>CSL-JSON</summary><pre>")[1].split("</pre>")[0])
    assert f"version {VERSION}" in plain and url in plain and span in plain
    assert f"version = {{{VERSION}}}" in bibtex and f"url = {{{url}}}" in bibtex
    assert span.replace("_", r"\_") in bibtex
    assert csl[0]["version"] == VERSION and csl[0]["URL"] == url and span in csl[0]["note"]


def test_event_page_groups_the_evidence_by_source(ds, claims) -> None:
    event = "france_expels_azerbaijani_diplomats_2023_12_27"
    sources = fr_az_crisis.load("sources")
    mine = claims.filter(pl.col("event_id") == event).join(sources, on="source_id")
    text = page(ds, f"/{DB}/events/{event}")
    evidence = text.split('id="evidence"')[1].split('id="when"')[0]
    assert claim_links(evidence) == set(mine["claim_id"])
    assert set(re.findall(r'data-group="([^"]+)"', evidence)) == set(mine["independence_group"])
    assert set(re.findall(r'data-source="([^"]+)"', evidence)) == set(mine["source_id"])
    for q in mine["quote"].drop_nulls():
        assert esc(q, quote=True) in evidence
    relations = fr_az_crisis.load("event_relations")
    related = relations.filter(
        (pl.col("event_id") == event) | (pl.col("related_event_id") == event)
    )
    section = text.split("Related events")[1].split('id="coding"')[0]
    linked = set(re.findall(rf'href="/{DB}/events/([a-z0-9_]+)"', section))
    assert linked == (set(related["event_id"]) | set(related["related_event_id"])) - {event}


def test_citation_only_source_has_a_page_and_no_read_link(ds) -> None:
    sources = fr_az_crisis.load("sources").filter(~pl.col("is_archived"))
    s = sources.row(0, named=True)
    text = page(ds, f"/{DB}/sources/{s['source_id']}")
    assert f'href="{esc(s["url"], quote=True)}"' in text
    assert "/-/sources/" not in text.split('<div class="fr-page">')[1].split("Every field")[0]
    mine = fr_az_crisis.load("claims").filter(pl.col("source_id") == s["source_id"])
    assert claim_links(text) >= set(mine["claim_id"])
    assert get(ds, f"/-/sources/{s['source_id']}").status_code == 404


def test_actor_page_lists_what_it_said(ds, claims) -> None:
    actor = "france_foreign_ministry"
    text = page(ds, f"/{DB}/actors/{actor}")
    made = text.split("What ")[1].split("Claims aimed at")[0]
    assert claim_links(made) == set(claims.filter(pl.col("claimant_actor_id") == actor)["claim_id"])


# --- reading page ----------------------------------------------------------------------------


def test_reading_page_marks_every_claim_both_ways(ds, claims) -> None:
    sid = "le_monde_2023_12_tensions_rise"
    mine = claims.filter(pl.col("source_id") == sid)
    text = page(ds, f"/-/sources/{sid}")
    body = text.split('id="source-text">')[1].split("</div>")[0]
    for claim_id in mine["claim_id"]:
        assert f'id="claim-{claim_id}"' in text
        assert f'href="/{DB}/claims/{claim_id}"' in text
        assert body.count(f'id="span-{claim_id}"') == 1
        assert f'href="#span-{claim_id}"' in text
    assert body.count('class="bound open"') == body.count('class="bound close"') == mine.height
    assert 'class="furniture" data-kind="paywall_notice"' in text
    plain = re.sub(r'<a class="bound[^>]*>[^<]*</a>', "", body)
    text_held = fr_az_crisis.source_text(sid)
    assert unescape(re.sub(r"<[^>]+>", "", plain)) == text_held


def test_reading_page_lists_overlapping_claims(ds, claims) -> None:
    for sid in claims.filter(pl.col("quote").is_not_null())["source_id"].unique():
        mine = claims.filter(pl.col("source_id") == sid).sort("char_start", "char_end", "claim_id")
        spans = list(mine.select("claim_id", "char_start", "char_end").iter_rows())
        pairs = {
            (a, b) for a, s1, e1 in spans for b, s2, e2 in spans if a != b and s1 < e2 and s2 < e1
        }
        text = page(ds, f"/-/sources/{sid}")
        shown = set()
        for item in text.split('<li id="claim-')[1:]:
            claim_id = item.split('"')[0]
            overlaps = item.split("overlaps")[1].split("</li>")[0] if "overlaps" in item else ""
            shown |= {(claim_id, o) for o in re.findall(r'href="#claim-([a-z0-9_]+)"', overlaps)}
        assert shown == pairs, sid


def test_selected_claim_is_marked(ds) -> None:
    text = page(ds, f"/-/sources/le_monde_2023_12_tensions_rise?claim={CLAIM}")
    marked = re.findall(r'<mark class="claim[^"]* selected" data-claims="([^"]+)"', text)
    assert marked and all(CLAIM in m.split() for m in marked)
    assert re.search(rf'<li id="claim-{CLAIM}" value="\d+" class="selected">', text)
    assert text.count('class="selected"') == 1


def test_unknown_source_reading_page_is_404(ds) -> None:
    assert get(ds, "/-/sources/no_such_source").status_code == 404


# --- disagreements, accusations, chronology, about ------------------------------------------


def test_disagreements_group_by_the_declared_kinds(ds) -> None:
    relations = fr_az_crisis.load("claim_relations")
    agreement = set(presentation()["agreementRelations"])
    declared = DEF.table("claim_relations").field("relation").enum
    text = page(ds, "/-/disagreements")
    sections = re.findall(r'<section id="kind-([a-z_]+)"', text)
    assert sections == [k for k in declared if k not in agreement]
    for kind in sections:
        part = text.split(f'<section id="kind-{kind}"')[1].split("</section>")[0]
        held = relations.filter(pl.col("relation").cast(pl.String) == kind)
        assert part.count('<article class="fr-card fr-pair"') == held.height
        for r in held.iter_rows(named=True):
            assert esc(r["note"], quote=True) in part


def test_a_kind_the_schema_does_not_declare_is_still_shown() -> None:
    differing, agreeing = kinds({"framing": 2, "contradicts": 1})
    assert "framing" in [k.value for k in differing]
    assert [k.value for k in agreeing] == [
        k
        for k in DEF.table("claim_relations").field("relation").enum
        if k in presentation()["agreementRelations"]
    ]


def test_accusations_with_and_without_responses(ds, claims) -> None:
    relations = fr_az_crisis.load("claim_relations")
    config = presentation()["responses"]
    types = dict(claims.select("claim_id", "claim_type").iter_rows())
    accusations = set(claims.filter(pl.col("claim_type") == "accusation")["claim_id"])
    answered = {
        r["related_claim_id"]
        for r in relations.iter_rows(named=True)
        if r["relation"] in config["relations"] or types[r["claim_id"]] in config["claimTypes"]
    }
    text = page(ds, "/-/accusations")
    main = text.split('id="answered"')[0]
    cards = re.findall(r'data-claim="([a-z0-9_]+)"', main)
    assert sorted(cards) == sorted(accusations)
    for card in main.split('<article class="fr-card fr-pair fr-accusation"')[1:]:
        claim_id = re.search(r'data-claim="([a-z0-9_]+)"', card).group(1)
        assert ("No recorded response." in card) == (claim_id not in answered), claim_id
    denied = re.findall(r'data-claim="([a-z0-9_]+)"', text.split('id="answered"')[1])
    assert set(denied) == answered - accusations
    assert "lemonde_france_refutes_allegations" in text.split('id="answered"')[1]


def test_timeline_chart_has_one_row_per_event(ds) -> None:
    text = page(ds, "/-/timeline")
    events = fr_az_crisis.load("events")
    assert sorted(re.findall(r'data-event-id="([a-z0-9_]+)"', text)) == sorted(events["event_id"])
    assert set(re.findall(rf'href="/{DB}/events/([a-z0-9_]+)"', text)) == set(events["event_id"])
    for value in DEF.table("events").field("episode").enum:
        assert f"<strong>{value.replace('_', ' ')}</strong>" in text


def test_about_page_has_every_vocabulary_and_licence(ds) -> None:
    text = unescape(page(ds, "/-/about"))
    for table in DEF.tables.values():
        for f in table.fields:
            for value in f.enum or ():
                assert (
                    f"<dt><code>{value}</code></dt><dd>{f.value_descriptions[value]}</dd>" in text
                )
    descriptor = json.loads((Path(__file__).parents[1] / "datapackage.json").read_text())
    for lic in descriptor["licenses"]:
        # a licence given as a file of the package (the publishers' rights) is named, not
        # linked: only http(s) addresses become links
        linked = lic["path"].startswith(("http://", "https://"))
        assert lic["title"] in text and (f'href="{lic["path"]}"' in text) == linked
    assert "MIT" in text and f"Data version {VERSION}" in text


@pytest.mark.parametrize("path", ["/", f"/{DB}/claims", f"/{DB}/claims/{CLAIM}", "/-/timeline"])
def test_footer_carries_the_version_and_about(ds, path: str) -> None:
    footer = page(ds, path).split('<footer class="ft">')[1]
    assert f"data version {VERSION}" in footer and 'href="/-/about"' in footer


def test_map_popups_carry_the_title_and_a_link(ds) -> None:
    rows = get(ds, f"/{DB}/timeline.json?_shape=array&_size=max").json()
    for r in rows:
        popup = json.loads(r["popup"])
        assert r["title"] in popup["title"] and popup["link"] == f"events/{r['event_id']}"
    tables = build_metadata()["databases"][DB]["tables"]
    with_map = [
        n
        for n, t in tables.items()
        if "latitude" in t.get("columns", {}) and "longitude" in t.get("columns", {})
    ]
    for name in with_map:  # a map without popups lists every column: no map there
        assert "popup" in tables[name]["columns"] or tables[name]["plugins"]


def test_home_page_leads_to_every_task(ds) -> None:
    text = page(ds, "/")
    for task in ("chronology", "disagreements", "accusations", "reading"):
        assert f'id="task-{task}"' in text
    archived = fr_az_crisis.load("sources").filter(pl.col("is_archived"))
    assert set(re.findall(r'href="/-/sources/([a-z0-9_]+)"', text)) == set(archived["source_id"])


# --- safety and limits that hold on the real data --------------------------------------------


def test_markup_in_data_is_escaped(db: Path, tmp_path: Path) -> None:
    payload = '<script>alert("x")</script><b>bold</b>'
    sid = "le_monde_2023_12_tensions_rise"
    evil = db_copy(
        db,
        tmp_path / "fr_az_crisis.db",
        ("update source_texts set text = ? || text where source_id = ?", (payload, sid)),
        ("update claims set summary = ? where claim_id = 'lemonde_48_hours'", (payload,)),
        (
            "update events set title = ? where event_id = 'cis_informal_summit_2023_12_26'",
            (payload,),
        ),
        (
            "update timeline set title = ? where event_id = 'cis_informal_summit_2023_12_26'",
            (payload,),
        ),
    )
    ds = make_datasette(evil)
    for path, shown in (
        (f"/-/sources/{sid}", "&lt;"),
        ("/-/timeline", "&lt;b&gt;bold&lt;/b&gt;"),
        (f"/{DB}/claims/lemonde_48_hours", "&lt;b&gt;bold&lt;/b&gt;"),
        (f"/{DB}/events/cis_informal_summit_2023_12_26", "&lt;b&gt;bold&lt;/b&gt;"),
        ("/-/accusations", ""),
    ):
        text = get(ds, path).text
        assert "<script>alert" not in text and "<b>bold</b>" not in text, path
        assert shown in text, path


def test_database_is_read_only(ds) -> None:
    sql = quote("delete from claims")
    response = get(ds, f"/{DB}.json?sql={sql}")
    assert response.status_code == 400
    assert (
        fr_az_crisis.load("claims").height
        == get(ds, f"/{DB}/claims.json?_size=0").json()["filtered_table_rows_count"]
    )


def test_long_query_stops_at_the_time_limit(db: Path) -> None:
    ds = make_datasette(db, time_limit_ms=50)
    sql = quote(
        "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r"
    )
    response = get(ds, f"/{DB}.json?sql={sql}")
    assert response.status_code == 400
    assert "too long" in response.text.lower() or "interrupted" in response.text.lower()


def test_plugin_is_registered_through_the_entry_point(ds) -> None:
    names = {p["name"] for p in get(ds, "/-/plugins.json").json()}
    assert {
        "fr-az-crisis",
        "datasette-cluster-map",
        "datasette-search-all",
        "datasette-vega",
    } <= names


def test_views_are_shown_without_a_costly_count(ds) -> None:
    data = get(ds, f"/{DB}/event_evidence.json").json()
    assert data["filtered_table_rows_count"] is None and data["rows"]
    counted = get(ds, f"/{DB}/claims.json?_size=0").json()
    assert counted["filtered_table_rows_count"] == fr_az_crisis.load("claims").height
