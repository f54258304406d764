"""Where sources disagree: ``contradicts`` relations between claims of different sources.

One function feeds the README section and the Datasette ``discrepancies`` table, so the two
cannot list different things.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fr_az_crisis.loader import load

DERIVED_COLUMNS = {
    "claim_id": "The claim that disagrees.",
    "source_id": "Source of claim_id.",
    "summary": "Summary of claim_id.",
    "quote": "Quote of claim_id (empty for citation-only sources).",
    "related_claim_id": "The claim it disagrees with.",
    "related_source_id": "Source of related_claim_id.",
    "related_summary": "Summary of related_claim_id.",
    "related_quote": "Quote of related_claim_id (empty for citation-only sources).",
    "note": "What differs, in the project's words.",
}


def discrepancies(package_dir: str | Path | None = None) -> pl.DataFrame:
    """Pairs of claims from different sources that contradict each other, with the note.

    >>> d = discrepancies()
    >>> (d["source_id"] != d["related_source_id"]).all()
    True
    """
    claims = load("claims", package_dir=package_dir).select(
        "claim_id", "source_id", "summary", "quote"
    )
    related = claims.rename({c: f"related_{c}" for c in claims.columns})
    return (
        load("claim_relations", package_dir=package_dir)
        .filter(pl.col("relation").cast(pl.String) == "contradicts")
        .join(claims, on="claim_id")
        .join(related, on="related_claim_id")
        .filter(pl.col("source_id") != pl.col("related_source_id"))
        .select(list(DERIVED_COLUMNS))
        .sort("claim_id", "related_claim_id")
    )
