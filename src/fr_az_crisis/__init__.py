"""fr-az-crisis: a sourced dataset of the France–Azerbaijan diplomatic crisis of 2023–2024.

>>> import fr_az_crisis
>>> "claims" in fr_az_crisis.tables()
True

Importing stays light: the core install is polars alone. ``validate()`` needs the
``validate`` extra, ``load(..., backend="pandas")`` the ``pandas`` extra; frictionless, pandera
and pandas load only when a function needs them. The package is typed (``py.typed``): a
misspelled table name is an error for mypy, since ``TableName`` is a ``Literal``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from fr_az_crisis._version import __version__
from fr_az_crisis.extras import MissingExtra
from fr_az_crisis.loader import (
    Backend,
    CellError,
    IntegrityError,
    load,
    load_all,
    package_dir,
    schema,
    source_text,
    source_texts,
    table_path,
    tables,
)
from fr_az_crisis.schema_names import TableName

if TYPE_CHECKING:
    from fr_az_crisis.problems import Report

__all__ = [
    "Backend",
    "CellError",
    "IntegrityError",
    "MissingExtra",
    "TableName",
    "__version__",
    "discrepancies",
    "load",
    "load_all",
    "package_dir",
    "schema",
    "source_text",
    "source_texts",
    "table_path",
    "tables",
    "timeline",
    "validate",
]


def validate(
    package_dir: str | Path | None = None, *, reference: bool = True, raise_on_error: bool = False
) -> Report:
    """Run every check (frictionless, pandera, semantic); see ``fr_az_crisis.validation``.
    Needs the ``validate`` extra (``MissingExtra`` names it otherwise)."""
    from fr_az_crisis.extras import require

    require("validate", "validate()")
    from fr_az_crisis.validation import validate as run

    return run(package_dir, reference=reference, raise_on_error=raise_on_error)


def discrepancies(package_dir: str | Path | None = None) -> pl.DataFrame:
    """Claim relations that record a disagreement or an error (contradictions, framings,
    errata, outdated statements, chronology conflicts), with both claims and the note;
    columns as ``schemas/derived/discrepancies.json`` declares them."""
    from fr_az_crisis.source_disagreements import discrepancies as build

    return build(package_dir)


def timeline(package_dir: str | Path | None = None) -> pl.DataFrame:
    """Events in date order with initiators, targets, place and (independent) source counts;
    columns as ``schemas/derived/timeline.json`` declares them."""
    from fr_az_crisis.timelines import timeline as build

    return build(package_dir)
