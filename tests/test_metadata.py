"""Tests on the metadata itself: the schemas are complete and everything derived agrees."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import fr_az_crisis
from fr_az_crisis.datasette_metadata import build_metadata
from fr_az_crisis.table_schema import read_schema_files, read_schemas

NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def test_every_field_is_described_and_snake_case(root: Path) -> None:
    for name, schema in read_schema_files(root / "schemas").items():
        assert NAME.match(name), name
        assert schema.get("description"), f"{name}: table description missing"
        for f in schema["fields"]:
            assert NAME.match(f["name"]), f"{name}.{f['name']}"
            assert f.get("description"), f"{name}.{f['name']}: no description"


def test_naming_conventions(root: Path) -> None:
    for table in read_schemas(root).values():
        for f in table.fields:
            if f.type == "date":
                assert f.name.endswith("_date") or f.name.startswith("date_"), f.name
            if f.type == "boolean":
                assert f.name.startswith(("is_", "has_")), f.name
            if f.enum:
                assert all(re.match(r"^[a-z][a-z0-9_]*$|^[A-Z]+$", v) for v in f.enum), f.name


def test_unique_only_on_required_fields(root: Path) -> None:
    """pandera counts repeated nulls as duplicates, frictionless does not: keep them from differing."""
    for table in read_schemas(root).values():
        for f in table.fields:
            if f.unique:
                assert f.required, f"{table.name}.{f.name} is unique but nullable"


def test_keys_refer_to_declared_fields(root: Path) -> None:
    schemas = read_schemas(root)
    for table in schemas.values():
        assert set(table.primary_key) <= set(table.field_names)
        for fk in table.foreign_keys:
            assert set(fk.fields) <= set(table.field_names)
            assert set(fk.reference_fields) <= set(schemas[fk.resource].field_names)


def test_datasette_hints_name_real_columns(root: Path) -> None:
    for table in read_schemas(root).values():
        hints = table.datasette
        for col in [*hints.get("facets", []), hints.get("label_column"), hints.get("sort")]:
            if col:
                assert col in table.field_names, (
                    f"{table.name}: x-datasette names unknown column {col}"
                )


def test_datasette_metadata_derives_every_description(root: Path) -> None:
    meta = build_metadata(root)
    tables = meta["databases"]["fr_az_crisis"]["tables"]
    for table in read_schemas(root).values():
        assert tables[table.name]["columns"] == {f.name: f.description for f in table.fields}
        assert tables[table.name]["description"] == table.description
    assert all(tables["timeline"]["columns"].values())
    assert meta["license_url"].startswith("https://creativecommons.org/")


def test_one_version_everywhere(root: Path) -> None:
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    citation = (root / "CITATION.cff").read_text(encoding="utf-8")
    assert descriptor["version"] == fr_az_crisis.__version__
    assert f"version: {fr_az_crisis.__version__}\n" in citation
    assert f"## [{fr_az_crisis.__version__}]" in (root / "CHANGELOG.md").read_text(encoding="utf-8")


def test_readme_generated_blocks_are_fresh(root: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(root / "scripts" / "generate_docs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("doc", ["README.md", "CONTRIBUTING.md"])
def test_docs_name_the_two_setup_commands(root: Path, doc: str) -> None:
    text = (root / doc).read_text(encoding="utf-8")
    assert "make serve" in text and "make test" in text
