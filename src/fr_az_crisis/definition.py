"""The package definition: tables, columns, derived tables and paths, as ``schemas/`` declares them.

This is the one place the code learns what the package is. Everything else (polars dtypes,
pandera schemas, SQLite DDL, Datasette metadata, the README data dictionary, the generated
``schema_names`` module) is derived from what this module returns.

The definition always comes from the *project* (this checkout, or the ``_data`` folder of the
installed wheel), never from the package under test: a package whose descriptor drops a table
or a hash is checked against what it should be, not against what it says it is.

Reading is strict: a schema property this module does not understand is an error, because a
constraint that is declared but not enforced would let the fast path accept what the schema
forbids.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

LAYOUT = "schemas/package.json"
"""Where the definition itself lives: the one path the code must know to find the others."""

NS = "fr-az-crisis:"
"""Prefix of the project's custom properties (Data Package v2 recommends ``namespace:name``)."""

FIELD_KEYS = frozenset(
    {
        "name",
        "type",
        "format",
        "title",
        "description",
        "constraints",
        f"{NS}ownVoice",
        f"{NS}publishersWords",
        f"{NS}valueDescriptions",
        f"{NS}valueRules",
    }
)
CONSTRAINT_KEYS = frozenset(
    {"required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength"}
)
VALUE_RULES: dict[str, str] = {
    "symmetric": "symmetric: stored once, with claim_id before related_claim_id in sort order",
    "across_groups": "only between sources of different independence groups",
    "within_group": "only between sources of one independence group",
    "within_source": "only between claims of one source",
    "same_subject": "the two claims report the same event, or shared_subject says what they share",
    "not_later": "never to a row dated later than the row itself",
    "acyclic": "never in a cycle",
    "disagreement": "listed among the disagreements (README, `discrepancies`)",
}
"""What a relation value may promise about the rows it links (``"valueRules"`` in a schema
source). Checks enforce each rule; the data dictionary prints it next to the value."""
TYPES = frozenset({"string", "integer", "number", "boolean", "date"})
FORMATS = {"string": frozenset({"default", "uri"})}
SCHEMA_KEYS = frozenset(
    {
        "$schema",
        "title",
        "description",
        "fields",
        "primaryKey",
        "foreignKeys",
        "missingValues",
        f"{NS}datasette",
        f"{NS}generated",
        f"{NS}mustBeReferenced",
    }
)


class DefinitionError(ValueError):
    """The project's schemas say something this code cannot honour; names the file and key."""


