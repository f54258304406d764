"""Cite a claim: plain text, BibTeX and CSL-JSON, each with the dataset's version, the claim's
stable URL and the character span of its quote in the archived text."""

from __future__ import annotations

import json
from typing import Any

from fr_az_crisis.schema_names import claims as C
from fr_az_crisis.schema_names import sources as S

BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    r"""Text safe inside a BibTeX field.

    >>> bibtex_escape("50% of {x}_y")
    '50\\% of \\{x\\}\\_y'
    """
    return "".join(BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def span_words(start: int | None, end: int | None) -> str:
    if start is None or end is None:
        return "no archived text (citation-only source)"
    return f"characters {start}–{end} of the archived text"


def cite_claim(
    claim: dict[str, Any], package: dict[str, Any], url: str, *, claimant: str, source_title: str
) -> dict[str, str]:
    """The three forms of citation for one claim; ``url`` is its page's absolute address."""
    claim_id, version = str(claim[C.claim_id]), package["version"]
    authors = package["contributors"] or [package["name"]]
    title = f"Claim {claim_id}: {claim[C.summary]}"
    span = span_words(claim.get(C.char_start), claim.get(C.char_end))
    source = f"{source_title} ({claim.get(S.published_date) or 'date unknown'})"
    text = (
        f"{'; '.join(authors)}. “{title}”. In: {package['title']}, dataset version {version}. "
        f"Words of {claimant}, quoted from “{source}”, {span}. {url}"
    )
    key = "fr_az_crisis_" + "".join(ch if ch.isalnum() else "_" for ch in claim_id)
    fields = {
        "author": " and ".join("{" + bibtex_escape(a) + "}" for a in authors),
        "title": "{" + bibtex_escape(title) + "}",
        "howpublished": bibtex_escape(f"{package['title']}, dataset version {version}"),
        "version": bibtex_escape(version),
        "url": url,
        "note": bibtex_escape(f"Words of {claimant}, quoted from {source}, {span}"),
    }
    bibtex = (
        f"@misc{{{key},\n"
        + ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        + "\n}"
    )
    csl = {
        "id": key,
        "type": "dataset",
        "title": title,
        "author": [{"literal": a} for a in authors],
        "container-title": package["title"],
        "version": version,
        "URL": url,
        "note": f"Words of {claimant}, quoted from {source}, {span}",
    }
    return {
        "text": text,
        "bibtex": bibtex,
        "csl_json": json.dumps([csl], ensure_ascii=False, indent=2),
    }
