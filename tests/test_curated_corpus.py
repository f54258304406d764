"""Every bad curated input gets a message naming file, item and key, and publishes nothing.

Each case of ``curated_corpus.CURATED_CASES`` breaks a copy of the project; the real build
must exit 1 naming exactly the expected (file, item, key) set on its error lines, with the
expected words, without a traceback or anything of a file outside the project, and leave
every published file as it was.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from curated_corpus import CURATED_CASES, SECRET, CuratedCase

from fr_az_crisis_build import build as build_script

LINE = re.compile(r"^(?P<file>[^,:]+?)(?:, item (?P<item>\d+))?(?:, key (?P<key>[^:]+?))?: ")


def published(project: Path) -> dict[str, str]:
    files = [
        *sorted((project / "data").glob("*.csv")),
        *sorted((project / "schemas").glob("*.schema.json")),
        project / "datapackage.json",
    ]
    return {
        f.name: hashlib.sha256(f.read_bytes()).hexdigest()
        for f in files
        if f.is_file() and not f.is_symlink()
    }


def located(err: str) -> set[tuple[str, int | None, str | None]]:
    """(file, item, key) of each error line the build printed."""
    out = set()
    for line in err.splitlines():
        if line.startswith(("build failed", "... and")):
            continue
        m = LINE.match(line)
        assert m, f"an error line that names no file: {line!r}"
        out.add((m["file"], int(m["item"]) if m["item"] else None, m["key"]))
    return out


@pytest.mark.parametrize("case", CURATED_CASES, ids=[c.name for c in CURATED_CASES])
def test_bad_curated_input_is_named_and_publishes_nothing(
    case: CuratedCase, project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = case.apply(project_copy)
    before = published(project_copy)
    assert build_script.build(project_copy) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and SECRET not in err
    assert located(err) == expected, err
    assert case.text in err, err
    assert published(project_copy) == before, "a failed build changed published files"
    assert not (project_copy / ".publishing").exists(), "the failed build left its staging"


def test_a_broken_schema_source_names_its_file(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project_copy / "schemas" / "tables" / "places.json"
    path.write_bytes(path.read_bytes()[:100])
    before = published(project_copy)
    assert build_script.build(project_copy) == 1
    err = capsys.readouterr().err
    assert err.startswith("build failed: places.json: cannot read") and "Traceback" not in err
    assert published(project_copy) == before
