"""The server is ready before its first request: no request writes Datasette's internal database.

Datasette 0.65 keeps its schema tables in a shared-cache in-memory database and creates them
on the first request to one of its own views. Shared cache locks by table: while another
request reads that database's ``sqlite_master`` (datasette-search-all's menu link lists the
tables of every database), the creation fails at once with "database table is locked:
sqlite_master", and the page answers 500. CI saw it once, on ``/fr_az_crisis/sources``, in the
crawl's first concurrent batch. The plugin's startup hook now does that work.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from datasette.utils.internal_db import init_internal_db
from datasette_helpers import make_datasette

from fr_az_crisis.datasette_metadata import database_name

DB = database_name()
FIRST_BATCH = [
    f"/{DB}/sources",
    f"/{DB}/claims",
    f"/{DB}/events",
    f"/{DB}/actors",
    f"/{DB}/claims.json",
    f"/{DB}",
    "/-/search",
    "/",
]


def test_a_reader_of_the_internal_schema_makes_its_creation_fail(db: Path) -> None:
    """The hazard itself, made certain: a read held on the internal ``sqlite_master``."""
    ds = make_datasette(db)
    internal = ds.databases["_internal"]
    reader = internal.connect()
    reader.execute("begin")
    reader.execute("select count(*) from sqlite_master").fetchall()
    with pytest.raises(sqlite3.OperationalError) as raised:
        asyncio.run(init_internal_db(internal))
    reader.close()
    assert str(raised.value) == "database table is locked: sqlite_master"


def test_after_startup_no_request_writes_the_internal_database(db: Path) -> None:
    ds = make_datasette(db)
    internal = ds.databases["_internal"]
    writes: list[str] = []
    write = internal.execute_write_fn

    async def record(fn: Any, block: bool = True) -> Any:
        writes.append(getattr(fn, "__name__", repr(fn)))
        return await write(fn, block=block)

    async def serve() -> list[tuple[str, int]]:
        await ds.invoke_startup()
        internal.execute_write_fn = record
        responses = await asyncio.gather(*(ds.client.get(path) for path in FIRST_BATCH))
        return [(path, r.status_code) for path, r in zip(FIRST_BATCH, responses, strict=True)]

    statuses = asyncio.run(serve())
    assert writes == []
    assert statuses == [(path, 200) for path in FIRST_BATCH]
    assert ds.internal_db_created


def test_startup_records_the_published_tables_in_the_internal_database(db: Path) -> None:
    """What the requests would have written is there before them: every table of the file."""
    ds = make_datasette(db)

    async def tables() -> tuple[set[str], set[str]]:
        await ds.invoke_startup()
        internal = ds.databases["_internal"]
        recorded = await internal.execute(
            "select table_name from tables where database_name = ?", [DB]
        )
        published = await ds.databases[DB].table_names()
        return {row[0] for row in recorded}, set(published)

    recorded, published = asyncio.run(tables())
    assert recorded == published
