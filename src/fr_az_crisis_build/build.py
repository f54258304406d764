"""Rebuild the published package from ``schemas/``, ``data/curated/`` and ``data/sources/``.

The build stages every file in the publishing folder: the Table Schemas generated from
``schemas/tables/``, the tables assembled from curated YAML, datapackage.json, and the
generated ``schema_names`` module. It validates the staged package with the fast checks and
the staged definition, and only then publishes the files (``publishing``: a journal makes
the moves crash-safe): a failed build publishes nothing and leaves the published files as
they were; a killed one leaves the old package, or a journal the next build finishes first.
``--check`` rebuilds and compares instead of publishing.

Everything the build reads is read inside the project (``paths.read_inside``): a schema,
curated file or archived text that is a symlink out of it is an error and is not read.
A problem the validator finds in a staged table is reported at the curated file, item and
key the row came from, with the staged file, row and field after it.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from fr_az_crisis.definition import LAYOUT, Definition, DefinitionError
from fr_az_crisis.package_data import text_folder
from fr_az_crisis.package_metadata import is_web_address
from fr_az_crisis.paths import UnsafePath, read_inside, resolve_inside
from fr_az_crisis.problems import Problem, Report
from fr_az_crisis.validation import validate
from fr_az_crisis_build import codegen, publishing, table_schemas
from fr_az_crisis_build.assemble import ORIGIN, Origin, assemble_all
from fr_az_crisis_build.csv_writer import write_table
from fr_az_crisis_build.curated import CurationError, CurationFailed, ErrorLog
from fr_az_crisis_build.package import descriptor, read_metadata
from fr_az_crisis_build.retractions import check_retractions
from fr_az_crisis_build.table_schemas import write_json

SCHEMAS = "schemas"
"""The folder of schema sources and generated schemas, copied whole into the staged package."""


@dataclass
class Staged:
    """A staged package: its definition, the project-relative paths the build publishes, and
    for each staged table file the curated origin of each CSV line."""

    definition: Definition
    published: list[str]
    origins: dict[str, dict[int, Origin]]


def copy_inside(root: Path, rel: str, dest: Path, log: ErrorLog) -> None:
    """Copy the file or folder ``root / rel`` to ``dest / rel``, every file read through
    ``read_inside``: one that resolves outside ``root`` is logged and not read."""
    try:
        top = resolve_inside(root, rel)
    except UnsafePath as exc:
        log.add(rel, None, None, f"{exc.reason}; it is not read")
        return
    if not top.is_dir():
        _copy_file(root, rel, dest, log)
        return
    seen: set[str] = set()
    for folder, dirs, files in os.walk(root / rel, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:  # a symlink loop: walk each folder once
            dirs[:] = []
            continue
        seen.add(real)
        base = Path(folder).relative_to(root).as_posix()
        for name in sorted(files):
            _copy_file(root, f"{base}/{name}", dest, log)
        for name in list(dirs):
            try:
                resolve_inside(root, f"{base}/{name}")
            except UnsafePath as exc:
                log.add(f"{base}/{name}", None, None, f"{exc.reason}; it is not read")
                dirs.remove(name)


def _copy_file(root: Path, rel: str, dest: Path, log: ErrorLog) -> None:
    try:
        data = read_inside(root, rel)
    except UnsafePath as exc:
        log.add(rel, None, None, f"{exc.reason}; it is not read")
        return
    if data is None:
        return
    (dest / rel).parent.mkdir(parents=True, exist_ok=True)
    (dest / rel).write_bytes(data)


def stage(root: Path, staging: Path) -> Staged:
    """Write the whole package into ``staging``; ``CurationFailed`` lists every mistake."""
    log = ErrorLog()
    copy_inside(root, SCHEMAS, staging, log)
    log.raise_if_any()
    schema_paths = table_schemas.write_all(staging, staging)
    definition = Definition.load(staging)
    rows = assemble_all(root, definition, log)
    if not log:  # with a file unread, every ID in it would look retracted: noise, not news
        check_retractions(root, definition, rows, log)
    meta = read_metadata(root, definition, log)
    copy_inside(root, definition.path("contestedTerms"), staging, log)
    copy_inside(root, text_folder(definition), staging, log)
    for path in licence_files(definition):  # the licence texts the descriptor points at
        copy_inside(root, path, staging, log)
    log.raise_if_any()
    assert meta is not None
    origins: dict[str, dict[int, Origin]] = {}
    for name, table in definition.tables.items():
        (staging / table.path).parent.mkdir(parents=True, exist_ok=True)
        written = write_table(staging / table.path, table, rows.get(name, []))
        origins[table.path] = {i + 2: row[ORIGIN] for i, row in enumerate(written)}
    descriptor_rel = definition.path("descriptor")
    write_json(staging / descriptor_rel, descriptor(meta, definition, staging))
    tables = [t.path for t in definition.tables.values()]
    published = [*schema_paths, *tables, descriptor_rel]
    names_rel = definition.path("namesModule")
    if (root / names_rel).parent.is_dir():  # a checkout: its generated code is built too
        (staging / names_rel).parent.mkdir(parents=True, exist_ok=True)
        (staging / names_rel).write_text(codegen.render(definition), encoding="utf-8")
        published.append(names_rel)
    return Staged(definition, published, origins)


def licence_files(definition: Definition) -> list[str]:
    """Package-relative paths of the licence texts the declared licences name (not links)."""
    return [
        str(licence["path"])
        for licence in definition.package_licenses()
        if "path" in licence and not is_web_address(str(licence["path"]), definition)
    ]


def differing(staging: Path, root: Path, paths: list[str]) -> list[str]:
    """Published files whose bytes differ from a fresh build (or that are missing)."""
    return [
        p
        for p in paths
        if not (root / p).is_file() or (root / p).read_bytes() != (staging / p).read_bytes()
    ]


def located(problem: Problem, origins: dict[str, dict[int, Origin]]) -> str:
    """A staged problem at the curated file, item and key it came from, when known."""
    origin = origins.get(problem.file, {}).get(problem.row) if problem.row else None
    if origin is None:
        return str(problem)
    file, item, prefix = origin
    key = f"{prefix}{problem.field}" if problem.field else None
    where = CurationError(file, item, key, "").where
    staged = CurationError(problem.file, None, None, "").where + f", row {problem.row}"
    if problem.field:
        staged += f", field {problem.field}"
    return f"{where}: [{problem.code}] {problem.message} (staged as {staged})"


def report_failure(report: Report, origins: dict[str, dict[int, Origin]]) -> None:
    problems = sorted(report.problems, key=Problem.sort_key)
    for p in problems[:100]:
        print(located(p, origins), file=sys.stderr)
    if len(problems) > 100:
        print(f"... and {len(problems) - 100} more", file=sys.stderr)
    print(f"build failed: {len(problems)} problem(s); nothing was published", file=sys.stderr)


def layout_publishing_folder(root: Path) -> str:
    """The publishing folder the project's layout declares (read before anything is staged,
    since a killed build's journal must be found even when the schemas have changed)."""
    try:
        data = read_inside(root, LAYOUT)
        if data is None:
            raise DefinitionError(f"{LAYOUT}: missing")
        folder = json.loads(data.decode("utf-8"))["paths"]["publishing"]
    except (UnsafePath, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise DefinitionError(f"{LAYOUT}: cannot read the publishing path: {exc}") from None
    resolve_inside(root, folder)
    return str(folder)


def build(root: Path, *, check: bool = False) -> int:
    try:
        folder = layout_publishing_folder(root)
        with publishing.build_lock(root):
            return _build_locked(root, folder, check=check)
    except (DefinitionError, UnsafePath, publishing.PublishError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1


def _build_locked(root: Path, folder: str, *, check: bool) -> int:
    if publishing.prepare(root, folder):
        print(f"finished the publication an interrupted build left in {folder}/", file=sys.stderr)
    staging = publishing.staging_folder(root, folder)
    try:
        try:
            staged = stage(root, staging)
        except CurationFailed as exc:
            for error in exc.errors:
                print(error, file=sys.stderr)
            print(
                f"build failed: {len(exc.errors)} curation error(s); nothing was published",
                file=sys.stderr,
            )
            return 1
        except table_schemas.SchemaSourceError as exc:
            print(f"build failed: {exc}", file=sys.stderr)
            return 1
        definition = staged.definition
        report = validate(staging, reference=False, definition=definition)
        if not report.ok:
            report_failure(report, staged.origins)
            return 1
        if check:
            stale = differing(staging, root, staged.published)
            if stale:
                print(
                    "not reproducible: a rebuild differs from " + ", ".join(stale), file=sys.stderr
                )
                return 1
            print(f"reproducible: a rebuild gives byte-identical {len(staged.published)} files")
            return 0
        publishing.publish(root, folder, staged.published, definition.path("descriptor"))
    finally:
        publishing.discard(root, folder)
    print(f"built {len(definition.tables)} tables into {root / 'data'}")
    return 0
