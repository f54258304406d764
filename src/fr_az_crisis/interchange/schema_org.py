"""schema.org JSON-LD for the site: the home page describes the ``Dataset``, each claim page
carries a ``Claim``.

A plain ``Claim``, never a ``ClaimReview``: the project records who said what, it does not
rate it. Its ``text`` is the quote where the source is archived (the summary, in the project's
words, is its ``abstract``), its ``author`` the claimant (a ``Person`` or an
``Organization``, ``sameAs`` Wikidata only where the actors table holds a verified id), its
``appearance`` the source (a ``NewsArticle`` or another ``CreativeWork`` by genre, with its
address and publisher). How to cite the dataset is ``creditText`` (schema.org's ``citation``
names works the dataset cites). Every address is the page's own absolute URL, built by the
caller with ``datasette.urls``.
"""

from __future__ import annotations

import json
from typing import Any

from fr_az_crisis.schema_names import actors as A
from fr_az_crisis.schema_names import claims as C
from fr_az_crisis.schema_names import event_evidence as EV
from fr_az_crisis.schema_names import sources as S

CONTEXT = "https://schema.org"
WIKIDATA = "https://www.wikidata.org/wiki/{}"
WORK_TYPES = {
    S.Genre.NEWS_REPORT: "NewsArticle",
    S.Genre.BREAKING_NEWS: "NewsArticle",
    S.Genre.ANALYSIS: "AnalysisNewsArticle",
    S.Genre.OFFICIAL_STATEMENT: "CreativeWork",
    S.Genre.REFERENCE_WORK: "CreativeWork",
}
"""The schema.org type of a source, by its genre (a test keeps the keys equal to the genres)."""


def script(data: dict[str, Any]) -> str:
    """The JSON for a ``<script type="application/ld+json">`` element: ``<``, ``>`` and ``&``
    escaped, so no text in the data can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def licence_nodes(licences: list[dict[str, Any]]) -> list[Any]:
    """The site's licence entries: the address where there is one, else a CreativeWork."""
    return [
        lic["url"]
        or {
            "@type": "CreativeWork",
            "name": lic["name"] or lic["title"],
            "description": lic["title"],
        }
        for lic in licences
    ]


def dataset(
    package: dict[str, Any],
    *,
    url: str,
    credit: str,
    downloads: list[tuple[str, str]],
    coverage: tuple[str | None, str | None],
) -> dict[str, Any]:
    """The home page's Dataset: name, description, version, licences, creators, how to cite,
    the CSV download of each table (name, absolute URL) and the dates the events cover."""
    node: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Dataset",
        "@id": url,
        "url": url,
        "name": package["title"],
        "alternateName": package["name"],
        "description": package["description"],
        "version": package["version"],
        "license": licence_nodes(package["licences"]),
        "creator": [{"@type": "Organization", "name": name} for name in package["contributors"]],
        "creditText": credit,
        "isAccessibleForFree": True,
        "inLanguage": "en",
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "encodingFormat": "text/csv",
                "contentUrl": href,
            }
            for name, href in downloads
        ],
    }
    low, high = coverage
    if low and high:
        node["temporalCoverage"] = f"{low}/{high}"
    return node


def claim(
    row: dict[str, Any],
    linked: dict[str, Any],
    *,
    url: str,
    dataset_url: str,
    dataset_name: str,
) -> dict[str, Any]:
    """A claim page's Claim. ``row`` is the claimPage query's row, ``linked`` the
    claimLinkedData query's (claimant kind and Wikidata id, the source's address and genre)."""
    author: dict[str, Any] = {
        "@type": "Person" if linked["claimant_kind"] == A.Kind.PERSON else "Organization",
        "name": row["claimant_name"],
    }
    if linked["claimant_wikidata_id"]:
        author["sameAs"] = WIKIDATA.format(linked["claimant_wikidata_id"])
    work: dict[str, Any] = {
        "@type": WORK_TYPES.get(linked["source_genre"], "CreativeWork"),
        "name": row[EV.source_title],
        "inLanguage": linked["source_language"],
        "publisher": {"@type": "Organization", "name": row["outlet_name"]},
    }
    if linked["source_url"]:
        work["url"] = linked["source_url"]
    if row[S.published_date]:
        work["datePublished"] = row[S.published_date]
    node: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Claim",
        "@id": url,
        "url": url,
        "author": author,
        "appearance": work,
        "abstract": row[C.summary],
        "isPartOf": {"@type": "Dataset", "@id": dataset_url, "name": dataset_name},
    }
    if row[C.quote]:
        node["text"] = row[C.quote]
    if row[C.claim_date]:
        node["dateCreated"] = row[C.claim_date]
    return node
