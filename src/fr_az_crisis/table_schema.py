"""Read the Frictionless descriptors: the one place where tables and columns are declared.

Everything else (polars dtypes, pandera schemas, SQLite DDL, Datasette metadata, the README
data dictionary) is derived from what this module returns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fr_az_crisis.paths import find_package_dir


@dataclass(frozen=True)
class Field:
    """One column as the Table Schema declares it."""

    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    own_voice: bool = False
    format: str | None = None

    @classmethod
    def from_descriptor(cls, d: dict[str, Any]) -> Field:
        c = d.get("constraints", {})
        return cls(
            name=d["name"],
            type=d.get("type", "string"),
            description=d.get("description", ""),
            required=bool(c.get("required", False)),
            unique=bool(c.get("unique", False)),
            enum=tuple(c["enum"]) if "enum" in c else None,
            pattern=c.get("pattern"),
            minimum=c.get("minimum"),
            maximum=c.get("maximum"),
            own_voice=bool(d.get("x-own-voice", False)),
            format=d.get("format"),
        )


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableSchema:
    """A resource of the data package with its parsed Table Schema."""

    name: str
    path: str
    schema_path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    datasette: dict[str, Any] = field(default_factory=dict)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")


def _read_package(package_dir: Path) -> tuple[dict[str, Any], tuple[TableSchema, ...]]:
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    out = []
    for res in descriptor["resources"]:
        schema_path = res["schema"]
        schema = json.loads((package_dir / schema_path).read_text(encoding="utf-8"))
        out.append(
            TableSchema(
                name=res["name"],
                path=res["path"],
                schema_path=schema_path,
                title=schema.get("title", res["name"]),
                description=schema.get("description", ""),
                fields=tuple(Field.from_descriptor(f) for f in schema["fields"]),
                primary_key=tuple(_as_list(schema.get("primaryKey", []))),
                foreign_keys=tuple(
                    ForeignKey(
                        fields=tuple(_as_list(fk["fields"])),
                        resource=fk["reference"]["resource"] or res["name"],
                        reference_fields=tuple(_as_list(fk["reference"]["fields"])),
                    )
                    for fk in schema.get("foreignKeys", [])
                ),
                datasette=schema.get("x-datasette", {}),
            )
        )
    return descriptor, tuple(out)


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def read_descriptor(package_dir: str | Path | None = None) -> dict[str, Any]:
    """The datapackage.json descriptor as a dict."""
    return _read_package(find_package_dir(package_dir))[0]


def read_schemas(package_dir: str | Path | None = None) -> dict[str, TableSchema]:
    """All resources in datapackage.json order, keyed by table name."""
    return {t.name: t for t in _read_package(find_package_dir(package_dir))[1]}


def read_schema_files(schemas_dir: Path) -> dict[str, dict[str, Any]]:
    """The raw Table Schema files of a folder, keyed by table name (for the build and docs)."""
    return {
        p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(schemas_dir.glob("*.schema.json"))
    }
