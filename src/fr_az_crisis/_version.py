__version__ = "0.2.0"
__released__ = "2026-11-24"
"""The release date of this version: CITATION.cff's date-released and datapackage.json's
``created`` (at midnight UTC, so that a rebuild gives the same bytes)."""
