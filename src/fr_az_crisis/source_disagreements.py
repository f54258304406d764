"""Where sources disagree: ``contradicts`` relations between claims of different sources.

One function feeds the README section and the Datasette ``discrepancies`` table, so the two
cannot list different things. The columns are declared in ``schemas/derived/discrepancies.json``.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fr_az_crisis.definition import project_definition
from fr_az_crisis.loader import load
from fr_az_crisis.schema_names import claim_relations, claims
from fr_az_crisis.schema_names import discrepancies as D

RELATED = "related_"


def discrepancies(package_dir: str | Path | None = None) -> pl.DataFrame:
    """Pairs of claims from different sources that contradict each other, with the note.

    >>> d = discrepancies()
    >>> (d["source_id"] != d["related_source_id"]).all()
    True
    """
    picked = load(claims.TABLE, package_dir=package_dir).select(
        claims.claim_id, claims.source_id, claims.summary, claims.quote
    )
    related = picked.rename({c: f"{RELATED}{c}" for c in picked.columns})
    columns = [
        c for c in project_definition().derived[D.TABLE].field_names if c != D.discrepancy_no
    ]
    return (
        load(claim_relations.TABLE, package_dir=package_dir)
        .filter(
            pl.col(claim_relations.relation).cast(pl.String) == claim_relations.Relation.CONTRADICTS
        )
        .join(picked, on=claim_relations.claim_id)
        .join(related, on=claim_relations.related_claim_id)
        .filter(pl.col(D.source_id) != pl.col(D.related_source_id))
        .select(columns)
        .sort(D.claim_id, D.related_claim_id)
    )
