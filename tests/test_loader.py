"""The loader: typed frames derived from the schemas, and a light import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandera.errors
import polars as pl
import pytest
from conftest import copy_package
from corruption import rehash, set_cell

import fr_az_crisis
from fr_az_crisis.schema_names import TABLES


def test_dtypes_follow_the_schema() -> None:
    events = fr_az_crisis.load("events")
    assert events.schema["date_start"] == pl.Date
    assert isinstance(events.schema["event_type"], pl.Enum)
    assert list(events.schema["event_type"].categories) == list(
        fr_az_crisis.schema("events").field("event_type").enum
    )
    sources = fr_az_crisis.load("sources")
    assert sources.schema["is_archived"] == pl.Boolean and sources.schema["char_count"] == pl.Int64
    assert fr_az_crisis.load("places").schema["latitude"] == pl.Float64
    assert fr_az_crisis.load("claims").schema["quote"] == pl.String


def test_columns_in_schema_order_and_rows_all_loaded(root: Path) -> None:
    for name in fr_az_crisis.tables():
        df = fr_az_crisis.load(name)
        assert df.columns == fr_az_crisis.schema(name).field_names
        lines = (root / "data" / f"{name}.csv").read_text(encoding="utf-8")
        assert df.height == pl.read_csv(io_string(lines), infer_schema=False).height


def io_string(text: str):  # small helper so the count comes from an independent parse
    import io

    return io.StringIO(text)


def test_table_literal_agrees_with_datapackage(root: Path) -> None:
    import json

    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    assert list(TABLES) == fr_az_crisis.tables() == [r["name"] for r in descriptor["resources"]]


def test_load_with_validate_raises_on_a_bad_value(tmp_path: Path) -> None:
    package = copy_package(tmp_path / "p")
    set_cell(package, "actors", "france", "wikidata_id", "X1")
    rehash(package)
    with pytest.raises(pandera.errors.SchemaErrors):
        fr_az_crisis.load("actors", validate=True, package_dir=package)
    assert fr_az_crisis.load("actors", validate=True).height > 0


def test_unknown_table_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="unknown table 'event'"):
        fr_az_crisis.load("event")  # type: ignore[arg-type]


def test_source_text_is_the_archived_bytes(root: Path) -> None:
    sid = "le_monde_2023_12_tensions_rise"
    assert (
        fr_az_crisis.source_text(sid).encode("utf-8")
        == (root / "data" / "sources" / f"{sid}.txt").read_bytes()
    )


def test_import_is_light() -> None:
    code = (
        "import sys, fr_az_crisis; "
        "heavy = [m for m in ('frictionless', 'pandera', 'datasette', 'duckdb', 'pysbd') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"importing fr_az_crisis loaded {out}"


def test_timeline_counts_independent_sources() -> None:
    t = fr_az_crisis.timeline()
    assert t.select(pl.coalesce("date_start", "date_end"))["date_start"].is_sorted()
    row = t.filter(pl.col("event_id") == "azerbaijan_expels_french_diplomats_2023_12_26").row(
        0, named=True
    )
    assert row["initiators"] == "Azerbaijan" and row["targets"] == "France"
    assert row["independent_sources"] <= row["reporting_sources"]
    assert (t["reporting_sources"] >= 1).all()


@pytest.mark.parametrize("table", TABLES)
def test_native_typed_read_equals_the_validators_cast(table: str, root: Path) -> None:
    """load() reads with polars' own typed parser; it must agree with the lenient cast."""
    from fr_az_crisis.dtypes import cast_expr, polars_schema
    from fr_az_crisis.table_reading import read_raw_bytes

    ts = fr_az_crisis.schema(table)  # type: ignore[arg-type]
    raw = read_raw_bytes((root / ts.path).read_bytes())
    cast = raw.select([cast_expr(f) for f in ts.fields]).cast(polars_schema(ts))
    assert fr_az_crisis.load(table).equals(cast)  # type: ignore[arg-type]


def test_a_cell_polars_cannot_parse_falls_back_to_null(package_copy: Path) -> None:
    sid = fr_az_crisis.load("sources", package_dir=package_copy)["source_id"][0]
    line = set_cell(package_copy, "sources", sid, "is_archived", "maybe")
    rehash(package_copy)
    sources = fr_az_crisis.load("sources", package_dir=package_copy)
    assert sources["is_archived"][line - 2] is None
