"""Shared fixtures: the checkout, copies of the published package to break, the build scripts."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests never depend on the wall clock: no deadline anywhere (a loaded machine once
# tripped the default 200 ms). CI runs a fixed, derandomised profile: the same examples on
# every run, no example database carried between runs.
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

PACKAGE_PARTS = ("datapackage.json", "schemas", "data")


def copy_package(dest: Path) -> Path:
    """A copy of the published package (tables, texts, schemas, terms) to break in a test."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PACKAGE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def copy_project(dest: Path) -> Path:
    """A copy of what the build reads and writes (curated YAML, texts, schemas, version)."""
    copy_package(dest)
    (dest / "src" / "fr_az_crisis").mkdir(parents=True)
    shutil.copy2(
        ROOT / "src" / "fr_az_crisis" / "_version.py", dest / "src" / "fr_az_crisis" / "_version.py"
    )
    return dest


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    return copy_package(tmp_path / "package")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")
