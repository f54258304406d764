"""Generate the published Table Schemas from ``schemas/tables/`` and ``schemas/fields.json``.

The source format is a Table Schema with four additions, so that nothing is written twice:

- ``"use": "<shared field>"`` takes type and constraints from ``schemas/fields.json``;
- ``"references": "<table>.<field>"`` takes the referenced field's type, pattern and format,
  and adds the foreign key;
- ``"values": {value: meaning}`` declares an enumeration and what each value means;
  ``"valueRules": {value: [rule, ...]}`` says what a relation value promises about the rows
  it links (``fr_az_crisis.definition.VALUE_RULES``; checks enforce each rule);
- ``"ownVoice": true`` marks text written in the project's voice (linted for contested terms);
  ``"publishersWords": true`` marks words of the archived texts (quotes, headlines), which
  carry the publishers' rights, not the curated licence (the table's resource lists both);
  ``"datasette": {...}`` holds presentation hints; ``"mustBeReferenced": true`` says every
  row must be referenced by some other table (actors, places).

The output is a plain Table Schema (custom properties named ``fr-az-crisis:…``), which
frictionless and every other reader understand; it says it is generated.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fr_az_crisis.definition import NS

SOURCE_FIELD_KEYS = {
    "name",
    "type",
    "format",
    "description",
    "constraints",
    "use",
    "references",
    "values",
    "valueRules",
    "ownVoice",
    "publishersWords",
}
SOURCE_TABLE_KEYS = {
    "title",
    "description",
    "primaryKey",
    "fields",
    "datasette",
    "mustBeReferenced",
}
PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"


class SchemaSourceError(ValueError):
    """A schema source file is malformed; the message names the file and the field."""


def read_json(path: Path) -> dict[str, Any]:
    """A schema source; ``SchemaSourceError`` naming the file when it is no JSON object."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SchemaSourceError(f"{path.name}: cannot read: {exc}") from None
    if not isinstance(value, dict):
        raise SchemaSourceError(f"{path.name}: expected a JSON object")
    return value


def write_json(path: Path, value: Any) -> None:
    """JSON as the build writes every file: two-space indent, UTF-8 as is, a final newline."""
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _check_keys(where: str, value: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise SchemaSourceError(f"{where}: unknown key(s) {unknown}; allowed: {sorted(allowed)}")


def _resolve_field(
    where: str,
    f: dict[str, Any],
    shared: dict[str, dict[str, Any]],
    sources: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    _check_keys(f"{where}, field {f.get('name')}", f, SOURCE_FIELD_KEYS)
    base: dict[str, Any] = {}
    if "use" in f:
        if f["use"] not in shared:
            raise SchemaSourceError(f"{where}, field {f['name']}: no shared field {f['use']!r}")
        base = shared[f["use"]]
    elif "references" in f:
        table, column = f["references"].split(".")
        target = next((g for g in sources[table]["fields"] if g["name"] == column), None)
        if target is None:
            raise SchemaSourceError(f"{where}, field {f['name']}: {f['references']} does not exist")
        resolved = _resolve_field(f"{table}.{column}", target, shared, sources)
        kept = {k: v for k, v in resolved.get("constraints", {}).items() if k == "pattern"}
        base = {"type": resolved["type"], "constraints": kept}
        if "format" in resolved:
            base["format"] = resolved["format"]
    out: dict[str, Any] = {"name": f["name"], "type": f.get("type", base.get("type", "string"))}
    if "format" in f or "format" in base:
        out["format"] = f.get("format", base.get("format"))
    out["description"] = f["description"]
    constraints = {**base.get("constraints", {}), **f.get("constraints", {})}
    if "values" in f:
        constraints["enum"] = list(f["values"])
    if constraints:
        out["constraints"] = constraints
    if f.get("ownVoice"):
        out[f"{NS}ownVoice"] = True
    if f.get("publishersWords"):
        out[f"{NS}publishersWords"] = True
    if "values" in f:
        out[f"{NS}valueDescriptions"] = dict(f["values"])
    if "valueRules" in f:
        out[f"{NS}valueRules"] = {v: list(r) for v, r in f["valueRules"].items()}
    return out


def generate(root: Path) -> dict[str, dict[str, Any]]:
    """Every table's published Table Schema, keyed by table name, in the package's order."""
    layout = read_json(root / "schemas" / "package.json")
    paths = layout["paths"]
    shared = read_json(root / paths["sharedFields"])["fields"]
    sources = {t: read_json(root / paths["tableSource"].format(table=t)) for t in layout["tables"]}
    out: dict[str, dict[str, Any]] = {}
    for table, src in sources.items():
        where = paths["tableSource"].format(table=table)
        _check_keys(where, src, SOURCE_TABLE_KEYS)
        fields = [_resolve_field(where, f, shared, sources) for f in src["fields"]]
        foreign_keys = [
            {
                "fields": [f["name"]],
                "reference": {
                    "resource": f["references"].split(".")[0],
                    "fields": [f["references"].split(".")[1]],
                },
            }
            for f in src["fields"]
            if "references" in f
        ]
        schema: dict[str, Any] = {
            "$schema": PROFILE,
            "title": src["title"],
            "description": src["description"],
            "fields": fields,
            "primaryKey": src["primaryKey"],
        }
        if foreign_keys:
            schema["foreignKeys"] = foreign_keys
        schema["missingValues"] = [""]
        if src.get("mustBeReferenced"):
            schema[f"{NS}mustBeReferenced"] = True
        if src.get("datasette"):
            schema[f"{NS}datasette"] = src["datasette"]
        schema[f"{NS}generated"] = (
            f"Generated from {where} and {paths['sharedFields']} by the build; do not edit."
        )
        out[table] = schema
    return out


def write_all(root: Path, dest: Path) -> list[str]:
    """Write every generated schema under ``dest``; returns their package-relative paths."""
    layout = read_json(root / "schemas" / "package.json")
    written = []
    for table, schema in generate(root).items():
        rel = layout["paths"]["tableSchema"].format(table=table)
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        write_json(dest / rel, schema)
        written.append(rel)
    return written
