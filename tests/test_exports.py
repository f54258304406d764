"""Exports read back with other tools."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

import fr_az_crisis
from fr_az_crisis.exports import export


def test_parquet_read_by_duckdb_gives_the_same_rows(tmp_path: Path) -> None:
    export(tmp_path, formats=["parquet", "jsonl"])
    claims = fr_az_crisis.load("claims")
    con = duckdb.connect()
    got = con.execute(
        f"select claim_id, quote, char_start from read_parquet('{tmp_path / 'parquet' / 'claims.parquet'}') order by claim_id"
    ).fetchall()
    assert got == claims.select("claim_id", "quote", "char_start").sort("claim_id").rows()
    dates = con.execute(
        f"select typeof(date_start) from read_parquet('{tmp_path / 'parquet' / 'events.parquet'}') limit 1"
    ).fetchone()
    assert dates == ("DATE",)
    jsonl = pl.read_ndjson(tmp_path / "jsonl" / "events.jsonl")
    assert jsonl.height == fr_az_crisis.load("events").height
