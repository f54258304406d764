"""The Datasette publication through its internal client: counts, search, facets, queries, safety."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

import polars as pl
import pytest
from datasette_helpers import get, make_datasette

import fr_az_crisis
from fr_az_crisis.datasette_metadata import database_name, presentation
from fr_az_crisis.sqlite_db import build_database

DB = database_name()
CANNED_QUERIES = presentation()["queries"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_database(tmp_path_factory.mktemp("db") / "fr_az_crisis.db")


@pytest.fixture(scope="module")
def ds(db: Path):
    return make_datasette(db)


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


PARAMS = {
    "evidence_for_event": "event_id=azerbaijan_expels_french_diplomats_2023_12_26",
    "who_said_what": "claimant_actor_id=france_foreign_ministry",
    "search_quotes": "q=persona",
    "contradictions": "",
    "source_coverage": "",
}


@pytest.mark.parametrize("name", sorted(CANNED_QUERIES))
def test_canned_queries_run(ds, name: str) -> None:
    response = get(ds, f"/{DB}/{name}.json?_shape=array&{PARAMS[name]}")
    assert response.status_code == 200, response.text
    rows = response.json()
    if name != "contradictions":
        assert rows, f"{name} returned no rows"


def test_foreign_key_labels(ds) -> None:
    rows = get(
        ds, f"/{DB}/claims.json?_labels=on&_shape=array&claim_id=massis_staff_ordered_to_leave"
    ).json()
    assert rows[0]["claimant_actor_id"] == {
        "value": "azerbaijan_foreign_ministry",
        "label": "Ministry of Foreign Affairs of Azerbaijan",
    }


def test_reading_page_highlights_every_claim(ds) -> None:
    sid = "le_monde_2023_12_tensions_rise"
    html = get(ds, f"/-/sources/{sid}").text
    claims = fr_az_crisis.load("claims").filter(pl.col("source_id") == sid)
    for claim_id in claims["claim_id"]:
        assert f'id="claim-{claim_id}"' in html
        assert f'href="/{DB}/claims/{claim_id}"' in html
    assert html.count('<mark class="claim') >= claims.height // 2
    assert 'class="furniture" data-kind="paywall_notice"' in html


def test_unknown_source_reading_page_is_404(ds) -> None:
    assert get(ds, "/-/sources/no_such_source").status_code == 404


def test_timeline_chart_has_one_mark_per_event(ds) -> None:
    html = get(ds, "/-/timeline").text
    assert html.count('class="timeline-event"') == fr_az_crisis.load("events").height


def test_markup_in_data_is_escaped(db: Path, tmp_path: Path) -> None:
    evil = tmp_path / "fr_az_crisis.db"
    shutil.copy(db, evil)
    conn = sqlite3.connect(evil)
    payload = '<script>alert("x")</script><b>bold</b>'
    text = conn.execute(
        "select text from source_texts where source_id='le_monde_2023_12_tensions_rise'"
    ).fetchone()[0]
    conn.execute(
        "update source_texts set text = ? where source_id = 'le_monde_2023_12_tensions_rise'",
        (payload + text,),
    )
    conn.execute("update claims set summary = ? where claim_id = 'lemonde_48_hours'", (payload,))
    for table in ("events", "timeline"):
        conn.execute(
            f"update {table} set title = ? where event_id = 'cis_informal_summit_2023_12_26'",
            (payload,),
        )
    conn.commit()
    conn.close()
    ds = make_datasette(evil)
    for path in (
        "/-/sources/le_monde_2023_12_tensions_rise",
        "/-/timeline",
        f"/{DB}/claims/lemonde_48_hours",
    ):
        html = get(ds, path).text
        assert "<script>alert" not in html and "<b>bold</b>" not in html, path
        assert "&lt;script&gt;" in html, path


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
