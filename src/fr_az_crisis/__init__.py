"""fr-az-crisis: a sourced dataset of the France–Azerbaijan diplomatic crisis of 2023–2024.

>>> import fr_az_crisis
>>> "claims" in fr_az_crisis.tables()
True

Importing stays light: frictionless, pandera and datasette load only when a function needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fr_az_crisis._version import __version__
from fr_az_crisis.loader import (
    CellError,
    IntegrityError,
    load,
    load_all,
    schema,
    source_text,
    source_texts,
    tables,
)
from fr_az_crisis.schema_names import TableName

if TYPE_CHECKING:
    from fr_az_crisis.problems import Report

__all__ = [
    "CellError",
    "IntegrityError",
    "TableName",
    "__version__",
    "discrepancies",
    "load",
    "load_all",
    "schema",
    "source_text",
    "source_texts",
    "tables",
    "timeline",
    "validate",
]


def validate(
    package_dir: Any = None, *, reference: bool = True, raise_on_error: bool = False
) -> Report:
    """Run every check (frictionless, pandera, semantic); see ``fr_az_crisis.validation``."""
    from fr_az_crisis.validation import validate as run

    return run(package_dir, reference=reference, raise_on_error=raise_on_error)


def discrepancies(package_dir: Any = None) -> Any:
    """Claims of different sources that contradict each other, with the note saying how."""
    from fr_az_crisis.source_disagreements import discrepancies as build

    return build(package_dir)


def timeline(package_dir: Any = None) -> Any:
    """Events in date order with initiators, targets, place and source counts."""
    from fr_az_crisis.timelines import timeline as build

    return build(package_dir)
