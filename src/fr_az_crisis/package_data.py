"""A data package read once: descriptor, schema files, table bytes, raw and typed frames,
archived texts, and what else lies in the texts folder.

Every check runs on this object, so no check re-reads a file or a schema. What to read comes
from the project's ``Definition`` (the tables it must have, their paths and schemas), not
from the package's own descriptor. Every file is read through ``paths.read_inside``: a path
that leaves the package (after symlinks) or names a FIFO or a device is a problem and is
never read. Problems met while reading (a missing or unsafe file, a malformed row, a cell
that does not parse) are kept by stage, for the checks that report them.
"""

from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import polars as pl

from fr_az_crisis.definition import Definition, project_definition
from fr_az_crisis.paths import UnsafePath, read_inside, read_many_inside, resolve_inside
from fr_az_crisis.problems import Problem
from fr_az_crisis.publishing_state import journal_path
from fr_az_crisis.schema_names import sources
from fr_az_crisis.strict_json import parse_json
from fr_az_crisis.table_reading import cast_table, read_structure

THREADS = 2
"""Worker threads for reading and checking: polars releases the GIL, and two measured best
on the two-core machine this project is built on (benchmarks/README.md)."""


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
    schema_files: dict[str, bytes | None] = field(default_factory=dict)
    schema_problems: dict[str, Problem] = field(default_factory=dict)
    text_bytes: dict[str, bytes | None] = field(default_factory=dict)
    text_problems: dict[str, Problem] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    text_digests: dict[str, str] = field(default_factory=dict)
    text_folder: list[str] = field(default_factory=list)
    """Package-relative paths of every entry of the archived texts' folder."""
    text_folder_problem: Problem | None = None
    interrupted: str | None = None
    """The journal's path when a build was killed while publishing into this package."""

    def available(self, table: str) -> bool:
        """Whether the table was read into a typed frame (possibly with bad cells)."""
        return table in self.typed

    def rows(self, *tables: str) -> int:
        """Rows of the given tables that were read (all tables when none are named)."""
        names = tables or tuple(self.typed)
        return sum(self.typed[t].height for t in names if t in self.typed)

    def path(self, table: str) -> str:
        return self.definition.table_path(table)

    def is_source_id(self, value: str) -> bool:
        """Whether ``value`` may name a text: only a source id of the declared pattern is
        turned into a path (the constraints check reports any other)."""
        pattern = self.definition.table(sources.TABLE).field(sources.source_id).pattern
        return re.fullmatch(pattern or ".*", value) is not None

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
        pkg._read_journal()
        for name, table in pkg.definition.tables.items():
            pkg._read_schema(name, table.schema_path)
        # Tables are read on two threads (polars parses without the GIL); each writes only
        # its own keys, and the dicts are filled in the definition's order afterwards.
        with ThreadPoolExecutor(THREADS) as pool:
            read = list(pool.map(pkg._read_table, pkg.definition.tables))
        for name, (data, structure, frames, cast) in zip(pkg.definition.tables, read, strict=True):
            pkg.files[name] = data
            pkg.structure_problems[name] = structure
            if frames is not None:
                pkg.raw[name], pkg.typed[name] = frames
                pkg.type_problems[name] = cast
        pkg._read_texts()
        pkg._list_text_folder()
        return pkg

    def _read_table(
        self, name: str
    ) -> tuple[
        bytes | None, list[Problem], tuple[pl.DataFrame, pl.DataFrame] | None, list[Problem]
    ]:
        """One table's bytes, structure problems, (raw, typed) frames and type problems."""
        table = self.definition.table(name)
        data, unsafe = read_safely(self.root, table.path)
        if data is None:
            missing = unsafe or Problem("file-missing", table.path, None, None, "file is missing")
            return None, [missing], None, []
        raw, problems = read_structure(table, data)
        if raw is None:
            return data, problems, None, []
        typed, cast_problems = cast_table(table, raw)
        ragged = {p.row for p in problems if p.code == "parse"}
        # a row with fields missing is one fault (parse), not one per empty cell
        return data, problems, (raw, typed), [p for p in cast_problems if p.row not in ragged]

    def _read_journal(self) -> None:
        rel = journal_path(self.definition)
        try:
            if resolve_inside(self.root, rel).exists():
                self.interrupted = rel
        except UnsafePath:
            self.interrupted = rel

    def _read_schema(self, name: str, rel: str) -> None:
        data, unsafe = read_safely(self.root, rel)
        self.schema_files[name] = data
        if unsafe is not None:
            self.schema_problems[name] = unsafe

    def _read_descriptor(self) -> None:
        rel = self.definition.path("descriptor")
        data, unsafe = read_safely(self.root, rel)
        if unsafe is not None:
            self.descriptor_problems.append(unsafe)
            return
        if data is None:
            self.descriptor_problems.append(
                Problem("descriptor-unreadable", rel, None, None, "datapackage.json is missing")
            )
            return
        try:
            value = parse_json(data)
        except ValueError as exc:
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
        ids = list(filter(self.is_source_id, archived.drop_nulls().to_list()))
        found = read_many_inside(self.root, [self.definition.text_path(sid) for sid in ids])
        for sid in ids:
            rel = self.definition.text_path(sid)
            data = found[rel]
            if isinstance(data, UnsafePath):
                self.text_problems[sid] = Problem(data.code, rel, None, None, str(data))
                data = None
            self.text_bytes[sid] = data
            if data is None:
                continue
            self.text_digests[sid] = hashlib.sha256(data).hexdigest()
            try:
                self.texts[sid] = data.decode("utf-8")
            except UnicodeDecodeError:
                continue

    def _list_text_folder(self) -> None:
        """Every entry of the folder that holds the archived texts (the texts check says which
        no sources row names). A folder that leaves the package is not listed."""
        folder = text_folder(self.definition)
        try:
            path = resolve_inside(self.root, folder)
        except UnsafePath as exc:
            self.text_folder_problem = Problem(exc.code, folder, None, None, str(exc))
            return
        if path.is_dir():
            self.text_folder = sorted(f"{folder}/{entry.name}" for entry in os.scandir(path))


def text_folder(definition: Definition) -> str:
    """The folder of the archived texts: the text path's folder (``data/sources``)."""
    return PurePosixPath(definition.text_path("_")).parent.as_posix()


def read_safely(root: Path, rel: str) -> tuple[bytes | None, Problem | None]:
    """A file's bytes (None when missing), or the problem that kept it from being read."""
    try:
        return read_inside(root, rel), None
    except UnsafePath as exc:
        return None, Problem(exc.code, rel, None, None, str(exc))
