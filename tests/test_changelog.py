"""The CHANGELOG's data section of a release is what ``fr-az-crisis diff`` says.

Each section is generated from the diff between the published package of the earlier
release's commit (taken from git) and this one (``fr_az_crisis_build.changelog``). The
git history is needed: CI's clone has it; elsewhere (an sdist, a shallow clone) the test is
skipped with the reason, unless ``CI`` is set.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import fr_az_crisis
from fr_az_crisis.definition import project_definition
from fr_az_crisis_build.changelog import (
    BLOCK,
    CHANGELOG,
    HistoryError,
    extract_commit,
    package_parts,
    render_changelog,
)

ROOT = Path(__file__).resolve().parents[1]


def _history_or_skip(commit: str, tmp_path: Path) -> Path:
    try:
        return extract_commit(ROOT, commit, package_parts(project_definition()), tmp_path / commit)
    except HistoryError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"the git history is not available here: {exc}")


def test_every_release_section_equals_the_diff(tmp_path: Path) -> None:
    text = (ROOT / CHANGELOG).read_text(encoding="utf-8")
    commits = [m["old"] for m in BLOCK.finditer(text)]
    assert commits, "the CHANGELOG has no generated data section"
    _history_or_skip(commits[0], tmp_path)
    assert render_changelog(text, ROOT, project_definition()) == text, (
        "a data section of CHANGELOG.md differs from `fr-az-crisis diff`: run `make changelog`"
    )


def test_the_section_of_this_release_compares_it_with_the_last(tmp_path: Path) -> None:
    """The newest section reads 'from <previous release> to <this version>'."""
    text = (ROOT / CHANGELOG).read_text(encoding="utf-8")
    releases = re.findall(r"(?m)^## \[(\d+\.\d+\.\d+)\]", text)
    first = BLOCK.search(text)
    assert first is not None and first["new"] is None, "the newest section compares with the tree"
    old = _history_or_skip(first["old"], tmp_path)
    old_version = json.loads((old / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert releases[:2] == [fr_az_crisis.__version__, old_version]
    assert f"Data changes from {old_version} to {fr_az_crisis.__version__}," in first.group(0)


def test_a_stale_section_is_caught(tmp_path: Path) -> None:
    text = (ROOT / CHANGELOG).read_text(encoding="utf-8")
    first = BLOCK.search(text)
    assert first is not None
    _history_or_skip(first["old"], tmp_path)
    edited = text.replace("| `claims` | ", "| `claims` | 1", 1)
    assert edited != text
    assert render_changelog(edited, ROOT, project_definition()) == text
