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


def error_status(exception: BaseException) -> tuple[int, str, str | None]:
    """Status, message and title of an error page. A 500 says nothing about the exception:
    its text can name files and paths of the server."""
    from datasette.utils.asgi import Base400
    from datasette.views.base import DatasetteError

    if isinstance(exception, Base400):
        return exception.status, str(exception.args[0]) if exception.args else "", None
    if isinstance(exception, DatasetteError):
        message = exception.message
        if exception.message_is_html:  # Datasette's own markup; shown as text here
            message = str(message)
        return exception.status, str(message), exception.title
    LOG.error("unhandled error", exc_info=exception)
    return 500, "Internal error: the server could not answer this request.", None


async def error_response(datasette: Any, request: Any, exception: BaseException) -> Any:
    """A clean error page (or JSON) with the right status and no traceback."""
    from datasette.utils.asgi import Response
    from markupsafe import Markup

    status, message, title = error_status(exception)
    if "<" in message:
        message = Markup(message).striptags()
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
