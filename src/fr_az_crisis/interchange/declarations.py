"""What the export formats read from ``schemas/``, the identifiers they mint, and the dataset's
metadata and citation as every format states them.

Identifiers are URNs from the one base ``schemas/exports.json`` declares (there is no public
deployment, so no file names a host). With a base URL (``export --base-url``, for someone who
deploys the site), the rows that have a Datasette page, and the dataset, are named by the
https address of that page instead, built the way ``datasette.urls.row`` builds it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fr_az_crisis.definition import project_definition
from fr_az_crisis.schema_names import actors, claims, events, sources


def _read(key: str) -> dict[str, Any]:
    definition = project_definition()
    value = json.loads((definition.root / definition.path(key)).read_text(encoding="utf-8"))
    assert isinstance(value, dict)
    return value


@lru_cache(maxsize=1)
def exports_declaration() -> dict[str, Any]:
    """``schemas/exports.json``."""
    return _read("exports")


@lru_cache(maxsize=1)
def plover_declaration() -> dict[str, Any]:
    """``schemas/plover.json``."""
    return _read("plover")


@lru_cache(maxsize=1)
def database_route() -> str:
    """The database's name in Datasette URLs (``schemas/datasette.json``)."""
    return str(_read("datasette")["database"])


def export_files(fmt: str) -> dict[str, str]:
    """The files a format writes (``schemas/exports.json``), by role."""
    return dict(exports_declaration()["formats"][fmt]["files"])


PAGES = {
    "claim": claims.TABLE,
    "event": events.TABLE,
    "actor": actors.TABLE,
    "source": sources.TABLE,
}
"""Identifier kinds that name a row with a page on the site, and its table."""


@dataclass(frozen=True)
class Identifiers:
    """Mints identifiers: URNs, or with ``base_url`` the site's page addresses."""

    version: str
    base_url: str | None = None

    def urn(self, kind: str, **values: str) -> str:
        declared = exports_declaration()["identifiers"]
        form = str(declared["forms"][kind]).format(version=self.version, **values)
        return str(declared["base"]) + form

    def of(self, kind: str, key: str) -> str:
        """A row's identifier: its page on the site with a base URL, else its URN."""
        if self.base_url and kind in PAGES:
            path = "/".join(quote(part, safe="") for part in (database_route(), PAGES[kind], key))
            return f"{self.base_url.rstrip('/')}/{path}"
        return self.urn(kind, **{_key_name(kind): key})

    def dataset(self) -> str:
        return self.base_url.rstrip("/") + "/" if self.base_url else self.urn("dataset")


def _key_name(kind: str) -> str:
    return {
        "claim": claims.claim_id,
        "event": events.event_id,
        "actor": actors.actor_id,
        "source": sources.source_id,
        "text": sources.source_id,
        "annotation": claims.claim_id,
    }[kind]


def ni_sha256(data: bytes) -> str:
    """RFC 6920 "Naming Things with Hashes": ``ni:///sha-256;`` and the base64url digest."""
    digest = hashlib.sha256(data).digest()
    return "ni:///sha-256;" + base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def read_descriptor(root: Path) -> dict[str, Any]:
    """The package's datapackage.json: title, description, version, licences, contributors."""
    definition = project_definition()
    value = json.loads((root / definition.path("descriptor")).read_text(encoding="utf-8"))
    assert isinstance(value, dict)
    return value


def creators(descriptor: dict[str, Any]) -> list[str]:
    return [str(c["title"]) for c in descriptor.get("contributors", []) if c.get("title")]


def release_date(descriptor: dict[str, Any]) -> str:
    """The release date (datapackage.json's ``created`` is midnight UTC of it)."""
    return str(descriptor["created"])[:10]


def citation_text(descriptor: dict[str, Any], where: str) -> str:
    """How to cite the dataset: authors, title, version, date and where it is found."""
    return (
        f"{'; '.join(creators(descriptor)) or descriptor['name']} ({release_date(descriptor)[:4]}). "
        f"{descriptor['title']}, dataset version {descriptor['version']}. {where}"
    )


FOREIGN_TERMS = ("year",)
"""BibTeX's field for the year (equal to a date_precision value by chance)."""
(YEAR,) = FOREIGN_TERMS


def citation_bibtex(descriptor: dict[str, Any], where: str) -> str:
    """The same as a BibTeX ``@misc`` entry (Croissant's ``citeAs`` asks for BibTeX)."""
    key = "fr_az_crisis_" + str(descriptor["version"]).replace(".", "_")
    fields = {
        "author": " and ".join("{" + a + "}" for a in creators(descriptor)),
        "title": "{" + str(descriptor["title"]) + "}",
        YEAR: release_date(descriptor)[:4],
        "version": str(descriptor["version"]),
        "note": where,
    }
    return (
        "@misc{" + key + ",\n" + ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items()) + "\n}"
    )


def licence_url(entry: dict[str, Any]) -> str | None:
    """A licence entry's address where it is one (the curated licence), else None."""
    path = str(entry.get("path", ""))
    return path if path.startswith(("http://", "https://")) else None
