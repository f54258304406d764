"""Croissant 1.1 metadata (``croissant.json``), generated from the Table Schemas.

One record set per table, one typed field per column (``sc:Text``, ``sc:Integer``,
``sc:Float``, ``sc:Boolean``, ``sc:Date`` from the Table Schema type), the primary key as the
record set's ``key``. Foreign keys are stated in the field's description, not as
Croissant ``references``: mlcroissant 1.1.1 turns a reference into a join while reading the
record set (which fails on this package: ``Join(event_actors)`` raises), and cannot order
record sets whose references form a cycle (events and claims name each other). The distribution
lists every table file and every archived text as a ``cr:FileObject`` with its sha256 and its
licences (the curated licence; the publishers' rights where the file holds their words),
read from the package's own descriptor. ``citeAs`` is the dataset's citation in BibTeX.

The context is the one Croissant 1.1's appendix gives, with ``https://schema.org/`` (the
namespace mlcroissant checks) and the few terms mlcroissant's own context adds. ``url``,
which the specification requires, is given only with a base URL: without a deployment there
is no page to point at, and no invented host is written.
"""

from __future__ import annotations

import hashlib
from typing import Any

from fr_az_crisis.definition import Definition
from fr_az_crisis.interchange.declarations import (
    Identifiers,
    citation_bibtex,
    creators,
    exports_declaration,
    licence_url,
    release_date,
)

SCHEMA = "https://schema.org/"
CR = "http://mlcommons.org/croissant/"
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": SCHEMA,
    "sc": SCHEMA,
    "cr": CR,
    "rai": CR + "RAI/",
    "dct": "http://purl.org/dc/terms/",
    "annotation": "cr:annotation",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "excludes": "cr:excludes",
    "extract": "cr:extract",
    "field": "cr:field",
    "fileObject": "cr:fileObject",
    "fileProperty": "cr:fileProperty",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "readLines": "cr:readLines",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sdVersion": "cr:sdVersion",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
    "unArchive": "cr:unArchive",
    "value": "cr:value",
}
DATA_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
}
"""Table Schema type to Croissant data type."""


def licence_value(entry: dict[str, Any]) -> Any:
    """A descriptor licence entry as Croissant states a licence: its address, else a
    CreativeWork with its SPDX reference and its words."""
    url = licence_url(entry)
    if url:
        return url
    spdx = next((v for k, v in entry.items() if k.endswith("spdx")), None)
    return {
        "@type": "sc:CreativeWork",
        "name": spdx or entry.get("title"),
        "description": entry.get("title"),
    }


def file_object(
    rel: str, data: bytes, media_type: str, licences: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "@type": "cr:FileObject",
        "@id": rel,
        "name": rel,
        "contentUrl": rel,
        "contentSize": f"{len(data)} B",
        "encodingFormat": media_type,
        "sha256": hashlib.sha256(data).hexdigest(),
        "license": [licence_value(entry) for entry in licences],
    }


def record_set(definition: Definition, table: str, rel: str) -> dict[str, Any]:
    """The table's record set, read from the file at ``rel`` (its Parquet copy)."""
    ts = definition.table(table)
    references = {
        fk.fields[0]: (fk.resource, fk.reference_fields[0])
        for fk in ts.foreign_keys
        if len(fk.fields) == 1
    }
    fields = []
    for f in ts.fields:
        field: dict[str, Any] = {
            "@type": "cr:Field",
            "@id": f"{table}/{f.name}",
            "name": f.name,
            "description": f.description,
            "dataType": DATA_TYPES[f.type],
            "source": {"fileObject": {"@id": rel}, "extract": {"column": f.name}},
        }
        if f.name in references:
            other, column = references[f.name]
            field["description"] += f" (A reference to {other}.{column}.)"
        fields.append(field)
    out: dict[str, Any] = {
        "@type": "cr:RecordSet",
        "@id": table,
        "name": table,
        "description": ts.description,
    }
    if ts.primary_key:
        out["key"] = [{"@id": f"{table}/{k}"} for k in ts.primary_key]
    out["field"] = fields
    return out


PARQUET = "application/x-parquet"


def metadata(
    definition: Definition,
    descriptor: dict[str, Any],
    files: dict[str, bytes],
    parquet: dict[str, tuple[str, bytes]],
    ids: Identifiers,
) -> dict[str, Any]:
    """The Croissant document: ``files`` are the package's files (relative path to bytes: the
    tables' CSV and the archived texts, with the descriptor's media types and licences),
    ``parquet`` each table's Parquet copy (table to path and bytes), which the record sets
    read: mlcroissant reads CSV with pandas' type guessing, which turns the CAMEO code "0871"
    into 871.0, while Parquet keeps the declared types."""
    resources = {r["path"]: r for r in descriptor["resources"]}
    distribution = [
        file_object(rel, data, resources[rel]["mediatype"], resources[rel]["licenses"])
        for rel, data in files.items()
    ]
    for table, (rel, data) in parquet.items():
        csv = definition.table_path(table)
        copy = file_object(rel, data, PARQUET, resources[csv]["licenses"])
        copy["description"] = f"{csv} as Parquet, with the types of its Table Schema."
        distribution.append(copy)
    where = ids.dataset()
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": exports_declaration()["croissant"]["conformsTo"],
        "name": descriptor["name"],
        "alternateName": descriptor["title"],
        "description": descriptor["description"],
        "version": descriptor["version"],
        "datePublished": release_date(descriptor),
        "license": [licence_value(entry) for entry in descriptor["licenses"]],
        "creator": [{"@type": "sc:Organization", "name": name} for name in creators(descriptor)],
        "citeAs": citation_bibtex(descriptor, where),
        "keywords": list(descriptor.get("keywords", [])),
        "inLanguage": "en",
        "identifier": [descriptor["id"], ids.urn("dataset")],
        "isAccessibleForFree": True,
        "distribution": distribution,
        "recordSet": [record_set(definition, name, parquet[name][0]) for name in definition.tables],
    }
    if ids.base_url:
        doc["url"] = where
    return doc
