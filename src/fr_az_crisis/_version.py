__version__ = "0.1.0"
__released__ = "2026-11-22"
"""The release date of this version: CITATION.cff's date-released and datapackage.json's
``created`` (at midnight UTC, so that a rebuild gives the same bytes)."""
