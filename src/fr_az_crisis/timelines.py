"""The timeline: events in date order with their actors, place and corroboration counts.

Corroboration counts only asserted event_report claims. ``reporting_sources`` counts the
sources that report the event; ``independent_sources`` counts their independence groups,
computed here from the sources' provenance (``fr_az_crisis.independence``), not read from a
column: a rewrite of a wire story and the wire story count once. The columns are declared in
``schemas/derived/timeline.json``.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fr_az_crisis.definition import project_definition
from fr_az_crisis.independence import groups_frame
from fr_az_crisis.loader import load
from fr_az_crisis.schema_names import actors, claims, event_actors, events, places, sources
from fr_az_crisis.schema_names import timeline as T

ROLE_COLUMNS = {event_actors.Role.INITIATOR: T.initiators, event_actors.Role.TARGET: T.targets}


def _names_by_role(
    event_actor_frame: pl.DataFrame, actor_frame: pl.DataFrame, role: str
) -> pl.DataFrame:
    return (
        event_actor_frame.filter(pl.col(event_actors.role).cast(pl.String) == role)
        .join(actor_frame.select(actors.actor_id, actors.name), on=event_actors.actor_id)
        .sort(event_actors.event_id, actors.name)
        .group_by(event_actors.event_id, maintain_order=True)
        .agg(pl.col(actors.name).str.join("; ").alias(ROLE_COLUMNS[role]))
    )


def timeline(package_dir: str | Path | None = None) -> pl.DataFrame:
    """One row per event, sorted by date_start (date_end where only that bound is known), then
    event_id.

    >>> t = timeline()
    >>> {"event_id", "initiators", "targets", "reporting_sources", "independent_sources"} <= set(t.columns)
    True
    """
    event_frame = load(events.TABLE, package_dir=package_dir)
    actor_frame = load(actors.TABLE, package_dir=package_dir)
    roles = load(event_actors.TABLE, package_dir=package_dir)
    place_frame = load(places.TABLE, package_dir=package_dir)
    claim_frame = load(claims.TABLE, package_dir=package_dir)
    source_frame = load(sources.TABLE, package_dir=package_dir)

    reports = claim_frame.filter(
        (pl.col(claims.claim_type).cast(pl.String) == claims.ClaimType.EVENT_REPORT)
        & (pl.col(claims.modality).cast(pl.String) == claims.Modality.ASSERTED)
    ).join(groups_frame(source_frame), on=claims.source_id)
    group = pl.col(sources.independence_group)
    counts = reports.group_by(claims.event_id).agg(
        pl.len().cast(pl.Int64).alias(T.reporting_claims),
        pl.col(claims.source_id).n_unique().cast(pl.Int64).alias(T.reporting_sources),
        group.drop_nulls().n_unique().cast(pl.Int64).alias(T.independent_sources),
        group.drop_nulls().unique().sort().str.join("; ").alias(T.independence_groups),
    )
    all_claims = claim_frame.group_by(claims.event_id).agg(pl.len().cast(pl.Int64).alias(T.claims))
    event_columns = [
        c for c in project_definition().derived[T.TABLE].field_names if c in event_frame.columns
    ]
    counted = [T.claims, T.reporting_claims, T.reporting_sources, T.independent_sources]
    out = (
        event_frame.select(event_columns)
        .join(
            _names_by_role(roles, actor_frame, event_actors.Role.INITIATOR),
            on=T.event_id,
            how="left",
        )
        .join(
            _names_by_role(roles, actor_frame, event_actors.Role.TARGET), on=T.event_id, how="left"
        )
        .join(
            place_frame.select(
                places.place_id,
                pl.col(places.name).alias(T.place),
                places.latitude,
                places.longitude,
            ),
            on=T.place_id,
            how="left",
        )
        .join(all_claims, on=T.event_id, how="left")
        .join(counts, on=T.event_id, how="left")
        .with_columns(pl.col(counted).fill_null(0))
        .sort(pl.coalesce(T.date_start, T.date_end), T.event_id)
    )
    # The map's popup is presentation, added by the database build (derived_tables), not data.
    return out.select(
        [c for c in project_definition().derived[T.TABLE].field_names if c != T.popup]
    )
