"""What the server refuses: oversized values, dangerous SQL functions, methods it does not
serve, and answers that would show a traceback or a file path.

Datasette runs anonymous SQL; its time limit stops long queries but not one call that builds
a huge value (``printf('%.*c', 300000000, 'x')`` allocates 300 MB at once), and SQLite's
``fts3_tokenizer()`` hands out a pointer that is a known exploitation primitive. Both are
closed on every connection Datasette opens. The limits and the denied functions are declared
in ``schemas/datasette.json``.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from fr_az_crisis.datasette_metadata import presentation

LOG = logging.getLogger(__name__)

LIMITS = {
    "length": sqlite3.SQLITE_LIMIT_LENGTH,
    "sqlLength": sqlite3.SQLITE_LIMIT_SQL_LENGTH,
    "likePatternLength": sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH,
}
HIDDEN_COLUMNS = {("pragma_database_list", "file")}
"""Columns read as NULL: the database's absolute path is nobody's business."""

SAFE_METHODS = ("GET", "HEAD")


def denied_functions() -> frozenset[str]:
    return frozenset(name.lower() for name in presentation()["deniedFunctions"])


def _authorizer(denied: frozenset[str]) -> Callable[..., int]:
    def authorize(action: int, arg1: str | None, arg2: str | None, *_: Any) -> int:
        if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in denied:
            return sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_READ and (arg1, arg2) in HIDDEN_COLUMNS:
            return sqlite3.SQLITE_IGNORE
        if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    return authorize


def harden_connection(conn: sqlite3.Connection) -> None:
    """Cap value and SQL sizes and deny the dangerous functions on one connection."""
    for key, limit in presentation()["sqliteLimits"].items():
        conn.setlimit(LIMITS[key], int(limit))
    conn.set_authorizer(_authorizer(denied_functions()))


Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def read_only_methods(app: ASGIApp) -> ASGIApp:
    """Answer 405 to any method but GET and HEAD: the site publishes and never accepts data
    (Datasette 0.65 answers a POST to a canned query with a 500)."""

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http" and scope.get("method") not in SAFE_METHODS:
            wants_json = scope.get("path", "").endswith(".json")
            body = (
                json.dumps({"ok": False, "status": 405, "error": "Method not allowed"}).encode()
                if wants_json
                else b"<!DOCTYPE html><title>405 Method not allowed</title>"
                b"<h1>405 Method not allowed</h1><p>This site is read-only: use GET.</p>"
            )
            content_type = b"application/json" if wants_json else b"text/html; charset=utf-8"
            await send(
                {
                    "type": "http.response.start",
                    "status": 405,
                    "headers": [
                        (b"allow", ", ".join(SAFE_METHODS).encode()),
                        (b"content-type", content_type),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return guarded


USER_ERRORS = ("Cannot sort table by", "Cannot use _sort and _sort_desc", "Invalid _through")
"""Datasette 0.65 answers these mistakes in a request with status 500; they are a 400."""


def error_status(exception: BaseException, request: Any = None) -> tuple[int, str, str | None]:
    """Status, message and title of an error page. A server error says nothing about the
    exception: its text can name files and paths of the server."""
    from datasette.database import QueryInterrupted
    from datasette.utils.asgi import Base400
    from datasette.views.base import DatasetteError

    if isinstance(exception, QueryInterrupted):
        return 503, "The server is busy: a query took longer than its time limit. Try again.", None
    if isinstance(exception, Base400):
        return exception.status, str(exception.args[0]) if exception.args else "", None
    if isinstance(exception, DatasetteError):
        message = str(exception.message)
        asked_sql = request is not None and "sql" in request.args
        if message.startswith("no such table") and not asked_sql:
            return 404, "Not found", None  # a path that names no table, not a query
        if exception.status >= 500 and not message.startswith(USER_ERRORS):
            LOG.error("server error: %s", message)
            return 500, "Internal error: the server could not answer this request.", None
        status = 400 if exception.status >= 500 else exception.status
        return status, message, exception.title
    LOG.error("unhandled error", exc_info=exception)
    return 500, "Internal error: the server could not answer this request.", None


def server_paths(datasette: Any) -> list[str]:
    """Folders of this server that an error message must not show, longest first."""
    import sys
    import tempfile
    from pathlib import Path

    found = {sys.prefix, sys.base_prefix, tempfile.gettempdir(), str(Path.home()), os.getcwd()}
    for db in datasette.databases.values():
        if db.path:
            found |= {str(Path(db.path).resolve().parent), str(Path(db.path).parent)}
    found.add(str(Path(__file__).resolve().parents[2]))
    return sorted((p for p in found if len(p) > 1), key=len, reverse=True)


def without_paths(message: str, datasette: Any) -> str:
    for path in server_paths(datasette):
        message = message.replace(path, "…")
    return message


async def error_response(datasette: Any, request: Any, exception: BaseException) -> Any:
    """A clean error page (or JSON) with the right status and no traceback."""
    from datasette.utils.asgi import Response
    from markupsafe import Markup

    status, message, title = error_status(exception, request)
    if "<" in message:
        message = Markup(message).striptags()
    message = without_paths(message, datasette)
    title = title or {404: "Not found", 405: "Method not allowed"}.get(status, f"Error {status}")
    if (request.path or "").split("?")[0].endswith(".json"):
        return Response.json(
            {"ok": False, "status": status, "title": title, "error": message}, status=status
        )
    try:
        html = await datasette.render_template(
            "fr_error.html",
            {"status": status, "title": title, "error": message},
            request=request,
        )
    except Exception:  # the page itself failed: answer in plain text rather than not at all
        LOG.exception("error page failed")
        return Response.text(f"{status} {title}", status=status)
    return Response.html(html, status=status)
