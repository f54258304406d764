"""The plugin acts only on this project's database.

Installed in an environment, its entry point loads into every Datasette; serving someone
else's database, it must add no menu link, no page, no stylesheet, no footer, and leave
Datasette's own pages, facets and error handling as they are.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    path = tmp_path_factory.mktemp("other") / "inventory.db"
    conn = sqlite3.connect(path)
    conn.execute("create table items (id integer primary key, kind text, name text)")
    conn.executemany(
        "insert into items values (?, ?, ?)", [(1, "a", "x"), (2, "a", "y"), (3, "b", "z")]
    )
    conn.commit()
    conn.close()
    return Datasette([str(path)])


def get(ds: Datasette, path: str) -> Any:
    async def fetch() -> Any:
        await ds.invoke_startup()
        return await ds.client.get(path)

    return asyncio.run(fetch())


def test_the_plugin_is_loaded_but_changes_nothing_here(other: Datasette) -> None:
    plugins = {p["name"] for p in get(other, "/-/plugins.json").json()}
    assert "fr-az-crisis" in plugins, plugins
    home = get(other, "/")
    assert home.status_code == 200 and 'href="/inventory"' in home.text
    for ours in ("Chronology", "Where sources disagree", "fr-footer", "site.css", "data version"):
        assert ours not in home.text, ours


def test_its_pages_do_not_exist_on_another_database(other: Datasette) -> None:
    for path in ("/-/about", "/-/disagreements", "/-/accusations", "/-/sources/anything"):
        assert get(other, path).status_code == 404, path


def test_tables_keep_datasettes_own_layout_and_facets(other: Datasette) -> None:
    page = get(other, "/inventory/items?_facet=kind")
    assert page.status_code == 200
    assert "fr-fold" not in page.text and "fr-facets" not in page.text
    data = get(other, "/inventory/items.json?_facet=kind").json()
    counts = {v["value"]: v["count"] for v in data["facet_results"]["kind"]["results"]}
    assert counts == {"a": 2, "b": 1}


def test_sql_on_another_database_is_not_capped_by_our_limits(other: Datasette) -> None:
    """Our value-size cap and denied functions guard our server only."""
    sql = "select length(printf('%.*c', 2000000, 'x')) as n"
    rows = get(other, f"/inventory.json?sql={sql}&_shape=array").json()
    assert rows == [{"n": 2000000}]


def test_our_database_still_gets_everything(tmp_path: Path) -> None:
    from datasette_helpers import make_datasette

    from fr_az_crisis.sqlite_db import build_database

    ds = make_datasette(build_database(tmp_path / "fr_az_crisis.db"))
    home = get(ds, "/")
    assert "Chronology" in home.text and "fr-footer" in home.text
    assert get(ds, "/-/about").status_code == 200
