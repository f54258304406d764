"""A data package read once: descriptor, table bytes, raw and typed frames, archived texts.

Every check runs on this object, so no check re-reads a file or a schema. What to read comes
from the project's ``Definition`` (the tables it must have, their paths and schemas), not
from the package's own descriptor. Problems met while reading (a missing file, a malformed
row, a cell that does not parse) are kept by stage, for the checks that report them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from fr_az_crisis.definition import Definition, project_definition
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import sources
from fr_az_crisis.table_reading import cast_table, read_structure


@dataclass
class PackageData:
    root: Path
    definition: Definition
    descriptor: dict[str, Any] | None = None
    descriptor_problems: list[Problem] = field(default_factory=list)
    files: dict[str, bytes | None] = field(default_factory=dict)
    raw: dict[str, pl.DataFrame] = field(default_factory=dict)
    typed: dict[str, pl.DataFrame] = field(default_factory=dict)
    structure_problems: dict[str, list[Problem]] = field(default_factory=dict)
    type_problems: dict[str, list[Problem]] = field(default_factory=dict)
    text_bytes: dict[str, bytes | None] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    text_digests: dict[str, str] = field(default_factory=dict)

    def available(self, table: str) -> bool:
        """Whether the table was read into a typed frame (possibly with bad cells)."""
        return table in self.typed

    def rows(self, *tables: str) -> int:
        """Rows of the given tables that were read (all tables when none are named)."""
        names = tables or tuple(self.typed)
        return sum(self.typed[t].height for t in names if t in self.typed)

    def path(self, table: str) -> str:
        return self.definition.table_path(table)

    def unparsed_rows(self, table: str, *columns: str) -> set[int]:
        """CSV lines where one of the columns held a value that did not parse (the types
        check reports it): other checks should not report the resulting null again."""
        return {
            p.row
            for p in self.type_problems.get(table, [])
            if p.row is not None and p.field in columns
        }

    @classmethod
    def read(cls, root: Path, definition: Definition | None = None) -> PackageData:
        pkg = cls(root=root, definition=definition or project_definition())
        pkg._read_descriptor()
        for name, table in pkg.definition.tables.items():
            data = _read_bytes(root / table.path)
            pkg.files[name] = data
            if data is None:
                pkg.structure_problems[name] = [
                    Problem("file-missing", table.path, None, None, "file is missing")
                ]
                continue
            raw, problems = read_structure(table, data)
            pkg.structure_problems[name] = problems
            if raw is None:
                continue
            typed, cast_problems = cast_table(table, raw)
            ragged = {p.row for p in problems if p.code == "parse"}
            pkg.raw[name], pkg.typed[name] = raw, typed
            # a row with fields missing is one fault (parse), not one per empty cell
            pkg.type_problems[name] = [p for p in cast_problems if p.row not in ragged]
        pkg._read_texts()
        return pkg

    def _read_descriptor(self) -> None:
        rel = self.definition.path("descriptor")
        data = _read_bytes(self.root / rel)
        if data is None:
            self.descriptor_problems.append(
                Problem("descriptor-unreadable", rel, None, None, "datapackage.json is missing")
            )
            return
        try:
            value = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            self.descriptor_problems.append(
                Problem("descriptor-unreadable", rel, None, None, f"not valid UTF-8 JSON: {exc}")
            )
            return
        if not isinstance(value, dict):
            self.descriptor_problems.append(
                Problem("descriptor-unreadable", rel, None, None, "not a JSON object")
            )
            return
        self.descriptor = value

    def _read_texts(self) -> None:
        """Bytes, digest and decoded text of every source the sources table marks archived."""
        if not self.available(sources.TABLE):
            return
        frame = self.typed[sources.TABLE]
        archived = frame.filter(pl.col(sources.is_archived).fill_null(False))[sources.source_id]
        for sid in archived.drop_nulls().to_list():
            data = _read_bytes(self.root / self.definition.text_path(sid))
            self.text_bytes[sid] = data
            if data is None:
                continue
            self.text_digests[sid] = hashlib.sha256(data).hexdigest()
            try:
                self.texts[sid] = data.decode("utf-8")
            except UnicodeDecodeError:
                continue


def _read_bytes(path: Path) -> bytes | None:
    """A file's bytes, or None when it is missing (plain ``open``: cheap at thousands of files)."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
