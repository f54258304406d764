"""The registry: every check ``validate`` runs, in the order it runs them."""

from __future__ import annotations

from fr_az_crisis.checks import (
    Check,
    attribution,
    cell_types,
    constraints,
    date_evidence,
    dates,
    descriptor,
    files,
    hygiene,
    keys,
    provenance,
    quotes,
    reference,
    relations,
    sentence_coverage,
    sourcing,
    texts,
    usage,
    voice,
)

REGISTRY: tuple[Check, ...] = (
    descriptor.CHECK,
    files.CHECK,
    cell_types.CHECK,
    constraints.CHECK,
    keys.CHECK,
    texts.CHECK,
    quotes.CHECK,
    hygiene.CHECK,
    voice.CHECK,
    dates.CHECK,
    date_evidence.CHECK,
    sourcing.CHECK,
    provenance.CHECK,
    relations.CHECK,
    attribution.CHECK,
    usage.CHECK,
    sentence_coverage.CHECK,
    reference.CHECK,
)


def check_codes() -> list[str]:
    return [c.code for c in REGISTRY]
