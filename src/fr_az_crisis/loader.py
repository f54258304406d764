"""Typed access to the published tables: the researcher's entry point.

The loader verifies by default. ``load()`` reads a table's bytes once, compares their sha256
with the hash datapackage.json records, and only then parses them: a file edited after it was
published (or after the wheel was installed) raises ``IntegrityError`` naming the file,
instead of returning data nobody validated. ``source_text()`` likewise compares an archived
text with the sha256 of its sources row. The cost is one hash of bytes already in memory:
about 4 ms for the whole real package and 0.5 s for the claims table at a million claims
(``benchmarks/import_load.py``). ``verify=False`` is the explicit opt-out for people who edit
files by hand; even then a cell that does not parse raises ``CellError`` with its file, row
and field, and never becomes null.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import polars as pl

from fr_az_crisis.definition import TableSchema, project_definition
from fr_az_crisis.dtypes import polars_schema
from fr_az_crisis.extras import require
from fr_az_crisis.paths import UnsafePath, find_package_dir, read_inside, resolve_inside
from fr_az_crisis.problems import Problem
from fr_az_crisis.publishing_state import journal_path
from fr_az_crisis.schema_names import TABLES, TableName, sources
from fr_az_crisis.strict_json import parse_json
from fr_az_crisis.table_reading import cast_table, read_structure

if TYPE_CHECKING:
    import pandas as pd

Backend = Literal["polars", "pandas"]
"""What ``load`` returns: a polars DataFrame (the default) or a pandas DataFrame."""

CELL_CODES = {"type", "enum", "non-canonical", "parse", "encoding", "header-missing"}
CELL_CODES |= {"header-unknown", "header-order", "byte-order-mark", "truncated", "line-ends"}
"""Problems of reading that make a table's values unknowable (not those of its content)."""


class IntegrityError(ValueError):
    """A published file differs from what datapackage.json (or sources.csv) records for it,
    or cannot be checked: the message names the file and says what to do."""


class CellError(ValueError):
    """Cells that do not parse as their column's type; ``problems`` name file, row, field."""

    def __init__(self, problems: list[Problem]):
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} cell(s) cannot be read:\n{shown}{more}")
        self.problems = problems


def tables() -> list[TableName]:
    """Names of the tables, in the package's order."""
    return list(TABLES)


def schema(table: TableName) -> TableSchema:
    """The parsed Table Schema of one table (fields, keys, descriptions)."""
    return project_definition().table(table)


def package_dir() -> Path:
    """The folder of the data package this install reads (the wheel's copy or the checkout;
    ``FR_AZ_CRISIS_PACKAGE`` overrides it).

    >>> (package_dir() / "datapackage.json").is_file()
    True
    """
    return find_package_dir(None)


def table_path(table: TableName) -> Path:
    """The CSV file of a table, for tools that read files (like vega_datasets' ``filepath``).

    >>> table_path("claims").name
    'claims.csv'
    """
    return package_dir() / schema(table).path


@overload
def load(
    table: TableName,
    *,
    backend: Literal["polars"] = ...,
    validate: bool = ...,
    verify: bool = ...,
    package_dir: str | Path | None = ...,
) -> pl.DataFrame: ...


@overload
def load(
    table: TableName,
    *,
    backend: Literal["pandas"],
    validate: bool = ...,
    verify: bool = ...,
    package_dir: str | Path | None = ...,
) -> pd.DataFrame: ...


