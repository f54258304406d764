"""Independence groups are computed from provenance: the rule on hand-made sources, and the
published counts follow the computation, not the stored column."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from corruption import rehash, set_cell

import fr_az_crisis
from fr_az_crisis.independence import compute_groups
from fr_az_crisis.schema_names import sources as S
from fr_az_crisis.validation import validate


def frame(*rows: tuple[str, str, str | None, str | None]) -> pl.DataFrame:
    """(source_id, outlet, derived_from_source_id, derived_from_actor_id) rows."""
    columns = (S.source_id, S.outlet_actor_id, S.derived_from_source_id, S.derived_from_actor_id)
    return pl.DataFrame(
        {c: [r[i] for r in rows] for i, c in enumerate(columns)},
        schema={c: pl.String for c in columns},
    )


def test_an_original_text_is_its_outlets_and_a_rewrite_joins_its_origin() -> None:
    groups = compute_groups(
        frame(
            ("wire_story_copy", "site_a", None, "agency"),
            ("rewrite_of_copy", "site_b", "wire_copy_story", None),
            ("wire_copy_story", "site_c", None, "agency"),
            ("own_report", "paper", None, None),
            ("own_report_2", "paper", None, None),
        )
    )
    assert groups == {
        "wire_story_copy": "agency",
        "rewrite_of_copy": "agency",
        "wire_copy_story": "agency",
        "own_report": "paper",
        "own_report_2": "paper",
    }


def test_a_text_with_two_origins_joins_them() -> None:
    """A rewrite of an agency story that restates a ministry statement the package holds:
    the agency's and the ministry's texts are one origin from then on."""
    groups = compute_groups(
        frame(
            ("statement", "ministry", None, None),
            ("rewrite", "site", "statement", "agency"),
            ("other_copy", "site_2", None, "agency"),
            ("unrelated", "paper", None, None),
        )
    )
    assert set(groups.values()) == {"agency_and_ministry", "paper"}
    assert groups["other_copy"] == groups["statement"] == "agency_and_ministry"


def test_a_loop_or_a_missing_origin_gives_no_group() -> None:
    groups = compute_groups(
        frame(
            ("a", "x", "b", None),
            ("b", "y", "a", None),
            ("c", "z", "not_in_package", None),
            ("d", "w", None, None),
        )
    )
    assert groups == {"a": None, "b": None, "c": None, "d": "w"}


def test_the_derived_text_of_the_audit_shares_its_origins_group() -> None:
    groups = dict(
        fr_az_crisis.load("sources").select(S.source_id, S.independence_group).iter_rows()
    )
    assert (
        groups["armenian_report_azerbaijan_expels_diplomats"]
        == groups["massis_post_2023_12_27_azerbaijan_expels"]
    )
    assert (
        groups["armenian_report_france_recalls_ambassador"]
        == groups["france_diplomatie_2024_04_16_recall"]
    )


def test_timeline_counts_groups_from_provenance_not_from_the_column(package_copy: Path) -> None:
    """Writing a group by hand changes no count, and validation names the row."""
    before = fr_az_crisis.timeline(package_copy)
    sid = "armenian_report_azerbaijan_expels_diplomats"
    line = set_cell(package_copy, S.TABLE, sid, S.independence_group, "invented_group")
    rehash(package_copy)
    assert fr_az_crisis.timeline(package_copy).equals(before)
    found = {
        (p.code, p.file, p.row, p.field) for p in validate(package_copy, reference=False).problems
    }
    assert found == {("independence-group", "data/sources.csv", line, S.independence_group)}
    row = before.filter(pl.col("event_id") == "azerbaijan_expels_french_diplomats_2023_12_26")
    assert row["reporting_sources"][0] == 5 and row["independent_sources"][0] == 4