@dataclass(frozen=True)
class Field:
    """One column, as its Table Schema declares it."""

    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: Any = None
    maximum: Any = None
    min_length: int | None = None
    max_length: int | None = None
    format: str | None = None
    own_voice: bool = False
    publishers_words: bool = False
    """Words of the archived texts (quotes, headlines): the publishers' rights, not CC-BY."""
    value_descriptions: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    value_rules: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)

    def values_with(self, rule: str) -> tuple[str, ...]:
        """The enumeration values that carry ``rule`` (see ``VALUE_RULES``), in schema order."""
        if rule not in VALUE_RULES:
            raise KeyError(f"unknown value rule {rule!r}")
        return tuple(v for v in self.enum or () if rule in self.value_rules.get(v, ()))

    @classmethod
    def from_descriptor(cls, d: dict[str, Any], where: str = "schema") -> Field:
        """Parse a Table Schema field; refuse any key or constraint not enforced by the fast path."""
        name = d.get("name")
        if not isinstance(name, str):
            raise DefinitionError(f"{where}: a field has no name")
        here = f"{where}, field {name}"
        unknown = sorted(set(d) - FIELD_KEYS)
        if unknown:
            raise DefinitionError(
                f"{here}: unknown key(s) {unknown}; allowed: {sorted(FIELD_KEYS)}"
            )
        kind = d.get("type", "string")
        if kind not in TYPES:
            raise DefinitionError(f"{here}: type {kind!r} is not supported ({sorted(TYPES)})")
        fmt = d.get("format")
        if fmt is not None and fmt not in FORMATS.get(kind, frozenset({"default"})):
            raise DefinitionError(f"{here}: format {fmt!r} is not supported for {kind}")
        c = d.get("constraints", {})
        unknown = sorted(set(c) - CONSTRAINT_KEYS)
        if unknown:
            raise DefinitionError(f"{here}: unknown constraint(s) {unknown}")
        enum = c.get("enum")
        descriptions = d.get(f"{NS}valueDescriptions", {})
        if enum is not None and set(descriptions) != set(enum):
            raise DefinitionError(f"{here}: every enum value needs exactly one description")
        rules = d.get(f"{NS}valueRules", {})
        if set(rules) - set(enum or ()):
            raise DefinitionError(f"{here}: valueRules for values the field does not have")
        for value, named in rules.items():
            unknown_rules = sorted(set(named) - set(VALUE_RULES))
            if unknown_rules:
                raise DefinitionError(
                    f"{here}: value {value!r} has unknown rule(s) {unknown_rules}; "
                    f"known: {sorted(VALUE_RULES)}"
                )
        return cls(
            name=name,
            type=kind,
            description=d.get("description", ""),
            required=bool(c.get("required", False)),
            unique=bool(c.get("unique", False)),
            enum=tuple(enum) if enum is not None else None,
            pattern=c.get("pattern"),
            minimum=c.get("minimum"),
            maximum=c.get("maximum"),
            min_length=c.get("minLength"),
            max_length=c.get("maxLength"),
            format=None if fmt == "default" else fmt,
            own_voice=bool(d.get(f"{NS}ownVoice", False)),
            publishers_words=bool(d.get(f"{NS}publishersWords", False)),
            value_descriptions=dict(descriptions),
            value_rules={v: tuple(r) for v, r in rules.items()},
        )


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableSchema:
    """A published table: its path, its schema file and its parsed Table Schema."""

    name: str
    path: str
    schema_path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    must_be_referenced: bool = False
    datasette: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")


@dataclass(frozen=True)
class DerivedTable:
    """A table or view of the SQLite database that is computed, not published as CSV.

    ``kind`` is ``table`` (computed in Python and inserted) or ``view`` (``sql`` below).
    """

    name: str
    kind: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    sql: str | None
    hidden: bool
    datasette: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    origins: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Field name to the published ``table.column`` it copies (its ``from``), where it copies one."""

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


@dataclass(frozen=True)
class Definition:
    """Everything ``schemas/`` declares, read once from a project folder."""

    root: Path
    tables: dict[str, TableSchema]
    derived: dict[str, DerivedTable]
    paths: dict[str, str]
    resource: dict[str, Any]
    text_resource: dict[str, Any]
    licenses: dict[str, Any]

    def path(self, key: str, **values: str) -> str:
        """A path of the layout (``schemas/package.json``), relative to a package folder."""
        return self.paths[key].format(**values)

    def table_path(self, table: str) -> str:
        return self.path("table", table=table)

    def schema_path(self, table: str) -> str:
        return self.path("tableSchema", table=table)

    def text_path(self, source_id: str) -> str:
        return self.path("text", source_id=source_id)

    def text_resource_name(self, source_id: str) -> str:
        """The descriptor's resource name for an archived text."""
        return str(self.text_resource["name"]).format(source_id=source_id)

    def license(self, key: str) -> dict[str, Any]:
        """A declared licence entry (``curated`` or ``publishers``) as the descriptor writes it."""
        return dict(self.licenses[key])

    def table_licenses(self, table: str) -> list[dict[str, Any]]:
        """A table's licences: the curated licence, and the publishers' when a field of the
        table holds their words."""
        quoted = any(f.publishers_words for f in self.table(table).fields)
        return [self.license("curated")] + ([self.license("publishers")] if quoted else [])

    def text_licenses(self) -> list[dict[str, Any]]:
        return [self.license("publishers")]

    def package_licenses(self) -> list[dict[str, Any]]:
        return [self.license("curated"), self.license("publishers")]

    def table(self, name: str) -> TableSchema:
        try:
            return self.tables[name]
        except KeyError:
            raise KeyError(
                f"unknown table {name!r}; tables are: {', '.join(self.tables)}"
            ) from None

    def referencing(self, table: str) -> list[tuple[str, str]]:
        """(table, column) pairs whose foreign keys point at ``table`` (its usage)."""
        return [
            (t.name, fk.fields[0])
            for t in self.tables.values()
            for fk in t.foreign_keys
            if fk.resource == table and len(fk.fields) == 1
        ]

    @classmethod
    def load(cls, root: Path) -> Definition:
        layout = _read_json(root, LAYOUT)
        paths = layout["paths"]
        tables: dict[str, TableSchema] = {}
        for name in layout["tables"]:
            schema_path = paths["tableSchema"].format(table=name)
            tables[name] = _table_schema(
                name, paths["table"].format(table=name), schema_path, _read_json(root, schema_path)
            )
        derived = {
            name: _derived_table(
                name,
                paths["derived"].format(name=name),
                tables,
                _read_json(root, paths["derived"].format(name=name)),
            )
            for name in layout["derived"]
        }
        licenses = {k: v for k, v in layout["licenses"].items() if k != "description"}
        text_resource = {k: v for k, v in layout["textResource"].items() if k != "description"}
        return cls(
            root,
            tables,
            derived,
            dict(paths),
            dict(layout["resource"]),
            text_resource,
            licenses,
        )


