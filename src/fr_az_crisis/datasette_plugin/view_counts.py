"""Views are shown without a total row count.

Datasette counts the rows of every table page it shows. For a table the count comes free
(the inspect file holds it); for a view it is a query over the whole view: at a million claims
``select count(*) from event_evidence`` runs into the one-second time limit on every visit,
and the page waits for it. The rows themselves stream in index order and take milliseconds.
So a view's page asks Datasette not to count (``_nocount=1``, as a reader could); pages still
page through with "Next page".
"""

from __future__ import annotations

from typing import Any

from fr_az_crisis.datasette_plugin.hardening import ASGIApp, Receive, Scope, Send
from fr_az_crisis.datasette_plugin.queries import DATABASE
from fr_az_crisis.definition import project_definition

FORMATS = ("", ".json", ".csv")


def view_paths(datasette: Any) -> frozenset[str]:
    if DATABASE not in datasette.databases:
        return frozenset()
    views = [t.name for t in project_definition().derived.values() if t.kind == "view"]
    return frozenset(
        datasette.urls.table(DATABASE, name) + suffix for name in views for suffix in FORMATS
    )


def count_views_lazily(datasette: Any, app: ASGIApp) -> ASGIApp:
    paths = view_paths(datasette)

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http" and scope.get("path") in paths:
            query = scope.get("query_string", b"")
            if b"_nocount=" not in query:
                extra = b"_nocount=1"
                scope = dict(scope, query_string=query + b"&" + extra if query else extra)
        await app(scope, receive, send)

    return wrapped
