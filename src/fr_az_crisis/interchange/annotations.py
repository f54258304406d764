"""W3C Web Annotations: one per claim that quotes an archived text.

An ``AnnotationCollection`` whose one page (``first.items``) holds the annotations, as the
Web Annotation Data Model's section 5 puts them. Each annotation's target is the archived text
(a ``SpecificResource``): the text is named by the stable identifier of the text, its
``canonical`` IRI is the RFC 6920 hash of its bytes (``ni:///sha-256;...``, what the sources
table's sha256 pins) and ``via`` is the article's address where there is one. Two selectors
describe the quote: a ``TextQuoteSelector`` whose prefix and suffix are long enough that it
matches one place only, and a ``TextPositionSelector`` with the claim's offsets. The model
counts code points ("the selection of the text MUST be in terms of unicode code points"),
which are the project's offsets (Python ``str`` indices), so they are given unchanged. Where
the claim has a unique Text Fragment link, a second target is the article itself with a
``FragmentSelector`` holding the directive (the model recommends a FragmentSelector over an
IRI with a fragment). The bodies carry the claim's summary (describing), its type
(classifying), its claimant (a tag, and a link to the claimant's identifier) and the claim's
stable identifier (linking).
"""

from __future__ import annotations

from typing import Any

import polars as pl

from fr_az_crisis.interchange.declarations import (
    Identifiers,
    creators,
    exports_declaration,
    ni_sha256,
)
from fr_az_crisis.schema_names import actors as A
from fr_az_crisis.schema_names import claims as C
from fr_az_crisis.schema_names import sources as S
from fr_az_crisis.schema_names import text_fragments as T

FOREIGN_TERMS = ("target",)
"""The model's key for what an annotation is about (equal to an event_actors role by chance)."""
(TARGET,) = FOREIGN_TERMS
CONTEXT_WIDTH = 32
"""Code points of prefix and suffix at first; doubled until the quote selector is unique."""


def occurrences(text: str, exact: str, prefix: str, suffix: str) -> list[int]:
    """Where ``exact`` occurs with ``prefix`` right before and ``suffix`` right after."""
    found, i = [], text.find(exact)
    while i != -1:
        j = i + len(exact)
        if i >= len(prefix) and text[i - len(prefix) : i] == prefix and text[j:].startswith(suffix):
            found.append(i)
        i = text.find(exact, i + 1)
    return found


def quote_context(text: str, start: int, end: int) -> tuple[str, str]:
    """Prefix and suffix that make the quote occur once with them (the whole text at worst)."""
    width = CONTEXT_WIDTH
    while True:
        prefix, suffix = text[max(0, start - width) : start], text[end : end + width]
        if occurrences(text, text[start:end], prefix, suffix) == [start]:
            return prefix, suffix
        if start - width <= 0 and end + width >= len(text):
            raise ValueError(f"the quote at {start}-{end} is not unique even in the whole text")
        width *= 2


def annotation(
    claim: dict[str, Any],
    text: str,
    raw: bytes,
    ids: Identifiers,
    fragment: dict[str, Any] | None,
) -> dict[str, Any]:
    """One claim as an Annotation (embedded in the collection's page: no ``@context``)."""
    start, end = claim[C.char_start], claim[C.char_end]
    if text[start:end] != claim[C.quote]:
        raise ValueError(f"claim {claim[C.claim_id]}: the quote is not at its offsets")
    prefix, suffix = quote_context(text, start, end)
    archived: dict[str, Any] = {
        "id": ids.urn("text", source_id=claim[C.source_id]),
        "type": "Text",
        "format": "text/plain",
        "language": claim[S.language],
        "canonical": ni_sha256(raw),
    }
    if claim[S.url]:
        archived["via"] = claim[S.url]
    targets: list[dict[str, Any]] = [
        {
            "type": "SpecificResource",
            "source": archived,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": claim[C.quote],
                    "prefix": prefix,
                    "suffix": suffix,
                },
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        }
    ]
    if fragment and fragment[T.text_directive]:
        targets.append(
            {
                "type": "SpecificResource",
                "source": fragment[T.url],
                "selector": {
                    "type": "FragmentSelector",
                    "conformsTo": exports_declaration()["webAnnotation"]["textFragmentSpec"],
                    "value": ":~:" + fragment[T.text_directive],
                },
            }
        )
    return {
        "id": ids.urn("annotation", claim_id=claim[C.claim_id]),
        "type": "Annotation",
        "motivation": "describing",
        "body": [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": claim[C.summary],
                "format": "text/plain",
                "language": "en",
            },
            {"type": "TextualBody", "purpose": "classifying", "value": claim[C.claim_type]},
            {"type": "TextualBody", "purpose": "tagging", "value": claim["claimant_name"]},
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": ids.of("actor", claim[C.claimant_actor_id]),
            },
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": ids.of("claim", claim[C.claim_id]),
            },
        ],
        TARGET: targets if len(targets) > 1 else targets[0],
    }


def collection(
    frames: dict[str, pl.DataFrame],
    texts: dict[str, str],
    raws: dict[str, bytes],
    fragments: list[dict[str, Any]],
    descriptor: dict[str, Any],
    ids: Identifiers,
) -> dict[str, Any]:
    """Every archived claim's annotation, in claim_id order, in one AnnotationCollection."""
    quoted = (
        frames[C.TABLE]
        .filter(pl.col(C.char_start).is_not_null())
        .join(frames[S.TABLE].select(S.source_id, S.url, S.language), on=C.source_id)
        .join(
            frames[A.TABLE].select(
                pl.col(A.actor_id).alias(C.claimant_actor_id), pl.col(A.name).alias("claimant_name")
            ),
            on=C.claimant_actor_id,
        )
        .sort(C.claim_id)
    )
    by_claim = {f[T.claim_id]: f for f in fragments}
    made = {
        "creator": [{"type": "Organization", "name": name} for name in creators(descriptor)],
        "generated": str(descriptor["created"]),
    }
    items = [
        {
            **annotation(
                c, texts[c[C.source_id]], raws[c[C.source_id]], ids, by_claim.get(c[C.claim_id])
            ),
            **made,
        }
        for c in quoted.iter_rows(named=True)
    ]
    page = ids.urn("annotationPage")
    return {
        "@context": exports_declaration()["webAnnotation"]["context"],
        "id": ids.urn("annotations"),
        "type": "AnnotationCollection",
        "label": f"{descriptor['title']}, version {descriptor['version']}: every claim quoting an archived text",
        "total": len(items),
        "first": {
            "id": page,
            "type": "AnnotationPage",
            "partOf": ids.urn("annotations"),
            "startIndex": 0,
            "items": items,
        },
        "last": page,
    }
