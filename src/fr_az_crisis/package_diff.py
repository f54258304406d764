"""Compare two versions of the data package, row by row and field by field.

Each package is read with its *own* descriptor and Table Schemas (an older release may have
other tables or columns than this code knows), every cell as the string the CSV holds, and
rows are matched by the primary key the package's schema declares. The result says, per
table, which rows were added, which were retracted (present before, gone now) and which
changed, with each changed field's value before and after; columns and tables that appeared
or disappeared are listed too. ``fr-az-crisis diff OLD NEW`` prints it; the CHANGELOG's data
section of a release is generated from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from fr_az_crisis.definition import project_definition

Key = tuple[str, ...]


class DiffError(ValueError):
    """A package that cannot be compared; the message names the file."""


@dataclass(frozen=True)
class FieldChange:
    column: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class RowChange:
    key: Key
    changes: tuple[FieldChange, ...]


@dataclass
class TableDiff:
    table: str
    key_columns: tuple[str, ...]
    added: list[Key] = field(default_factory=list)
    retracted: list[Key] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.retracted
            or self.changed
            or self.columns_added
            or self.columns_removed
        )


@dataclass
class PackageDiff:
    old_version: str
    new_version: str
    tables: list[TableDiff] = field(default_factory=list)
    tables_added: list[str] = field(default_factory=list)
    tables_removed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "tables_added": self.tables_added,
            "tables_removed": self.tables_removed,
            "tables": {
                t.table: {
                    "key": list(t.key_columns),
                    "added": [list(k) for k in t.added],
                    "retracted": [list(k) for k in t.retracted],
                    "changed": [
                        {
                            "key": list(c.key),
                            "fields": {f.column: [f.before, f.after] for f in c.changes},
                        }
                        for c in t.changed
                    ],
                    "columns_added": t.columns_added,
                    "columns_removed": t.columns_removed,
                }
                for t in self.tables
            },
        }


@dataclass(frozen=True)
class _Table:
    name: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    frame: pl.DataFrame


def _inside(root: Path, rel: str) -> Path:
    """``root / rel``, refused when it resolves outside the package (descriptors are data)."""
    path = (root / rel).resolve()
    if not path.is_relative_to(root.resolve()):
        raise DiffError(f"{_descriptor(root)}: path {rel!r} leaves the package")
    return path


def _descriptor(root: Path) -> Path:
    """Where a package keeps its descriptor (the same name in every version)."""
    return root / project_definition().path("descriptor")


def _read_package(root: Path) -> tuple[str, dict[str, _Table]]:
    descriptor_path = _descriptor(root)
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DiffError(f"{descriptor_path}: cannot read: {exc}") from None
    tables = {}
    for res in descriptor.get("resources", []):
        if not res.get("schema") or res.get("format", "csv") != "csv":
            continue  # texts and other non-tabular resources are compared by their hashes
        schema_ref = res["schema"]
        schema = (
            schema_ref
            if isinstance(schema_ref, dict)
            else json.loads(_inside(root, schema_ref).read_text(encoding="utf-8"))
        )
        key = schema.get("primaryKey", [])
        key = (key,) if isinstance(key, str) else tuple(key)
        frame = pl.read_csv(_inside(root, res["path"]), infer_schema=False, raise_if_empty=False)
        tables[res["name"]] = _Table(res["name"], key, tuple(frame.columns), frame)
    return str(descriptor.get("version", "")), tables


def _keys(table: _Table) -> list[Key]:
    return [tuple(str(v) for v in row) for row in table.frame.select(table.key).rows()]


def _values(table: _Table, columns: list[str]) -> list[tuple[Any, ...]]:
    """Each row's values in ``columns`` (an empty tuple per row when the key is every column)."""
    if not columns:
        return [()] * table.frame.height
    return table.frame.select(columns).rows()


