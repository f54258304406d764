"""Cut a text at every claim and furniture boundary, so each piece knows what covers it and
which claims open and close at its start.

One sweep over the sorted boundaries: linear in the text's claims, not quadratic (a 200-claim
text at a million claims took 40 ms the quadratic way).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from fr_az_crisis.schema_names import claims as C
from fr_az_crisis.schema_names import source_furniture as F

START, END = C.char_start, C.char_end  # claims and furniture share the span columns


@dataclass
class Segment:
    text: str
    start: int
    end: int
    claim_ids: list[str] = field(default_factory=list)
    furniture: str | None = None
    closing: list[str] = field(default_factory=list)
    """Claims whose span ends where this piece starts."""
    opening: list[str] = field(default_factory=list)
    """Claims whose span starts where this piece starts."""


def segment_text(
    text: str, claims: list[dict[str, Any]], furniture: list[dict[str, Any]]
) -> list[Segment]:
    """Pieces in text order; concatenating their ``text`` gives back the whole text. Claims are
    listed in the order given (the reading order: start, end, id)."""
    length = len(text)
    opens: dict[int, list[str]] = defaultdict(list)
    closes: dict[int, list[str]] = defaultdict(list)
    order = {c[C.claim_id]: i for i, c in enumerate(claims)}
    for c in claims:
        opens[max(0, min(c[START], length))].append(c[C.claim_id])
        closes[max(0, min(c[END], length))].append(c[C.claim_id])
    f_opens: dict[int, list[str]] = defaultdict(list)
    f_closes: dict[int, list[str]] = defaultdict(list)
    for f in furniture:
        f_opens[max(0, min(f[START], length))].append(f[F.kind])
        f_closes[max(0, min(f[END], length))].append(f[F.kind])
    points = sorted({0, length, *opens, *closes, *f_opens, *f_closes})
    active: set[str] = set()
    active_furniture: list[str] = []
    out = []
    for a, b in pairwise(points):
        active.difference_update(closes.get(a, ()))
        for kind in f_closes.get(a, ()):
            active_furniture.remove(kind)
        active.update(opens.get(a, ()))
        active_furniture.extend(f_opens.get(a, ()))
        out.append(
            Segment(
                text[a:b],
                a,
                b,
                sorted(active, key=order.__getitem__),
                active_furniture[0] if active_furniture else None,
                closing=sorted(closes.get(a, ()), key=order.__getitem__),
                opening=sorted(opens.get(a, ()), key=order.__getitem__),
            )
        )
    return out


def closing_at_end(text: str, claims: list[dict[str, Any]]) -> list[str]:
    """Claims whose span runs to the end of the text (closed after the last piece)."""
    return [c[C.claim_id] for c in claims if c[END] >= len(text)]


def overlaps(segments: list[Segment]) -> dict[str, list[str]]:
    """Each claim to the claims sharing at least one character with it, in reading order."""
    found: dict[str, dict[str, None]] = defaultdict(dict)
    for s in segments:
        for claim_id in s.claim_ids:
            for other in s.claim_ids:
                if other != claim_id:
                    found[claim_id][other] = None
    return {claim_id: list(others) for claim_id, others in found.items()}
