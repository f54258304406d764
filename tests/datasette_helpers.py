"""A real Datasette instance over the built database, for the API and page tests."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from datasette.app import Datasette

from fr_az_crisis.datasette_metadata import build_metadata, settings


def make_datasette(
    db: Path, *, time_limit_ms: int | None = None, package_dir: Path | None = None
) -> Datasette:
    chosen = settings()
    if time_limit_ms is not None:
        chosen["sql_time_limit_ms"] = time_limit_ms
    return Datasette(immutables=[str(db)], metadata=build_metadata(package_dir), settings=chosen)


def get(ds: Datasette, path: str) -> Any:
    async def fetch() -> Any:
        await ds.invoke_startup()
        return await ds.client.get(path)

    return asyncio.run(fetch())


def request(ds: Datasette, method: str, path: str) -> Any:
    async def send() -> Any:
        await ds.invoke_startup()
        return await ds.client.request(method, path)

    return asyncio.run(send())


def db_copy(db: Path, dest: Path, *statements: tuple[str, tuple]) -> Path:
    """A copy of the built database with ``statements`` applied (payloads, odd dates)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(db, dest)
    conn = sqlite3.connect(dest)
    for sql, params in statements:
        conn.execute(sql, params)
    conn.commit()
    conn.close()
    return dest


class Links(HTMLParser):
    """Every href and src of a page, and the text of elements with a given class."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def links_of(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.links
