"""Datasette plugin: the words first, every link followed, a hardened read-only server.

Registered through the ``datasette`` entry point, so an installed package serves it. Pages:
readable claim, event, source and actor pages (``row_pages``), a reading page per archived
source (``reading``), the chronology (``chronology``), where the sources disagree
(``disagreements``), accusations and responses (``accusations``), the about page
(``about``). Every table shows its columns words first, ids as links, booleans as yes and
no. The server caps SQLite values, denies dangerous functions, answers 404 and 405 cleanly
and never shows a traceback or a file path (``hardening``). Jinja autoescaping keeps data
text; only http(s) addresses from data or metadata become links.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.utils import urlsafe_components
from datasette.utils.asgi import Response

from fr_az_crisis.datasette_metadata import database_name
from fr_az_crisis.datasette_plugin import cells, facets, hardening, view_counts
from fr_az_crisis.datasette_plugin.about import about_page
from fr_az_crisis.datasette_plugin.accusations import accusations_page
from fr_az_crisis.datasette_plugin.chronology import chronology_page
from fr_az_crisis.datasette_plugin.columns import display_order
from fr_az_crisis.datasette_plugin.disagreements import disagreements_page
from fr_az_crisis.datasette_plugin.fts_query import FUNCTION_NAME, fts_query
from fr_az_crisis.datasette_plugin.home import home_page
from fr_az_crisis.datasette_plugin.reading import reading_page
from fr_az_crisis.datasette_plugin.row_pages import ROW_PAGES
from fr_az_crisis.datasette_plugin.site_info import PAGES, site_context
from fr_az_crisis.schema_names import sources as S

DATABASE = database_name()
PLUGIN_STATIC = "fr-az-crisis"


def _exact(path: str) -> str:
    return "^" + path.replace(".", r"\.") + "$"


def ours(datasette: Any) -> bool:
    """Whether this Datasette serves the project's database. Installed in an environment,
    the plugin must change nothing for other databases: every hook asks this first."""
    return DATABASE in datasette.databases


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    if not ours(datasette):
        return []
    return [
        (r"^/$", home_page),
        (rf"^/-/sources/(?P<{S.source_id}>[a-z0-9_]+)$", reading_page),
        (_exact(PAGES["chronology"]), chronology_page),
        (_exact(PAGES["disagreements"]), disagreements_page),
        (_exact(PAGES["accusations"]), accusations_page),
        (_exact(PAGES["about"]), about_page),
        # Datasette's own pages that show the server's file paths: without them.
        (r"^/-/databases(?P<as_json>\.json)?$", databases_without_paths),
        (r"^/-/threads(\.json)?$", not_published),
    ]


async def databases_without_paths(datasette: Any, request: Any) -> Response:
    listed = [
        {
            "name": db.name,
            "route": db.route,
            "is_mutable": db.is_mutable,
            "is_memory": db.is_memory,
            "hash": db.hash,
        }
        for db in datasette.databases.values()
        if db.name != "_internal"
    ]
    return Response.json(listed)


async def not_published(datasette: Any, request: Any) -> Response:
    return Response.text("Not found", status=404)


@hookimpl
def startup(datasette: Any) -> Any:
    """Prepare Datasette's internal schema tables before the first request, then remember
    which sources are archived.

    Datasette 0.65 creates its internal tables on the first request to one of its own
    views. Another request reading the internal ``sqlite_master`` at that moment (the
    search-all menu link lists every database's tables) holds a shared-cache table lock, and
    the creation fails with "database table is locked: sqlite_master": a 500 seen once in CI
    on ``/fr_az_crisis/sources``. Done here, no request ever writes the internal database.
    """

    async def inner() -> None:
        if DATABASE in datasette.databases:
            await datasette.refresh_schemas()
            await cells.remember_archived(datasette)

    return inner


@hookimpl
def prepare_connection(conn: Any, database: str, datasette: Any) -> None:
    if database != DATABASE:
        return
    hardening.harden_connection(conn)
    conn.create_function(FUNCTION_NAME, 1, fts_query, deterministic=True)


@hookimpl
def prepare_jinja2_environment(env: Any, datasette: Any) -> None:
    env.globals["fr_display_order"] = display_order


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    if not ours(datasette):
        return []
    return [datasette.urls.static_plugins(PLUGIN_STATIC, "site.css")]


@hookimpl
def extra_template_vars(
    template: str,
    database: str | None,
    table: str | None,
    view_name: str,
    request: Any,
    datasette: Any,
) -> Any:
    async def inner() -> dict[str, Any]:
        if not ours(datasette):
            return {}
        out: dict[str, Any] = {"fr_site": site_context(datasette)}
        if view_name == "row" and database == DATABASE and table in ROW_PAGES and request:
            keys = urlsafe_components(request.url_vars["pks"])
            if len(keys) == 1:
                out["fr_row"] = await ROW_PAGES[table](datasette, request, keys[0])
        return out

    return inner


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Any:
    return cells.render(row, value, column, table, database, datasette)


@hookimpl(hookwrapper=True)
def register_facet_classes() -> Any:
    outcome = yield
    outcome.force_result(facets.replace_column_facet(outcome.get_result()))


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    def wrap(app: Any) -> Any:
        if not ours(datasette):
            return app
        return hardening.read_only_methods(view_counts.count_views_lazily(datasette, app))

    return wrap


@hookimpl(hookwrapper=True)
def handle_exception(datasette: Any, request: Any, exception: BaseException) -> Any:
    """Answer every error here: Datasette 0.65's own handler fails (a 500) when it is called
    for a plain 404 outside an ``except`` block, and its 500 page shows the exception's text.
    It is a hook wrapper of the pluggy 1.0 kind, which every pluggy Datasette 0.65 accepts."""
    outcome = yield  # the other handlers' answers are dropped (Datasette's is never awaited)
    if not ours(datasette):
        return  # another project's Datasette: its own handlers answer

    async def inner() -> Response:
        return await hardening.error_response(datasette, request, exception)

    outcome.force_result([inner])


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    if not ours(datasette):
        return []
    return [
        {"href": datasette.urls.path(PAGES["chronology"]), "label": "Chronology"},
        {"href": datasette.urls.path(PAGES["disagreements"]), "label": "Where sources disagree"},
        {"href": datasette.urls.path(PAGES["accusations"]), "label": "Accusations and responses"},
        {"href": datasette.urls.path(PAGES["about"]), "label": "About"},
    ]