def _read_json(root: Path, rel: str) -> dict[str, Any]:
    try:
        value = json.loads((root / rel).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DefinitionError(f"{rel}: cannot read the project's definition: {exc}") from exc
    if not isinstance(value, dict):
        raise DefinitionError(f"{rel}: expected a JSON object")
    return value


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _table_schema(name: str, path: str, schema_path: str, schema: dict[str, Any]) -> TableSchema:
    unknown = sorted(set(schema) - SCHEMA_KEYS)
    if unknown:
        raise DefinitionError(f"{schema_path}: unknown key(s) {unknown}")
    return TableSchema(
        name=name,
        path=path,
        schema_path=schema_path,
        title=schema.get("title", name),
        description=schema.get("description", ""),
        fields=tuple(Field.from_descriptor(f, schema_path) for f in schema["fields"]),
        primary_key=tuple(_as_list(schema.get("primaryKey", []))),
        foreign_keys=tuple(
            ForeignKey(
                fields=tuple(_as_list(fk["fields"])),
                resource=fk["reference"]["resource"] or name,
                reference_fields=tuple(_as_list(fk["reference"]["fields"])),
            )
            for fk in schema.get("foreignKeys", [])
        ),
        must_be_referenced=bool(schema.get(f"{NS}mustBeReferenced", False)),
        datasette=schema.get(f"{NS}datasette", {}),
    )


def _derived_table(
    name: str, rel: str, tables: dict[str, TableSchema], doc: dict[str, Any]
) -> DerivedTable:
    """A derived table's fields either copy a published column (``from``) or declare their own."""
    fields = []
    origins: dict[str, str] = {}
    for d in doc["fields"]:
        source = d.get("from")
        if source is not None:
            origins[d["name"]] = source
            table, column = source.split(".")
            base = tables[table].field(column)
            fields.append(
                Field(
                    name=d["name"],
                    type=base.type,
                    description=d.get("description", base.description),
                    enum=base.enum,
                    pattern=base.pattern,
                    format=base.format,
                    value_descriptions=base.value_descriptions,
                    value_rules=base.value_rules,
                )
            )
        else:
            fields.append(Field.from_descriptor(d, rel))
    sql = doc.get("sql")
    return DerivedTable(
        name=name,
        kind=doc["kind"],
        title=doc["title"],
        description=doc["description"],
        fields=tuple(fields),
        primary_key=tuple(doc.get("primaryKey", [])),
        sql="\n".join(sql) if isinstance(sql, list) else sql,
        hidden=bool(doc.get("hidden", False)),
        datasette=doc.get("datasette", {}),
        origins=origins,
    )


def project_root() -> Path:
    """The folder holding the project's ``schemas/``: the wheel's ``_data`` or the checkout."""
    here = Path(__file__).resolve().parent
    data = here / "_data"
    return data if (data / LAYOUT).is_file() else here.parents[1]


@lru_cache(maxsize=1)
def project_definition() -> Definition:
    """The project's definition, read once per process."""
    return Definition.load(project_root())
