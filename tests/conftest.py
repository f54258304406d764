"""Shared fixtures: the checkout, copies of the published package to break, the build scripts."""

from __future__ import annotations

import os
import shutil
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
PACKAGE_PARTS = ("datapackage.json", "schemas", "data", "LICENSE-DATA.md")


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
    """A copy of what the build reads and writes (schema sources, curated YAML, texts)."""
    return copy_package(dest)


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    return copy_package(tmp_path / "package")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SQLite database built from the checkout, once for the site tests. They only read
    it; a test that changes the database works on a ``db_copy`` of it."""
    from fr_az_crisis.sqlite_db import build_database

    return build_database(tmp_path_factory.mktemp("db") / "fr_az_crisis.db")


@pytest.fixture(scope="session")
def mini_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic package (3 texts, 500 claims), generated once: unit tests of checks
    break copies of it, so that they do not depend on the real data."""
    from synthetic import generate

    out = tmp_path_factory.mktemp("mini") / "package"
    generate(500, 7, out)
    return out


@pytest.fixture
def mini(mini_source: Path, tmp_path: Path) -> Path:
    """A fresh copy of the mini package for one test to break."""
    dest = tmp_path / "mini"
    shutil.copytree(mini_source, dest)
    return dest
