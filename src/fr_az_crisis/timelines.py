"""The timeline: events in date order with their actors, place and corroboration counts.

Corroboration counts only asserted event_report claims.  ``independent_sources`` counts
distinct ``independence_group`` values, so a rewrite of a wire story and the wire story
count once.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fr_az_crisis.loader import load


def _names_by_role(event_actors: pl.DataFrame, actors: pl.DataFrame, role: str) -> pl.DataFrame:
    return (
        event_actors.filter(pl.col("role").cast(pl.String) == role)
        .join(actors.select("actor_id", "name"), on="actor_id")
        .sort("event_id", "name")
        .group_by("event_id", maintain_order=True)
        .agg(pl.col("name").str.join("; ").alias(f"{role}s"))
    )


def timeline(package_dir: str | Path | None = None) -> pl.DataFrame:
    """One row per event, sorted by date_start then event_id.

    >>> t = timeline()
    >>> {"event_id", "initiators", "targets", "reporting_sources", "independent_sources"} <= set(t.columns)
    True
    """
    events = load("events", package_dir=package_dir)
    actors = load("actors", package_dir=package_dir)
    event_actors = load("event_actors", package_dir=package_dir)
    places = load("places", package_dir=package_dir)
    claims = load("claims", package_dir=package_dir)
    sources = load("sources", package_dir=package_dir)

    reports = claims.filter(
        (pl.col("claim_type").cast(pl.String) == "event_report")
        & (pl.col("modality").cast(pl.String) == "asserted")
    ).join(sources.select("source_id", "independence_group"), on="source_id")
    counts = reports.group_by("event_id").agg(
        reporting_claims=pl.len().cast(pl.Int64),
        reporting_sources=pl.col("source_id").n_unique().cast(pl.Int64),
        independent_sources=pl.col("independence_group").n_unique().cast(pl.Int64),
    )
    all_claims = claims.group_by("event_id").agg(claims=pl.len().cast(pl.Int64))
    out = (
        events.select(
            "event_id",
            "date_start",
            "date_end",
            "date_precision",
            "date_basis",
            "title",
            "event_type",
            "episode",
            "place_id",
        )
        .join(_names_by_role(event_actors, actors, "initiator"), on="event_id", how="left")
        .join(_names_by_role(event_actors, actors, "target"), on="event_id", how="left")
        .join(
            places.select("place_id", pl.col("name").alias("place"), "latitude", "longitude"),
            on="place_id",
            how="left",
        )
        .join(all_claims, on="event_id", how="left")
        .join(counts, on="event_id", how="left")
        .with_columns(
            pl.col(
                "claims", "reporting_claims", "reporting_sources", "independent_sources"
            ).fill_null(0)
        )
        .sort("date_start", "event_id")
    )
    return out


# Columns the timeline derives; the others are events columns, described in schemas/events.
DERIVED_COLUMNS = {
    "initiators": "Names of the event's initiators, separated by '; '.",
    "targets": "Names of the event's targets, separated by '; '.",
    "place": "Name of the event's place.",
    "latitude": "Latitude of the event's place (WGS84).",
    "longitude": "Longitude of the event's place (WGS84).",
    "claims": "Number of claims about the event, of any type.",
    "reporting_claims": "Number of asserted event_report claims about the event.",
    "reporting_sources": "Number of sources with an asserted event_report claim about the event.",
    "independent_sources": "Number of independent sources reporting the event: sources sharing an independence_group count once.",
}