def load(
    table: TableName,
    *,
    backend: Backend = "polars",
    validate: bool = False,
    verify: bool = True,
    package_dir: str | Path | None = None,
) -> pl.DataFrame | pd.DataFrame:
    """Load one table as a typed DataFrame.

    With ``backend="polars"`` (the default): dates are ``pl.Date``, enumerations ``pl.Enum``
    (categories in schema order), booleans ``pl.Boolean``, integers ``pl.Int64``, numbers
    ``pl.Float64``. With ``backend="pandas"`` (needs the ``pandas`` extra, not pyarrow):
    ``Int64``, ``Float64``, ``boolean``, ``string`` (all with ``pd.NA``), dates as
    ``datetime64[ms]``, enumerations as ``category`` in schema order
    (``fr_az_crisis.pandas_frames``).

    >>> import fr_az_crisis
    >>> events = fr_az_crisis.load("events")
    >>> events.schema["date_start"]
    Date
    >>> events.schema["event_type"].__class__.__name__
    'Enum'

    ``verify`` (the default) first checks the file's sha256 against datapackage.json and
    raises ``IntegrityError`` when they differ; ``verify=False`` reads a hand-edited file.
    A cell that does not parse raises ``CellError`` (file, row, field) either way.
    ``validate=True`` also runs the pandera schema derived from the Table Schema (needs the
    ``validate`` extra) and raises ``pandera.errors.SchemaErrors`` on any violation.
    """
    if backend not in ("polars", "pandas"):
        raise ValueError(f"unknown backend {backend!r}; choose 'polars' or 'pandas'")
    if backend == "pandas":
        require("pandas", "load(..., backend='pandas')")
    if validate:
        require("validate", "load(..., validate=True)")
    root = find_package_dir(package_dir)
    ts = schema(table)
    data = _read_table_bytes(root, ts)
    if verify:
        verify_bytes(root, ts.name, ts.path, data)
    df = parse_table(ts, data)
    if validate:
        from fr_az_crisis.pandera_schemas import pandera_schema

        pandera_schema(ts).validate(df, lazy=True)
    if backend == "pandas":
        from fr_az_crisis.pandas_frames import to_pandas

        return to_pandas(df)
    return df


@overload
def load_all(
    *,
    backend: Literal["polars"] = ...,
    validate: bool = ...,
    verify: bool = ...,
    package_dir: str | Path | None = ...,
) -> dict[TableName, pl.DataFrame]: ...


@overload
def load_all(
    *,
    backend: Literal["pandas"],
    validate: bool = ...,
    verify: bool = ...,
    package_dir: str | Path | None = ...,
) -> dict[TableName, pd.DataFrame]: ...


def load_all(
    *,
    backend: Backend = "polars",
    validate: bool = False,
    verify: bool = True,
    package_dir: str | Path | None = None,
) -> dict[TableName, pl.DataFrame] | dict[TableName, pd.DataFrame]:
    """Every table, keyed by name.

    >>> sorted(load_all())[:3]
    ['actors', 'claim_relations', 'claims']
    """
    if backend == "pandas":
        return {
            name: load(
                name, backend="pandas", validate=validate, verify=verify, package_dir=package_dir
            )
            for name in TABLES
        }
    return {
        name: load(name, validate=validate, verify=verify, package_dir=package_dir)
        for name in TABLES
    }


def parse_table(ts: TableSchema, data: bytes) -> pl.DataFrame:
    """The typed frame of a table's bytes; ``CellError`` when a cell does not parse.

    Published files are written in exactly the forms polars parses natively, so that is tried
    first (after checking the header, since polars assigns a given schema by position). When
    polars refuses, the validator's reader finds each cell at fault.
    """
    header = ",".join(ts.field_names).encode("utf-8")
    if data.split(b"\n", 1)[0] == header:
        try:
            return pl.read_csv(data, schema=polars_schema(ts), raise_if_empty=False)
        except pl.exceptions.PolarsError:
            pass
    raw, problems = read_structure(ts, data)
    if raw is not None:
        typed, cast_problems = cast_table(ts, raw)
        problems += cast_problems
    bad = [p for p in problems if p.code in CELL_CODES]
    if bad or raw is None:
        raise CellError(bad or problems)
    return typed.drop("_row").cast(polars_schema(ts))  # type: ignore[arg-type]


def verify_bytes(root: Path, name: str, rel: str, data: bytes) -> None:
    """Raise ``IntegrityError`` unless ``data`` is what datapackage.json records for ``name``."""
    recorded = _recorded_hashes(root).get(name)
    descriptor = project_definition().path("descriptor")
    if recorded is None:
        raise IntegrityError(
            f"{descriptor}: records no sha256 for {rel}, so it cannot be verified "
            "(pass verify=False to read it anyway)"
        )
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    if digest != recorded:
        raise IntegrityError(
            f"{rel}: its sha256 differs from the one {descriptor} records ({digest} != "
            f"{recorded}): the file was changed after it was published. Rebuild the package, "
            "or pass verify=False to read a hand-edited file"
        )


