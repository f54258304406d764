"""Cut a text at every claim and furniture boundary, so each piece knows what covers it."""

from __future__ import annotations

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


def segment_text(
    text: str, claims: list[dict[str, Any]], furniture: list[dict[str, Any]]
) -> list[Segment]:
    """Pieces in text order; concatenating their ``text`` gives back the whole text."""
    cuts = {0, len(text)}
    for span in [*claims, *furniture]:
        cuts.update((span[START], span[END]))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out = []
    for a, b in pairwise(points):
        covering = [c[C.claim_id] for c in claims if c[START] <= a and c[END] >= b]
        kind = next((f[F.kind] for f in furniture if f[START] <= a and f[END] >= b), None)
        out.append(Segment(text[a:b], a, b, covering, kind))
    return out
