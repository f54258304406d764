"""Build the SQLite database that Datasette serves, from the published tables.

Deterministic: the same package gives the same bytes (tables and indexes created in a fixed
order, rows inserted in primary-key order, no timestamps).  Booleans are stored as 0/1.
Besides the nine tables it holds ``timeline`` (from ``fr_az_crisis.timeline``),
``source_texts`` (the archived texts, for the reading pages) and ``source_coverage``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import polars as pl

from fr_az_crisis.coverage_report import measure_package_characters
from fr_az_crisis.loader import load, source_text
from fr_az_crisis.paths import find_package_dir
from fr_az_crisis.source_disagreements import discrepancies
from fr_az_crisis.table_schema import TableSchema, read_schemas
from fr_az_crisis.timelines import timeline

SQL_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "date": "TEXT",
}

# Helper tables: their columns are described here, once (the published tables' in schemas/).
HELPER_TABLES: dict[str, dict[str, str]] = {
    "source_texts": {
        "source_id": "The archived source.",
        "text": "The archived text exactly as received.",
    },
    "source_coverage": {
        "source_id": "The archived source.",
        "text_chars": "Non-blank characters of the text.",
        "claim_chars": "Non-blank characters inside at least one claim's quote span.",
        "furniture_chars": "Non-blank characters inside declared page furniture.",
        "uncovered_chars": "Non-blank characters inside neither a claim nor furniture.",
        "coverage": "Share of non-blank characters inside a claim or furniture (1 - uncovered_chars / text_chars).",
        "uncovered_sentences": "Sentences with uncovered characters (`fr-az-crisis coverage` lists them).",
    },
}

FTS = {
    "claims": ["quote", "summary"],
    "events": ["title", "description"],
    "sources": ["title"],
    "actors": ["name", "aliases"],
}


def create_table_sql(table: TableSchema) -> str:
    cols = []
    for f in table.fields:
        col = f'"{f.name}" {SQL_TYPES[f.type]}'
        if f.required:
            col += " NOT NULL"
        cols.append(col)
    cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in table.primary_key) + ")")
    for fk in table.foreign_keys:
        cols.append(
            f'FOREIGN KEY ({", ".join(fk.fields)}) REFERENCES "{fk.resource}" ({", ".join(fk.reference_fields)})'
        )
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def _rows(df: pl.DataFrame) -> list[tuple]:
    df = df.with_columns(
        [pl.col(c).cast(pl.Int64) for c, t in df.schema.items() if t == pl.Boolean]
        + [
            pl.col(c).cast(pl.String)
            for c, t in df.schema.items()
            if t in (pl.Date,) or isinstance(t, pl.Enum)
        ]
    )
    return df.rows()


def _insert(conn: sqlite3.Connection, name: str, df: pl.DataFrame) -> None:
    placeholders = ", ".join("?" for _ in df.columns)
    conn.executemany(f'INSERT INTO "{name}" VALUES ({placeholders})', _rows(df))


def _create_from_frame(conn: sqlite3.Connection, name: str, df: pl.DataFrame, pk: str) -> None:
    kinds = {pl.Int64: "INTEGER", pl.Float64: "REAL", pl.UInt32: "INTEGER"}
    cols = [f'"{c}" {kinds.get(t, "TEXT")}' for c, t in df.schema.items()]
    conn.execute(f'CREATE TABLE "{name}" ({", ".join(cols)}, PRIMARY KEY ("{pk}"))')
    _insert(conn, name, df)


def build_database(output: str | Path, package_dir: str | Path | None = None) -> Path:
    """Write the database to ``output`` (replaced atomically) and return its path."""
    root = find_package_dir(package_dir)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    conn.execute("PRAGMA journal_mode = DELETE")
    schemas = read_schemas(root)
    for name, table in schemas.items():
        conn.execute(create_table_sql(table))
        df = load(name, package_dir=root).sort(list(table.primary_key))  # type: ignore[arg-type]
        _insert(conn, name, df)
        indexed = {fk.fields[0] for fk in table.foreign_keys if len(fk.fields) == 1}
        indexed |= {
            f.name
            for f in table.fields
            if f.type == "date" or (f.enum and f.name != table.primary_key[0])
        }
        for col in sorted(indexed):
            conn.execute(f'CREATE INDEX "idx_{name}_{col}" ON "{name}" ("{col}")')
    _create_from_frame(conn, "timeline", timeline(root), "event_id")
    _create_from_frame(
        conn,
        "discrepancies",
        discrepancies(root)
        .with_row_index("discrepancy_no", offset=1)
        .cast({"discrepancy_no": pl.Int64}),
        "discrepancy_no",
    )
    conn.execute('CREATE INDEX "idx_timeline_date_start" ON "timeline" ("date_start")')
    sources = load("sources", package_dir=root).filter(pl.col("is_archived")).sort("source_id")
    texts = pl.DataFrame(
        {
            "source_id": sources["source_id"],
            "text": [source_text(s, root) for s in sources["source_id"]],
        }
    )
    _create_from_frame(conn, "source_texts", texts, "source_id")
    _create_from_frame(conn, "source_coverage", measure_package_characters(root), "source_id")
    conn.commit()
    _enable_fts(conn)
    _create_views(conn)
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    tmp.replace(output)
    return output


def _enable_fts(conn: sqlite3.Connection) -> None:
    """FTS5 with the porter tokenizer, as external-content tables Datasette detects."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    for table, columns in FTS.items():
        db[table].enable_fts(columns, fts_version="FTS5", tokenize="porter", create_triggers=False)
        db[table].optimize()


VIEWS = {
    "event_evidence": """
        SELECT c.event_id, e.title AS event_title, c.claim_id, c.claim_type, c.modality,
               a.name AS claimant, c.attribution, c.quote, c.summary,
               s.source_id, s.title AS source_title, s.independence_group
        FROM claims c
        JOIN events e ON e.event_id = c.event_id
        JOIN actors a ON a.actor_id = c.claimant_actor_id
        JOIN sources s ON s.source_id = c.source_id
        ORDER BY e.date_start, c.event_id, c.claim_type, c.claim_id""",
    "who_said_what": """
        SELECT a.actor_id AS claimant_actor_id, a.name AS claimant, c.claim_id, c.claim_type,
               c.attribution, c.claim_date, c.quote, c.summary, t.name AS target, c.source_id
        FROM claims c
        JOIN actors a ON a.actor_id = c.claimant_actor_id
        LEFT JOIN actors t ON t.actor_id = c.target_actor_id
        ORDER BY a.name, c.claim_date, c.claim_id""",
    "contradictions": """
        SELECT r.relation, r.note,
               r.claim_id, c1.source_id AS source_id, c1.quote AS quote, c1.summary AS summary,
               r.related_claim_id, c2.source_id AS related_source_id, c2.quote AS related_quote,
               c2.summary AS related_summary
        FROM claim_relations r
        JOIN claims c1 ON c1.claim_id = r.claim_id
        JOIN claims c2 ON c2.claim_id = r.related_claim_id
        WHERE r.relation IN ('contradicts', 'refutes')
        ORDER BY r.relation, r.claim_id, r.related_claim_id""",
}


def _create_views(conn: sqlite3.Connection) -> None:
    for name, sql in VIEWS.items():
        conn.execute(f'CREATE VIEW "{name}" AS {sql}')
