"""The data package zip of ``make dist`` is self-contained: it validates on its own.

frictionless is given the zip alone, in an empty folder (its own zip publishing leaves out
the Table Schemas and fails there); the project's validator is run, every check included
(quotes against the texts too), on the zip's files extracted into another empty folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from corruption import edit_descriptor

from fr_az_crisis.definition import project_definition
from fr_az_crisis.paths import UnsafePath
from fr_az_crisis_build.dist_zip import write_zip


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = Path(__file__).resolve().parents[1]
    return write_zip(root, tmp_path_factory.mktemp("dist") / "package.zip")


def test_frictionless_validates_the_zip_alone(archive: Path, tmp_path: Path) -> None:
    alone = tmp_path / "empty"
    alone.mkdir()
    shutil.copy2(archive, alone / archive.name)
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", archive.name],
        cwd=alone,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    definition = project_definition()
    texts = [n for n in zipfile.ZipFile(archive).namelist() if n.endswith(".txt")]
    assert report["valid"] is True, result.stdout[:2000]
    assert len(report["tasks"]) == len(definition.tables) + len(texts) == len(definition.tables) + 5
    assert result.returncode == 0


def test_our_validator_passes_the_extracted_zip_with_every_check(
    archive: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "extracted"
    zipfile.ZipFile(archive).extractall(folder)
    result = subprocess.run(
        [sys.executable, "-m", "fr_az_crisis", "validate", "--json", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["ok"] is True, result.stdout[:2000]
    ran = {c["code"]: c for c in report["checks"]}
    assert all(c["status"] == "ran" for c in ran.values()), ran
    assert ran["quotes"]["rows"] > 0 and ran["coverage"]["rows"] == 5


def test_the_zip_lists_folders_first_and_is_reproducible(archive: Path, tmp_path: Path) -> None:
    names = zipfile.ZipFile(archive).namelist()
    folders = [n for n in names if n.endswith("/")]
    assert names[: len(folders)] == folders and {"data/", "data/sources/", "schemas/"} <= set(
        folders
    )
    assert names[len(folders)] == project_definition().path("descriptor")
    again = write_zip(Path(__file__).resolve().parents[1], tmp_path / "again.zip")
    assert again.read_bytes() == archive.read_bytes()


def test_a_descriptor_naming_a_file_outside_is_not_zipped(
    package_copy: Path, tmp_path: Path
) -> None:
    (package_copy.parent / "secret.txt").write_text("secret\n", encoding="utf-8")
    edit_descriptor(package_copy, lambda d: d["resources"][0].update(path="../secret.txt"))
    with pytest.raises(UnsafePath, match="resolves outside the package"):
        write_zip(package_copy, tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()
