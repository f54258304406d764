"""datapackage-js, the JavaScript implementation of Data Package, reads every table.

A reader in another language is the test of the descriptor that frictionless-py cannot be:
without a declared dialect, datapackage-js guesses the delimiter of each CSV from its first
lines, and guessed a space for claim_relations.csv. The npm project in ``tests/js`` pins
``datapackage@1.1.10`` with a lock file; it is installed with ``npm ci`` into a git-ignored
folder (``.make/js-<hash of the lock>``) once. The test is skipped only where node is absent
and ``FR_AZ_CRISIS_REQUIRE_NODE`` is unset; ``.ci/run`` sets it, so CI always runs it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from corruption import path_of, read_rows, rehash, set_cell

import fr_az_crisis
from fr_az_crisis.definition import project_definition
from fr_az_crisis.schema_names import claim_relations
from fr_az_crisis_build.dist_zip import write_zip

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "tests" / "js"
READER = JS / "read_all.mjs"


@pytest.fixture(scope="session")
def js_project() -> Path:
    """A folder with datapackage-js installed from the lock file (``npm ci``)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        if os.environ.get("FR_AZ_CRISIS_REQUIRE_NODE"):
            pytest.fail("node and npm are required (FR_AZ_CRISIS_REQUIRE_NODE is set) but missing")
        pytest.skip("node and npm are not installed (FR_AZ_CRISIS_REQUIRE_NODE=1 requires them)")
    files = ("package.json", "package-lock.json")
    key = hashlib.sha256(b"".join((JS / f).read_bytes() for f in files)).hexdigest()[:12]
    folder = ROOT / ".make" / f"js-{key}"
    if not (folder / "node_modules" / "datapackage" / "package.json").is_file():
        staging = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for f in files:
            shutil.copy2(JS / f, staging / f)
        result = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=staging,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"npm ci failed:\n{result.stdout}\n{result.stderr}"
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
    return folder


def read_with_js(js_project: Path, target: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", str(READER), str(target), *extra],
        cwd=js_project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def expected_counts(package: Path) -> dict[str, dict[str, int]]:
    """What the Python loader reads: rows per table, bytes per archived text resource."""
    definition = project_definition()
    texts = fr_az_crisis.source_texts(package_dir=package)
    return {
        "tables": {t: fr_az_crisis.load(t, package_dir=package).height for t in definition.tables},
        "files": {
            definition.text_resource_name(sid): len(text.encode("utf-8"))
            for sid, text in texts.items()
        },
    }


def test_datapackage_js_reads_every_table_of_the_package(js_project: Path, root: Path) -> None:
    result = read_with_js(js_project, root / "datapackage.json", "--relations")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    assert json.loads(result.stdout) == expected_counts(root)


def test_datapackage_js_reads_the_dist_zip(js_project: Path, root: Path, tmp_path: Path) -> None:
    archive = write_zip(root, tmp_path / "package.zip")
    result = read_with_js(js_project, archive, "--relations")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected_counts(root)


def test_datapackage_js_refuses_a_value_outside_the_enumeration(
    js_project: Path, package_copy: Path
) -> None:
    """The reader is not a row counter: it casts and checks constraints, so it can fail."""
    first_claim = read_rows(package_copy / path_of(claim_relations.TABLE))[1][0]
    set_cell(
        package_copy, claim_relations.TABLE, first_claim, claim_relations.relation, "agrees_with"
    )
    rehash(package_copy)
    result = read_with_js(js_project, package_copy / "datapackage.json")
    assert result.returncode == 1
    assert f"FAILED {claim_relations.TABLE}:" in result.stderr
    assert '"agrees_with" does not conform to the "enum" constraint' in result.stderr
