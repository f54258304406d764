"""The loader: typed frames derived from the schemas, and a light import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandera.errors
import polars as pl
import pytest
from conftest import copy_package
from corruption import get_cell, rehash, set_cell

import fr_az_crisis
from fr_az_crisis.loader import CellError, IntegrityError
from fr_az_crisis.schema_names import TABLES

CLAIM = "massis_staff_ordered_to_leave"
TEXT = "le_monde_2023_12_tensions_rise"


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
    tables = [r["name"] for r in descriptor["resources"] if r.get("type") == "table"]
    assert list(TABLES) == fr_az_crisis.tables() == tables


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


# --- the loader verifies, and never turns a bad cell into null -----------------------------


def cell_errors(exc: pytest.ExceptionInfo) -> set:
    return {(p.code, p.file, p.row, p.field) for p in exc.value.problems}


@pytest.mark.parametrize("validate", [False, True])
def test_a_cell_that_does_not_parse_raises_naming_file_row_and_field(
    package_copy: Path, validate: bool
) -> None:
    sid = fr_az_crisis.load("sources", package_dir=package_copy)["source_id"][0]
    line = set_cell(package_copy, "sources", sid, "is_archived", "maybe")
    rehash(package_copy)
    with pytest.raises(CellError) as exc:
        fr_az_crisis.load("sources", validate=validate, package_dir=package_copy)
    assert cell_errors(exc) == {("type", "data/sources.csv", line, "is_archived")}
    assert f"data/sources.csv, row {line}, field is_archived" in str(exc.value)


def test_a_non_numeric_offset_raises_even_unverified(package_copy: Path) -> None:
    """The issue's case: char_start "x" once became null with validate=True."""
    line = set_cell(package_copy, "claims", CLAIM, "char_start", "x")
    for kwargs in ({"verify": False}, {"verify": False, "validate": True}):
        with pytest.raises(CellError) as exc:
            fr_az_crisis.load("claims", package_dir=package_copy, **kwargs)
        assert cell_errors(exc) == {("type", "data/claims.csv", line, "char_start")}


def test_a_file_edited_after_publishing_raises_naming_it(package_copy: Path) -> None:
    quote = get_cell(package_copy, "claims", CLAIM, "quote")
    set_cell(package_copy, "claims", CLAIM, "quote", quote.replace("ordered", "asked"))
    with pytest.raises(IntegrityError, match=r"^data/claims\.csv: its sha256 differs"):
        fr_az_crisis.load("claims", package_dir=package_copy)
    edited = fr_az_crisis.load("claims", verify=False, package_dir=package_copy)
    assert "asked to leave" in edited.filter(pl.col("claim_id") == CLAIM)["quote"][0]
    assert fr_az_crisis.load("events", package_dir=package_copy).height > 0  # others unchanged


def test_a_resource_without_a_hash_cannot_be_verified(package_copy: Path) -> None:
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    next(r for r in descriptor["resources"] if r["name"] == "places").pop("hash")
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(
        IntegrityError, match=r"^datapackage\.json: records no sha256 for data/places"
    ):
        fr_az_crisis.load("places", package_dir=package_copy)
    assert fr_az_crisis.load("places", verify=False, package_dir=package_copy).height > 0


def test_a_truncated_descriptor_raises_naming_it(package_copy: Path) -> None:
    path = package_copy / "datapackage.json"
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(
        IntegrityError, match=r"^datapackage\.json: not valid UTF-8 JSON .*truncated"
    ):
        fr_az_crisis.load("events", package_dir=package_copy)


def test_a_half_published_package_is_refused(package_copy: Path) -> None:
    journal = package_copy / ".publishing" / "journal.json"
    journal.parent.mkdir()
    journal.write_text("{}", encoding="utf-8")
    with pytest.raises(IntegrityError, match=r"^\.publishing/journal\.json: a build was stopped"):
        fr_az_crisis.load("events", package_dir=package_copy)


def test_a_table_that_is_a_symlink_out_of_the_package_is_not_read(
    package_copy: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    (package_copy / "data" / "places.csv").unlink()
    (package_copy / "data" / "places.csv").symlink_to(secret)
    for verify in (True, False):
        with pytest.raises(IntegrityError) as exc:
            fr_az_crisis.load("places", verify=verify, package_dir=package_copy)
        assert str(exc.value) == "data/places.csv: resolves outside the package; it is not read"


# --- source_text reads only archived texts, inside the package, as published -------------


@pytest.mark.parametrize(
    "source_id",
    [
        "/etc/hostname",
        "../../../etc/hostname",
        "..",
        "le_monde_2023_12_tensions_rise/../x",
        "",
        "A",
    ],
)
def test_source_text_refuses_what_is_not_a_source_id(source_id: str) -> None:
    with pytest.raises(ValueError, match="is not a source id"):
        fr_az_crisis.source_text(source_id)
    with pytest.raises(ValueError, match="is not a source id"):
        fr_az_crisis.source_text(source_id, verify=False)


def test_source_text_of_a_citation_only_source_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="no archived text"):
        fr_az_crisis.source_text("hetq_2024_02_23_pgm_rifles")


def test_source_text_refuses_a_symlink_out_of_the_package(
    package_copy: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for you", encoding="utf-8")
    text = package_copy / "data" / "sources" / f"{TEXT}.txt"
    text.unlink()
    text.symlink_to(secret)
    with pytest.raises(IntegrityError, match="resolves outside the package; it is not read"):
        fr_az_crisis.source_text(TEXT, package_copy, verify=False)


def test_source_text_verifies_the_text_against_its_sources_row(package_copy: Path) -> None:
    text = package_copy / "data" / "sources" / f"{TEXT}.txt"
    text.write_bytes(text.read_bytes().replace(b"Azerbaijan", b"Azerbaidjan", 1))
    with pytest.raises(IntegrityError, match=f"data/sources/{TEXT}.txt: its sha256 differs"):
        fr_az_crisis.source_text(TEXT, package_copy)
    assert "Azerbaidjan" in fr_az_crisis.source_text(TEXT, package_copy, verify=False)
