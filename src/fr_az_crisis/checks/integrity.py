"""Cross-table rules: every event sourced, every archived source used, nothing orphaned."""

from __future__ import annotations

import polars as pl

from fr_az_crisis.problems import Problem

ROW = "_row"


def check_events_backed(events: pl.DataFrame, claims: pl.DataFrame) -> list[Problem]:
    backed = claims.filter(pl.col("claim_type").cast(pl.String) == "event_report")["event_id"]
    orphan = events.filter(~pl.col("event_id").is_in(backed.drop_nulls().implode()))
    return [
        Problem(
            "data/events.csv",
            r[ROW],
            "event_id",
            "unsourced",
            f"event {r['event_id']!r} has no event_report claim",
        )
        for r in orphan.iter_rows(named=True)
    ]


def check_sources_used(sources: pl.DataFrame, claims: pl.DataFrame) -> list[Problem]:
    used = claims["source_id"].unique().implode()
    unused = sources.filter(~pl.col("source_id").is_in(used))
    return [
        Problem(
            "data/sources.csv",
            r[ROW],
            "source_id",
            "unused",
            f"source {r['source_id']!r} has no claims",
        )
        for r in unused.iter_rows(named=True)
    ]


def check_actors_used(actors: pl.DataFrame, frames: dict[str, pl.DataFrame]) -> list[Problem]:
    refs = [
        ("sources", "outlet_actor_id"),
        ("claims", "claimant_actor_id"),
        ("claims", "target_actor_id"),
        ("event_actors", "actor_id"),
        ("actors", "parent_actor_id"),
    ]
    used = (
        pl.concat([frames[t][c].cast(pl.String) for t, c in refs if t in frames], how="vertical")
        .drop_nulls()
        .unique()
    )
    unused = actors.filter(~pl.col("actor_id").is_in(used.implode()))
    return [
        Problem(
            "data/actors.csv",
            r[ROW],
            "actor_id",
            "unused",
            f"actor {r['actor_id']!r} is not referenced",
        )
        for r in unused.iter_rows(named=True)
    ]


def check_places_used(places: pl.DataFrame, events: pl.DataFrame) -> list[Problem]:
    unused = places.filter(~pl.col("place_id").is_in(events["place_id"].drop_nulls().implode()))
    return [
        Problem(
            "data/places.csv",
            r[ROW],
            "place_id",
            "unused",
            f"place {r['place_id']!r} is not referenced",
        )
        for r in unused.iter_rows(named=True)
    ]


def check_self_relations(table: str, frame: pl.DataFrame, a: str, b: str) -> list[Problem]:
    loops = frame.filter(pl.col(a) == pl.col(b))
    return [
        Problem(f"data/{table}.csv", r[ROW], b, "relation", f"{r[a]!r} relates to itself")
        for r in loops.iter_rows(named=True)
    ]
