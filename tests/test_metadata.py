"""Tests on the metadata itself (as PUDL does): the schemas are complete and consistent,
everything generated from them is fresh, and nothing they declare is written again by hand."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import fr_az_crisis
from fr_az_crisis.checks.registry import REGISTRY
from fr_az_crisis.datasette_metadata import build_metadata, database_name
from fr_az_crisis.definition import (
    CONSTRAINT_KEYS,
    LAYOUT,
    Definition,
    DefinitionError,
    Field,
    project_definition,
)
from fr_az_crisis.pandera_schemas import field_checks
from fr_az_crisis.problems import CODES
from fr_az_crisis_build import codegen, table_schemas
from fr_az_crisis_build.docs import run as run_docs

NAME = re.compile(r"^[a-z][a-z0-9_]*$")
DEF = project_definition()
ALL_TABLES = [*DEF.tables.values(), *DEF.derived.values()]


def test_every_table_and_field_is_described_and_snake_case() -> None:
    for table in ALL_TABLES:
        assert NAME.match(table.name) and table.description, table.name
        for f in table.fields:
            assert NAME.match(f.name), f"{table.name}.{f.name}"
            assert f.description, f"{table.name}.{f.name}: no description"


def test_every_enumeration_value_has_a_meaning() -> None:
    for table in DEF.tables.values():
        for f in table.fields:
            if f.enum:
                assert set(f.value_descriptions) == set(f.enum), f"{table.name}.{f.name}"
                assert all(f.value_descriptions.values()), f"{table.name}.{f.name}"


def test_naming_conventions() -> None:
    for table in DEF.tables.values():
        for f in table.fields:
            if f.type == "date":
                assert f.name.endswith("_date") or f.name.startswith("date_"), f.name
            if f.type == "boolean":
                assert f.name.startswith(("is_", "has_")), f.name
            if f.enum:
                assert all(re.match(r"^[a-z][a-z0-9_]*$|^[A-Z]+$", v) for v in f.enum), f.name


def test_columns_sharing_a_name_share_type_and_pattern() -> None:
    """Same name, same meaning: a column repeated across tables agrees on type, pattern and
    format (ids, offsets, codes), derived tables included."""
    seen: dict[str, set[tuple]] = defaultdict(set)
    where: dict[str, list[str]] = defaultdict(list)
    for table in ALL_TABLES:
        for f in table.fields:
            seen[f.name].add((f.type, f.pattern, f.format))
            where[f.name].append(table.name)
    differing = {name: kinds for name, kinds in seen.items() if len(kinds) > 1}
    assert not differing, {n: (k, where[n]) for n, k in differing.items()}


def test_every_shared_field_is_used() -> None:
    layout = json.loads((DEF.root / LAYOUT).read_text(encoding="utf-8"))
    shared = json.loads((DEF.root / layout["paths"]["sharedFields"]).read_text(encoding="utf-8"))[
        "fields"
    ]
    used = set()
    for name in DEF.tables:
        source = json.loads(
            (DEF.root / DEF.path("tableSource", table=name)).read_text(encoding="utf-8")
        )
        used |= {f["use"] for f in source["fields"] if "use" in f}
    assert used == set(shared)


def test_every_declared_column_holds_data() -> None:
    """A column no row fills is a column nobody needs, or a curation gap: both are news."""
    for name in DEF.tables:
        frame = fr_az_crisis.load(name)  # type: ignore[arg-type]
        empty = [c for c in frame.columns if frame[c].null_count() == frame.height]
        assert not empty, f"{name}: no row fills {empty}"


def test_unique_only_on_required_fields() -> None:
    """pandera counts repeated nulls as duplicates, frictionless does not: keep them from differing."""
    for table in DEF.tables.values():
        for f in table.fields:
            if f.unique:
                assert f.required, f"{table.name}.{f.name} is unique but nullable"


def test_keys_refer_to_declared_fields() -> None:
    for table in DEF.tables.values():
        assert set(table.primary_key) <= set(table.field_names)
        for fk in table.foreign_keys:
            assert set(fk.fields) <= set(table.field_names)
            assert set(fk.reference_fields) <= set(DEF.table(fk.resource).field_names)
    for table in DEF.derived.values():
        assert set(table.primary_key) <= set(table.field_names)


def test_datasette_hints_name_real_columns() -> None:
    for table in ALL_TABLES:
        hints = table.datasette
        named = [*hints.get("facets", []), *hints.get("fts", []), *hints.get("indexes", [])]
        named += [hints.get("label_column"), hints.get("sort"), *hints.get("colors", {})]
        for col in filter(None, named):
            assert col in table.field_names, f"{table.name}: hint names unknown column {col}"


def test_colours_cover_exactly_the_enumeration() -> None:
    for table in DEF.tables.values():
        for column, colours in table.datasette.get("colors", {}).items():
            assert list(colours) == list(table.field(column).enum or ()), f"{table.name}.{column}"


def test_datasette_metadata_derives_every_description() -> None:
    tables = build_metadata()["databases"][database_name()]["tables"]
    for table in ALL_TABLES:
        assert tables[table.name]["columns"] == {f.name: f.description for f in table.fields}
        assert tables[table.name]["description"] == table.description


def test_every_constraint_kind_is_enforced_by_the_fast_path() -> None:
    """Each constraint Field accepts is either typed by the caster (required, enum), checked
    by keys (unique on the primary key) or has a pandera check with a problem code."""
    by_caster_or_keys = {"required", "enum", "unique"}
    probe = Field(
        name="x",
        type="string",
        description="",
        pattern="a",
        minimum=0,
        maximum=1,
        min_length=1,
        max_length=2,
        format="uri",
    )
    codes = {code for code, _ in field_checks(probe)}
    assert codes == {"pattern", "minimum", "maximum", "min-length", "max-length", "format"}
    constraint_codes = {c.replace("Length", "-length").lower() for c in CONSTRAINT_KEYS}
    assert constraint_codes | {"format"} == codes | by_caster_or_keys
    assert codes <= set(CODES)


@pytest.mark.parametrize(
    "descriptor, message",
    [
        ({"name": "x", "type": "string", "description": "", "x-unknown": 1}, "unknown key"),
        (
            {"name": "x", "type": "string", "constraints": {"exclusiveMinimum": 0}},
            "unknown constraint",
        ),
        ({"name": "x", "type": "string", "format": "email"}, "format 'email' is not supported"),
        ({"name": "x", "type": "datetime"}, "type 'datetime' is not supported"),
        (
            {"name": "x", "type": "string", "constraints": {"enum": ["a"]}},
            "every enum value needs exactly one description",
        ),
    ],
)
def test_field_refuses_what_the_fast_path_would_not_enforce(descriptor: dict, message: str) -> None:
    with pytest.raises(DefinitionError, match=message):
        Field.from_descriptor(descriptor, "schemas/t.schema.json")


def test_generated_schemas_and_names_are_fresh(root: Path) -> None:
    for table, schema in table_schemas.generate(root).items():
        on_disk = json.loads((root / DEF.schema_path(table)).read_text(encoding="utf-8"))
        assert on_disk == schema, f"{table}: run `make build`"
    assert not codegen.is_stale(Definition.load(root)), "schema_names.py is stale: run `make build`"


def test_generated_docs_are_fresh(root: Path) -> None:
    assert run_docs(root, check=True) == [], "run `make docs`"


def test_one_version_everywhere(root: Path) -> None:
    """_version.py is the one place; every other version field is generated from it."""
    from fr_az_crisis._version import __released__

    version = fr_az_crisis.__version__
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    citation = (root / "CITATION.cff").read_text(encoding="utf-8")
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert (descriptor["version"], descriptor["created"]) == (version, f"{__released__}T00:00:00Z")
    assert f"\nversion: {version}\n" in citation
    assert f"\ndate-released: {__released__}\n" in citation
    releases = re.findall(r"(?m)^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", changelog)
    assert releases[0] == (version, __released__), "the newest CHANGELOG release is this version"
    cli = subprocess.run(
        [sys.executable, "-m", "fr_az_crisis", "--version"], capture_output=True, text=True
    )
    assert cli.stdout == f"fr-az-crisis {version}\n"


def test_registry_codes_are_unique_and_listed_in_the_readme(root: Path) -> None:
    codes = [c.code for c in REGISTRY]
    assert len(codes) == len(set(codes))
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert all(f"| `{c}` |" in readme for c in [*codes, *CODES])


def test_no_module_is_named_after_a_standard_library_module(root: Path) -> None:
    modules = [p.stem for p in (root / "src").rglob("*.py") if p.stem != "__init__"]
    assert not [m for m in modules if m in sys.stdlib_module_names]


@pytest.mark.parametrize("doc", ["README.md", "CONTRIBUTING.md"])
def test_docs_name_the_two_setup_commands(root: Path, doc: str) -> None:
    text = (root / doc).read_text(encoding="utf-8")
    assert "make serve" in text and "make test" in text


# --- declared once: no schema name written by hand in code ---------------------------------

# Where a string equal to a schema name is not a use of it (each kind is structural, not a
# list of strings): names of public functions in ``__all__``, the one path that locates the
# definition itself (``LAYOUT``), Data Package standard properties (``sources`` is also a
# property of a descriptor), and keys of an outside format that happen to equal a schema name
# (``FOREIGN_TERMS``: the Web Annotation model's ``target``, BibTeX's ``year``).
STRUCTURAL = {
    "__all__",
    "LAYOUT",
    "PACKAGE_KEYS",
    "OPTIONAL_KEYS",
    "SHAPES",
    "DESCRIPTOR_ORDER",
    "FOREIGN_TERMS",
}
SCANNED = ("src", "scripts", "benchmarks")


def _declared_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for table in ALL_TABLES:
        names[table.name] = "table"
        for f in table.fields:
            if "_" in f.name:  # one-word columns ("name", "text") are ordinary words too
                names.setdefault(f.name, "column")
            for v in f.enum or ():
                names.setdefault(v, "enum value")
    for path in [*DEF.paths.values(), *(t.path for t in DEF.tables.values())]:
        names[path] = "path"
    return names


def _hand_written(path: Path, names: dict[str, str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # docstrings
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in STRUCTURAL for t in targets):
                skip |= {id(n) for n in ast.walk(node)}
    return [
        f"{path}:{node.lineno}: {names[node.value]} {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in names
        and id(node) not in skip
    ]


def test_no_schema_name_is_written_by_hand_in_code(root: Path) -> None:
    """Tables, columns, enumeration values and paths come from ``schema_names`` or the
    definition; a string literal equal to one of them is a second declaration."""
    names = _declared_names()
    generated = root / DEF.path("namesModule")
    found = [
        hit
        for folder in SCANNED
        for path in sorted((root / folder).rglob("*.py"))
        if path != generated
        for hit in _hand_written(path, names)
    ]
    assert not found, "\n".join(found)
