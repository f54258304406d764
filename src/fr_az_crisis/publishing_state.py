"""Where the build keeps its publishing state, so that readers can tell a half-published package.

The build publishes a package in three steps (``fr_az_crisis_build.publishing``): it stages
and validates every file, writes a *journal* naming each file and its new sha256, moves the
files into place, and deletes the journal. A build killed between the first move and the
deletion leaves the journal behind: the validator reports ``publish-interrupted`` and the
loader refuses to read, until the next build finishes the moves the journal lists.

The folder is declared once, as the ``publishing`` path of ``schemas/package.json``.
"""

from __future__ import annotations

from fr_az_crisis.definition import Definition

JOURNAL = "journal.json"
STAGING = "staging"
LOCK = "lock"


def publishing_folder(definition: Definition) -> str:
    return definition.path("publishing")


def journal_path(definition: Definition) -> str:
    """Package-relative path of the journal of a publication in progress."""
    return f"{publishing_folder(definition)}/{JOURNAL}"