def _diff_table(old: _Table, new: _Table) -> TableDiff:
    key = new.key or old.key
    out = TableDiff(
        new.name,
        key,
        columns_added=[c for c in new.columns if c not in old.columns],
        columns_removed=[c for c in old.columns if c not in new.columns],
    )
    shared = [c for c in new.columns if c in old.columns and c not in key]
    old_rows = dict(zip(_keys(old), _values(old, shared), strict=True))
    new_rows = dict(zip(_keys(new), _values(new, shared), strict=True))
    out.added = sorted(new_rows.keys() - old_rows.keys())
    out.retracted = sorted(old_rows.keys() - new_rows.keys())
    for k in sorted(old_rows.keys() & new_rows.keys()):
        changes = tuple(
            FieldChange(c, a, b)
            for c, a, b in zip(shared, old_rows[k], new_rows[k], strict=True)
            if a != b
        )
        if changes:
            out.changed.append(RowChange(k, changes))
    return out


def _package_root(path: str | Path) -> Path:
    """A package folder, given the folder or its descriptor."""
    path = Path(path)
    if path.is_file() and path.name == _descriptor(path.parent).name:
        return path.parent
    if not path.is_dir():
        raise DiffError(f"{path}: not a package folder or a {_descriptor(path).name}")
    return path


def diff_packages(old: str | Path, new: str | Path) -> PackageDiff:
    """Compare the package ``old`` with ``new`` (each a folder or its datapackage.json)."""
    old_version, old_tables = _read_package(_package_root(old))
    new_version, new_tables = _read_package(_package_root(new))
    result = PackageDiff(
        old_version,
        new_version,
        tables_added=[t for t in new_tables if t not in old_tables],
        tables_removed=[t for t in old_tables if t not in new_tables],
    )
    for name, table in new_tables.items():
        if name in old_tables:
            result.tables.append(_diff_table(old_tables[name], table))
        else:
            result.tables.append(
                TableDiff(
                    name, table.key, added=sorted(_keys(table)), columns_added=list(table.columns)
                )
            )
    return result


def _key_text(key: Key) -> str:
    return "/".join(key)


def format_text(diff: PackageDiff, *, fields: bool = True) -> str:
    """Per table: counts, then each added, retracted and changed row (with before → after)."""
    lines = [f"data package {diff.old_version or '?'} -> {diff.new_version or '?'}"]
    for name in diff.tables_removed:
        lines.append(f"table {name}: removed")
    for t in diff.tables:
        lines.append(
            f"{t.table}: {len(t.added)} added, {len(t.retracted)} retracted, {len(t.changed)} changed"
            + (
                f"; columns added: {', '.join(t.columns_added)}"
                if t.columns_added and t.table not in diff.tables_added
                else ""
            )
            + (f"; columns removed: {', '.join(t.columns_removed)}" if t.columns_removed else "")
        )
        lines += [f"  + {_key_text(k)}" for k in t.added]
        lines += [f"  - {_key_text(k)}" for k in t.retracted]
        for c in t.changed:
            lines.append(f"  ~ {_key_text(c.key)}")
            if fields:
                lines += [f"      {f.column}: {f.before!r} -> {f.after!r}" for f in c.changes]
    return "\n".join(lines)


def format_markdown(diff: PackageDiff) -> str:
    """The CHANGELOG's data section: counts per table, the IDs added and retracted, and for
    each changed row the fields that changed."""
    lines = [
        f"Data changes from {diff.old_version} to {diff.new_version}, generated by "
        f"`fr-az-crisis diff` (rows matched by primary key):",
        "",
        "| table | added | retracted | changed | columns added | columns removed |",
        "|---|---:|---:|---:|---|---|",
    ]
    for t in diff.tables:
        lines.append(
            f"| `{t.table}` | {len(t.added)} | {len(t.retracted)} | {len(t.changed)} | "
            f"{', '.join(f'`{c}`' for c in t.columns_added) if t.table not in diff.tables_added else '(new table)'} | "
            f"{', '.join(f'`{c}`' for c in t.columns_removed)} |"
        )
    for t in diff.tables:
        if t.empty:
            continue
        lines += ["", f"#### `{t.table}`", ""]
        if t.added:
            lines.append("- Added: " + ", ".join(f"`{_key_text(k)}`" for k in t.added) + ".")
        if t.retracted:
            lines.append(
                "- Retracted: " + ", ".join(f"`{_key_text(k)}`" for k in t.retracted) + "."
            )
        for c in t.changed:
            fields = ", ".join(f"`{f.column}`" for f in c.changes)
            lines.append(f"- Changed `{_key_text(c.key)}`: {fields}.")
    return "\n".join(lines)
