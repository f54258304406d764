"""A real Datasette instance over the built database, for the API tests."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from datasette.app import Datasette

from fr_az_crisis.datasette_metadata import build_metadata, settings


def make_datasette(db: Path, *, time_limit_ms: int | None = None) -> Datasette:
    chosen = settings()
    if time_limit_ms is not None:
        chosen["sql_time_limit_ms"] = time_limit_ms
    return Datasette(immutables=[str(db)], metadata=build_metadata(), settings=chosen)


def get(ds: Datasette, path: str) -> Any:
    async def fetch() -> Any:
        await ds.invoke_startup()
        return await ds.client.get(path)

    return asyncio.run(fetch())
