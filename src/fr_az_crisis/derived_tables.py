"""The derived tables of the SQLite database, computed from the published package.

Their columns are declared in ``schemas/derived/`` (with the views' SQL); this module holds
only how each one is computed, and checks that what it computes has exactly the declared
columns, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from fr_az_crisis.coverage_report import measure_package_characters
from fr_az_crisis.definition import DerivedTable, project_definition
from fr_az_crisis.loader import source_texts as read_source_texts
from fr_az_crisis.schema_names import (
    discrepancies,
    source_coverage,
    source_texts,
    timeline,
)
from fr_az_crisis.source_disagreements import discrepancies as compute_discrepancies
from fr_az_crisis.timelines import timeline as compute_timeline


def _discrepancies(root: Path) -> pl.DataFrame:
    numbered = compute_discrepancies(root).with_row_index(discrepancies.discrepancy_no, offset=1)
    return numbered.cast({discrepancies.discrepancy_no: pl.Int64})


def _source_texts(root: Path) -> pl.DataFrame:
    texts = read_source_texts(package_dir=root)  # verified, in source_id order
    return pl.DataFrame(
        {source_texts.source_id: list(texts), source_texts.text: list(texts.values())},
        schema={source_texts.source_id: pl.String, source_texts.text: pl.String},
    )


PRODUCERS: dict[str, Callable[[Path], pl.DataFrame]] = {
    timeline.TABLE: compute_timeline,
    discrepancies.TABLE: _discrepancies,
    source_texts.TABLE: _source_texts,
    source_coverage.TABLE: measure_package_characters,
}


def computed_tables() -> list[DerivedTable]:
    return [t for t in project_definition().derived.values() if t.kind == "table"]


def compute(name: str, root: Path) -> pl.DataFrame:
    """The derived table's rows, with exactly the columns ``schemas/derived/`` declares."""
    frame = PRODUCERS[name](root)
    declared = project_definition().derived[name].field_names
    if frame.columns != declared:
        raise RuntimeError(f"derived table {name}: computed {frame.columns}, declared {declared}")
    return frame
