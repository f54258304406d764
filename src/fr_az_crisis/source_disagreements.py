"""Where sources disagree or err: the claim relations whose kind carries the rule ``disagreement``.

Which kinds those are is declared once, in ``schemas/tables/claim_relations.json``
(contradicts, framing, erratum, outdated, chronology_conflict); each row keeps its kind, so
that a contradiction between sources is never shown as, or mixed with, one source's error or
a statement overtaken by events. One function feeds the README section and the Datasette
``discrepancies`` table, so the two cannot list different things. The columns are declared in
``schemas/derived/discrepancies.json``.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fr_az_crisis.definition import project_definition
from fr_az_crisis.loader import load
from fr_az_crisis.schema_names import claim_relations, claims
from fr_az_crisis.schema_names import discrepancies as D

RELATED = "related_"
ORDER = "_order"


def disagreement_kinds() -> tuple[str, ...]:
    """The relation values listed as disagreements, in schema order."""
    field = project_definition().table(claim_relations.TABLE).field(claim_relations.relation)
    return field.values_with("disagreement")


def discrepancies(package_dir: str | Path | None = None) -> pl.DataFrame:
    """Pairs of claims that disagree, one erring or overtaken, with the kind and the note;
    sorted by kind (in schema order), then claim_id and related_claim_id.

    >>> d = discrepancies()
    >>> set(d["relation"].cast(str)) <= set(disagreement_kinds())
    True
    """
    kinds = list(disagreement_kinds())
    picked = load(claims.TABLE, package_dir=package_dir).select(
        claims.claim_id, claims.source_id, claims.summary, claims.quote
    )
    related = picked.rename({c: f"{RELATED}{c}" for c in picked.columns})
    columns = [
        c for c in project_definition().derived[D.TABLE].field_names if c != D.discrepancy_no
    ]
    relation = pl.col(claim_relations.relation).cast(pl.String)
    return (
        load(claim_relations.TABLE, package_dir=package_dir)
        .filter(relation.is_in(kinds))
        .with_columns(relation.replace_strict(kinds, list(range(len(kinds)))).alias(ORDER))
        .join(picked, on=claim_relations.claim_id)
        .join(related, on=claim_relations.related_claim_id)
        .sort(ORDER, D.claim_id, D.related_claim_id)
        .select(columns)
    )
