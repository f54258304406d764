"""Run a page's SQL, declared once in ``schemas/datasette.json`` (``pageQueries``)."""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import NotFound

from fr_az_crisis.datasette_metadata import database_name, presentation

DATABASE = database_name()


def page_sql(name: str) -> str:
    """A page query's SQL; a list of lines is joined with newlines."""
    sql = presentation()["pageQueries"][name]
    return "\n".join(sql) if isinstance(sql, list) else str(sql)


async def rows(datasette: Any, name: str, **params: Any) -> list[dict[str, Any]]:
    """The rows of page query ``name`` as dicts."""
    if DATABASE not in datasette.databases:
        raise NotFound(f"The database {DATABASE} is not served here.")
    db = datasette.get_database(DATABASE)
    result = await db.execute(page_sql(name), params)
    return [dict(r) for r in result.rows]


async def one(datasette: Any, name: str, **params: Any) -> dict[str, Any] | None:
    found = await rows(datasette, name, **params)
    return found[0] if found else None
