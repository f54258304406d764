"""The command line: exit codes and messages a user can act on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from corruption import rehash, set_cell

CLI = [sys.executable, "-m", "fr_az_crisis"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


def test_validate_exits_1_naming_file_row_field(package_copy: Path) -> None:
    row = set_cell(
        package_copy, "events", "france_expels_azerbaijani_diplomats_2023_12_27", "episode", "war"
    )
    rehash(package_copy)
    result = run("--package", str(package_copy), "validate", "--fast")
    assert result.returncode == 1
    assert f"data/events.csv, row {row}, field episode: [enum]" in result.stderr


def test_validate_passes_on_the_published_package() -> None:
    result = run("validate", "--fast")
    assert result.returncode == 0 and result.stdout.startswith("valid: 0 problems")


def test_info_json_counts_and_hashes() -> None:
    result = run("info", "--json")
    info = json.loads(result.stdout)
    assert result.returncode == 0
    assert info["tables"]["claims"]["rows"] > 50
    assert all(t["hash_matches_descriptor"] for t in info["tables"].values())


def test_coverage_reports_every_archived_source() -> None:
    result = run("coverage")
    assert result.returncode == 0
    assert result.stdout.count("100.0%") == 5


def test_missing_package_is_exit_2(tmp_path: Path) -> None:
    result = run("--package", str(tmp_path), "info")
    assert result.returncode == 2 and "no datapackage.json" in result.stderr


def test_help_lists_commands() -> None:
    out = run("--help").stdout
    for command in ("validate", "coverage", "info", "build-db", "export", "serve"):
        assert command in out
