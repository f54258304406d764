"""What schemas/datasette.json and the views' SQL name exists in the schemas: a renamed column
or an enumeration value another change drops fails here, not on a page."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from fr_az_crisis.datasette_metadata import presentation, queries
from fr_az_crisis.datasette_plugin.fts_query import FUNCTION_NAME, fts_query
from fr_az_crisis.datasette_plugin.queries import page_sql
from fr_az_crisis.definition import project_definition

DEF = project_definition()
ENUM_VALUES = {v for t in DEF.tables.values() for f in t.fields for v in f.enum or ()}
LITERAL = re.compile(r"'([^']*)'")


def all_sql() -> dict[str, str]:
    found = {f"query {n}": q["sql"] for n, q in queries().items()}
    found |= {f"page {n}": page_sql(n) for n in presentation()["pageQueries"]}
    found |= {f"view {t.name}": t.sql for t in DEF.derived.values() if t.kind == "view"}
    return found


@pytest.mark.parametrize("where, sql", sorted(all_sql().items()))
def test_every_word_literal_in_sql_is_a_declared_value(where: str, sql: str) -> None:
    """SQL compares columns with enumeration values ('accusation', 'state', 'contradicts'):
    each must still be declared, or the page silently shows nothing."""
    code = "\n".join(line.split("--")[0] for line in sql.splitlines())
    words = [w for w in LITERAL.findall(code) if re.fullmatch(r"[a-z][a-z0-9_]*", w)]
    assert set(words) <= ENUM_VALUES, (where, set(words) - ENUM_VALUES)


@pytest.mark.parametrize("name", sorted(presentation()["pageQueries"]))
def test_every_page_query_prepares_against_the_database(db: Path, name: str) -> None:
    conn = sqlite3.connect(db)
    conn.create_function(FUNCTION_NAME, 1, fts_query)
    conn.execute(
        "explain " + page_sql(name), {p: "" for p in re.findall(r":(\w+)", page_sql(name))}
    )
    conn.close()


def test_value_lists_name_declared_values() -> None:
    relation = set(DEF.table("claim_relations").field("relation").enum or ())
    claim_type = set(DEF.table("claims").field("claim_type").enum or ())
    settings = presentation()
    assert set(settings["agreementRelations"]) <= relation
    assert set(settings["responses"]["relations"]) <= relation
    assert set(settings["responses"]["claimTypes"]) <= claim_type


def test_leading_columns_and_page_sizes_name_real_columns() -> None:
    settings = presentation()
    for table, columns in settings["leadingColumns"].items():
        assert set(columns) <= set(DEF.table(table).field_names), table
    assert set(settings["tablePageSizes"]) <= set(DEF.tables) | set(DEF.derived)


def test_no_canned_query_shares_a_name_with_a_table_or_view() -> None:
    assert not set(presentation()["queries"]) & (set(DEF.tables) | set(DEF.derived))
