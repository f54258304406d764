"""The derived tables of the SQLite database, computed from the published package.

Their columns are declared in ``schemas/derived/`` (with the views' SQL); this module holds
only how each one is computed, and checks that what it computes has exactly the declared
columns, in order.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import polars as pl

from fr_az_crisis.coverage_report import measure_package_characters
from fr_az_crisis.date_labels import date_label
from fr_az_crisis.definition import DerivedTable, project_definition
from fr_az_crisis.loader import source_texts as read_source_texts
from fr_az_crisis.schema_names import (
    discrepancies,
    events,
    facet_counts,
    source_coverage,
    source_texts,
    text_fragments,
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


def _timeline(root: Path) -> pl.DataFrame:
    """The timeline with each event's map popup: date and title, place, and a link to its
    page, relative to the table page the map is drawn on (so it holds under any base URL)."""
    frame = compute_timeline(root)
    popups = [
        json.dumps(
            {
                "title": f"{date_label(r[timeline.date_start], r[timeline.date_end], r[timeline.date_precision])} {r[timeline.title]}",
                "description": r[timeline.place] or "",
                "link": f"{events.TABLE}/{r[timeline.event_id]}",
            },
            ensure_ascii=False,
            sort_keys=True,
        )
        for r in frame.select(
            pl.col(timeline.event_id, timeline.title, timeline.place),
            pl.col(timeline.date_start, timeline.date_end, timeline.date_precision).cast(pl.String),
        ).iter_rows(named=True)
    ]
    return frame.with_columns(pl.Series(timeline.popup, popups, dtype=pl.String))


def _text_fragments(root: Path) -> pl.DataFrame:
    """Each quoted claim's Text Fragment link (``fr_az_crisis.text_fragments``), or why none."""
    from fr_az_crisis.text_fragments import text_fragment_frame, text_fragment_rows

    return text_fragment_frame(text_fragment_rows(root))


PRODUCERS: dict[str, Callable[[Path], pl.DataFrame]] = {
    timeline.TABLE: _timeline,
    discrepancies.TABLE: _discrepancies,
    source_texts.TABLE: _source_texts,
    source_coverage.TABLE: measure_package_characters,
    text_fragments.TABLE: _text_fragments,
}


COUNTED_IN_SQLITE = (facet_counts.TABLE,)
"""Derived tables the database build fills with SQL once every other table is in place."""


def computed_tables() -> list[DerivedTable]:
    """Derived tables computed here from the package (not views, not counted in SQLite)."""
    return [
        t
        for t in project_definition().derived.values()
        if t.kind == "table" and t.name not in COUNTED_IN_SQLITE
    ]


def compute(name: str, root: Path) -> pl.DataFrame:
    """The derived table's rows, with exactly the columns ``schemas/derived/`` declares."""
    frame = PRODUCERS[name](root)
    declared = project_definition().derived[name].field_names
    if frame.columns != declared:
        raise RuntimeError(f"derived table {name}: computed {frame.columns}, declared {declared}")
    return frame
