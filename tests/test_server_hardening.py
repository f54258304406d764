"""The server holds when the database, the metadata or the request is hostile (issue 14's
server side): SQLite value limits, denied functions, clean 404 and 405, no file paths, no
markup or javascript: link from data or metadata, no text served that no sources row names,
a chart that survives any valid date. Against the real Datasette, through its internal client;
tests/test_browser.py runs the injection payloads in Chromium."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import copy_package
from datasette_helpers import db_copy, get, links_of, make_datasette, request

from fr_az_crisis.datasette_metadata import build_metadata, database_name, presentation
from fr_az_crisis.datasette_plugin.hardening import error_status, harden_connection

DB = database_name()
XSS = '<img src=x onerror="window.__xss=1">'
JS_URL = "javascript:window.__xss=2"


@pytest.fixture(scope="module")
def ds(db: Path):
    return make_datasette(db)


def run_sql(ds, sql: str):
    return get(ds, f"/{DB}.json?sql={quote(sql)}&_shape=array")


# --- SQLite: value size and functions --------------------------------------------------------


def test_a_huge_printf_gives_null_without_allocating(ds) -> None:
    rows = run_sql(ds, "select printf('%.*c', 300000000, 'x') is null as refused").json()
    assert rows == [{"refused": 1}]


def test_the_limit_keeps_memory_small(tmp_path: Path) -> None:
    """Without the limit this call grows the process by 300 MB; with it, by nothing."""
    import subprocess
    import sys

    script = (
        "import resource, sqlite3\n"
        "from fr_az_crisis.datasette_plugin.hardening import harden_connection\n"
        "c = sqlite3.connect(':memory:')\n"
        "harden_connection(c)\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "c.execute(\"select printf('%.*c', 300000000, 'x')\").fetchall()\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    grown_kib = int(
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout
    )
    assert grown_kib < 50_000


@pytest.mark.parametrize(
    "sql",
    [
        "select zeroblob(300000000) as x",
        "select randomblob(300000000) as x",
        "select replace(printf('%.*c', 900000, 'x'), 'x', 'xxxxxxxxxx') as x",
    ],
)
def test_a_huge_value_is_refused(ds, sql: str) -> None:
    response = run_sql(ds, sql)
    assert response.status_code == 400
    assert "too big" in response.json()["error"]


def test_a_value_within_the_limit_is_served(ds) -> None:
    rows = run_sql(ds, "select length(printf('%.*c', 100000, 'x')) as n").json()
    assert rows == [{"n": 100000}]


def test_every_connection_is_limited() -> None:
    conn = sqlite3.connect(":memory:")
    harden_connection(conn)
    limit = presentation()["sqliteLimits"]["length"]
    assert conn.getlimit(sqlite3.SQLITE_LIMIT_LENGTH) == limit
    with pytest.raises(sqlite3.DataError):
        conn.execute("select zeroblob(?)", (limit + 1,)).fetchall()
    assert conn.execute("select printf('%.*c', ?, 'x')", (limit + 1,)).fetchone() == (None,)


@pytest.mark.parametrize(
    "sql",
    [
        "select fts3_tokenizer('simple') as x",
        "select hex(fts3_tokenizer('porter')) as x",
        "select load_extension('/tmp/x') as x",
        "select fts5(null) as x",
    ],
)
def test_dangerous_functions_are_denied(ds, sql: str) -> None:
    response = run_sql(ds, sql)
    assert response.status_code == 400
    assert "not authorized" in response.json()["error"]


def test_denied_even_through_a_view_or_a_subquery(ds) -> None:
    response = run_sql(ds, "select * from (select fts3_tokenizer('simple') as x)")
    assert response.status_code == 400


def test_sql_cannot_read_the_database_path(ds, db: Path) -> None:
    response = run_sql(ds, "select * from pragma_database_list")
    assert response.status_code == 200
    assert [r["file"] for r in response.json()] == [None]
    assert str(db.parent) not in response.text


# --- routes and methods ---------------------------------------------------------------------

NOT_FOUND = [
    "/nope",
    "/nope/a/b/c",
    f"/{DB}/nope",
    f"/{DB}/nope.json",
    f"/{DB}/claims/no_such_claim",
    f"/{DB}/claims/a/b",
    f"/{DB}/-/nope",
    "/-/static-plugins/nope/x",
    "/-/static/nope.css",
    "/-/sources/no_such_source",
    "/-/sources/a/b",
    "/-/nope",
    "/-/threads",
    "/-/threads.json",
]


@pytest.mark.parametrize("path", NOT_FOUND)
def test_unmatched_routes_answer_404(ds, path: str) -> None:
    response = get(ds, path)
    assert response.status_code == 404, response.text[:300]
    assert "Traceback" not in response.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
@pytest.mark.parametrize("path", ["/", f"/{DB}/search_quotes", f"/{DB}/claims", "/-/timeline"])
def test_other_methods_answer_405(ds, method: str, path: str) -> None:
    response = request(ds, method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def test_head_is_allowed(ds) -> None:
    assert request(ds, "HEAD", f"/{DB}/claims").status_code == 200


def test_a_request_mistake_is_a_400_with_its_message(ds) -> None:
    response = get(ds, f"/{DB}/claims?_sort=no_such_column")
    assert response.status_code == 400
    assert "Cannot sort table by no_such_column" in response.text


def test_a_server_error_says_nothing_about_itself() -> None:
    status, message, _ = error_status(RuntimeError("/home/secret/fr_az_crisis.db is broken"))
    assert status == 500 and "secret" not in message


def test_an_error_in_a_page_is_a_clean_500(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fr_az_crisis.datasette_plugin.row_pages as row_pages

    async def broken(*args: object) -> None:
        raise RuntimeError(f"cannot read {db}")

    monkeypatch.setitem(row_pages.ROW_PAGES, "claims", broken)
    response = get(make_datasette(db), f"/{DB}/claims/lemonde_48_hours")
    assert response.status_code == 500
    assert str(db.parent) not in response.text and "Traceback" not in response.text
    assert "Internal error" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/-/databases.json",
        "/-/versions.json",
        "/-/plugins.json",
        "/-/settings.json",
        "/-/metadata.json",
        f"/{DB}.json",
        "/-/databases",
    ],
)
def test_no_absolute_path_is_disclosed(ds, db: Path, path: str) -> None:
    response = get(ds, path)
    assert response.status_code == 200
    for folder in (str(db.parent), str(Path(__file__).resolve().parents[1])):
        assert folder not in response.text, path
    if path == "/-/databases.json":
        assert all("path" not in entry for entry in response.json())


# --- the chart survives any valid date --------------------------------------------------------


@pytest.mark.parametrize(
    "start, end",
    [("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-01"), ("2023-12-27", "9999-12-31")],
)
def test_the_chart_survives_any_valid_date(db: Path, tmp_path: Path, start: str, end: str) -> None:
    event = "france_expels_azerbaijani_diplomats_2023_12_27"
    odd = db_copy(
        db,
        tmp_path / "fr_az_crisis.db",
        (
            "update timeline set date_start = ?, date_end = ? where event_id = ?",
            (start, end, event),
        ),
        ("update events set date_start = ?, date_end = ? where event_id = ?", (start, end, event)),
    )
    ds = make_datasette(odd)
    response = get(ds, "/-/timeline")
    assert response.status_code == 200
    row = response.text.split(f'data-event-id="{event}"')[1].split("</li>")[0]
    mark = "»" if end.startswith("9999") else "«"
    assert mark in row
    axis = re.search(
        r"\((\d{4})-\d\d-\d\d to (\d{4})-\d\d-\d\d\), drawn at its edge", response.text
    )
    assert axis and "2020" <= axis.group(1) <= "2023" and axis.group(2) == "2024"  # not squeezed
    assert get(ds, f"/{DB}/events/{event}").status_code == 200


# --- stored injection: data and metadata --------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(db: Path, tmp_path_factory: pytest.TempPathFactory):
    """The real database with markup and javascript: URLs planted in data, served with
    metadata built from a package whose descriptor carries the same."""
    folder = tmp_path_factory.mktemp("hostile")
    package = copy_package(folder / "package")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["description"] = XSS + " description"
    descriptor["title"] = XSS
    descriptor["homepage"] = JS_URL
    descriptor["licenses"][0]["path"] = JS_URL
    descriptor["licenses"][0]["title"] = XSS
    descriptor["contributors"][0]["title"] = XSS
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    sid = "le_monde_2023_12_tensions_rise"
    planted = db_copy(
        db,
        folder / "db" / "fr_az_crisis.db",
        (
            "update sources set url = ?, title = ?, origin_note = ? where source_id = ?",
            (JS_URL, XSS, XSS, sid),
        ),
        (
            "update sources set url = ? where source_id = 'anews_2023_12_15_aliyev_more_armenian'",
            (" JavaScript:window.__xss=3",),
        ),
        (
            "update claims set quote = ?, summary = ? where claim_id = 'lemonde_48_hours'",
            (XSS, XSS),
        ),
        ("update claim_relations set note = ?", (XSS,)),
        ("update events set title = ?, description = ?, coding_note = ?", (XSS, XSS, XSS)),
        ("update timeline set title = ?", (XSS,)),
        (
            "update actors set name = ?, wikidata_id = ? where actor_id = 'france'",
            (XSS, 'Q1"><img src=x>'),
        ),
        ("update source_texts set text = ? || text where source_id = ?", (XSS, sid)),
    )
    return make_datasette(planted, package_dir=package)


HOSTILE_PAGES = [
    "/",
    "/-/about",
    "/-/timeline",
    "/-/disagreements",
    "/-/accusations",
    "/-/sources/le_monde_2023_12_tensions_rise",
    f"/{DB}",
    f"/{DB}/claims",
    f"/{DB}/claims/lemonde_48_hours",
    f"/{DB}/sources/le_monde_2023_12_tensions_rise",
    f"/{DB}/sources/anews_2023_12_15_aliyev_more_armenian",
    f"/{DB}/events/france_expels_azerbaijani_diplomats_2023_12_27",
    f"/{DB}/actors/france",
    f"/{DB}/timeline",
    f"/{DB}/search_quotes?q=onerror",
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_planted_markup_is_text_and_no_javascript_link(hostile, path: str) -> None:
    response = get(hostile, path)
    assert response.status_code == 200, response.text[:300]
    assert "<img src=x" not in response.text
    bad = [
        link for link in links_of(response.text) if link.strip().lower().startswith("javascript:")
    ]
    assert not bad, bad


def test_planted_metadata_is_escaped_where_it_shows(hostile) -> None:
    home = get(hostile, "/").text
    assert "&lt;img src=x onerror=" in home
    assert build_metadata is not None and "license_url" not in hostile.metadata()
    assert "source_url" not in hostile.metadata()


def test_a_text_no_sources_row_names_is_refused(db: Path, tmp_path: Path) -> None:
    planted = db_copy(
        db,
        tmp_path / "fr_az_crisis.db",
        ("insert into source_texts values ('ghost_text', 'words with no source row')", ()),
    )
    ds = make_datasette(planted)
    assert get(ds, "/-/sources/ghost_text").status_code == 404
    assert "ghost_text" not in get(ds, "/").text


def test_a_text_file_no_sources_row_names_is_not_listed(db: Path, tmp_path: Path) -> None:
    package = copy_package(tmp_path / "package")
    (package / "data" / "sources" / "ghost_text.txt").write_text("planted", encoding="utf-8")
    ds = make_datasette(db, package_dir=package)
    assert "ghost_text" not in get(ds, "/").text
    assert "ghost_text" not in json.dumps(build_metadata(package))


def test_a_citation_only_source_has_no_reading_page(ds) -> None:
    assert get(ds, "/-/sources/anews_2023_12_15_aliyev_more_armenian").status_code == 404