def _recorded_hashes(root: Path) -> dict[str, str]:
    """Each resource's recorded hash; ``IntegrityError`` for a descriptor that cannot be read
    or a package left half-published by a killed build."""
    definition = project_definition()
    rel = definition.path("descriptor")
    journal = journal_path(definition)
    try:
        interrupted = resolve_inside(root, journal).exists()
    except UnsafePath:
        interrupted = True
    if interrupted:
        raise IntegrityError(
            f"{journal}: a build was stopped while publishing this package, whose files may "
            "be of two builds; run the build again to finish the publication"
        )
    try:
        data = read_inside(root, rel)
    except UnsafePath as exc:
        raise IntegrityError(str(exc)) from None
    if data is None:
        raise IntegrityError(f"{rel}: missing, so no table can be verified")
    try:
        descriptor = parse_json(data)
    except ValueError as exc:
        raise IntegrityError(f"{rel}: not valid UTF-8 JSON ({exc}); is it truncated?") from None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise IntegrityError(f"{rel}: has no list of resources")
    hashes: dict[str, str] = {}
    for r in resources:
        if isinstance(r, dict) and isinstance(r.get("hash"), str):
            hashes.setdefault(str(r.get("name")), r["hash"])
    return hashes


def _read_table_bytes(root: Path, ts: TableSchema) -> bytes:
    try:
        data = read_inside(root, ts.path)
    except UnsafePath as exc:
        raise IntegrityError(str(exc)) from None
    if data is None:
        raise FileNotFoundError(f"{ts.path}: missing from the package at {root}")
    return data


def source_text(
    source_id: str, package_dir: str | Path | None = None, *, verify: bool = True
) -> str:
    """The archived text of a source, exactly as received (decoded UTF-8, no newline changes).

    ``source_id`` must be a source id (a slug): a path such as ``"../../x"`` is refused, and
    the text is read only from inside the package. With ``verify`` (the default) the text's
    sha256 must be the one its sources row records.

    >>> source_text("massis_post_2023_12_27_azerbaijan_expels")[:20]
    ' date 2023-12-27 BAK'
    """
    return source_texts([source_id], package_dir, verify=verify)[source_id]


def source_texts(
    source_ids: Iterable[str] | None = None,
    package_dir: str | Path | None = None,
    *,
    verify: bool = True,
) -> dict[str, str]:
    """The archived texts of several sources (all archived ones when ``source_ids`` is None),
    reading and verifying the sources table once."""
    root = find_package_dir(package_dir)
    definition = project_definition()
    recorded: dict[str, Any] | None = None
    if verify or source_ids is None:
        frame = load(sources.TABLE, verify=verify, package_dir=root)
        archived = frame.filter(pl.col(sources.is_archived))
        recorded = dict(zip(archived[sources.source_id], archived[sources.sha256], strict=True))
    ids = sorted(recorded) if source_ids is None else list(source_ids)  # type: ignore[arg-type]
    pattern = definition.table(sources.TABLE).field(sources.source_id).pattern or ""
    out = {}
    for sid in ids:
        if not isinstance(sid, str) or not re.fullmatch(pattern, sid):
            if source_ids is None:  # the package's own sources table names it
                raise IntegrityError(
                    f"{definition.table_path(sources.TABLE)}: {sid!r} is not a source id (a slug "
                    f"matching {pattern}); no file is read for it"
                )
            raise ValueError(f"{sid!r} is not a source id (a slug matching {pattern})")
        if recorded is not None and sid not in recorded:
            raise KeyError(f"no archived text for source {sid!r} (citation-only or unknown)")
        rel = definition.text_path(sid)
        try:
            data = read_inside(root, rel)
        except UnsafePath as exc:
            raise IntegrityError(str(exc)) from None
        if data is None:
            raise KeyError(f"no archived text for source {sid!r} (citation-only or unknown)")
        if verify and hashlib.sha256(data).hexdigest() != recorded[sid]:  # type: ignore[index]
            raise IntegrityError(
                f"{rel}: its sha256 differs from the one its sources row records: the text was "
                "changed after it was published (verify=False reads it anyway)"
            )
        try:
            out[sid] = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise IntegrityError(f"{rel}: not UTF-8 at byte {exc.start}: {exc.reason}") from None
    return out
