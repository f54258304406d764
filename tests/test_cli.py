"""The command line: exit codes and messages a user can act on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from corruption import get_cell, rehash, set_cell

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
    assert result.returncode == 0 and result.stdout.startswith("valid: 0 problem(s)")
    assert "frictionless" in result.stdout and "skipped (--fast)" in result.stdout


def test_validate_json_lists_every_check_with_rows(root: Path) -> None:
    from fr_az_crisis.checks.registry import REGISTRY

    report = json.loads(run("validate", "--json", str(root / "datapackage.json")).stdout)
    assert report["ok"] is True and report["problems"] == []
    assert [c["code"] for c in report["checks"]] == [c.code for c in REGISTRY]
    assert all(c["status"] == "ran" and c["rows"] > 0 for c in report["checks"])


def test_one_changed_quote_character_is_exactly_one_problem(package_copy: Path) -> None:
    """The issue's acceptance case, on the real data: one problem, coded, naming the cell."""
    claim = "massis_staff_ordered_to_leave"
    quote = get_cell(package_copy, "claims", claim, "quote")
    row = set_cell(package_copy, "claims", claim, "quote", quote.replace("ordered", "orderad"))
    rehash(package_copy)
    result = run("validate", "--json", "--fast", str(package_copy))
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["severity"], p["file"], p["row"], p["field"]) for p in problems] == [
        ("quote-mismatch", "error", "data/claims.csv", row, "quote")
    ]


def test_validate_refuses_a_url_that_is_not_a_url_like_frictionless(package_copy: Path) -> None:
    row = set_cell(package_copy, "sources", "hetq_2024_02_23_pgm_rifles", "url", "not a url")
    rehash(package_copy)
    report = json.loads(run("validate", "--json", str(package_copy)).stdout)
    found = {(p["code"], p["file"], p["row"], p["field"]) for p in report["problems"]}
    assert ("format", "data/sources.csv", row, "url") in found
    assert any(p["code"] == "frictionless" and p["row"] == row for p in report["problems"])


def test_a_dropped_resource_fails_validation(package_copy: Path) -> None:
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "claim_relations"]
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    report = json.loads(run("validate", "--json", str(package_copy)).stdout)
    assert report["ok"] is False
    assert [p["code"] for p in report["problems"]] == ["resource-missing"]
    assert all(c["rows"] > 0 for c in report["checks"] if c["code"] != "frictionless")


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
    result = run("--package", str(tmp_path / "nowhere"), "info")
    assert result.returncode == 2 and "not a package folder or a datapackage.json" in result.stderr


def test_help_lists_commands() -> None:
    out = run("--help").stdout
    for command in ("validate", "coverage", "info", "diff", "build-db", "export", "serve"):
        assert command in out


def test_build_db_refuses_a_table_edited_after_publishing(
    package_copy: Path, tmp_path: Path
) -> None:
    set_cell(package_copy, "events", "ceasefire_2023_09_20", "title", "Edited by hand")
    result = run("--package", str(package_copy), "build-db", "--output", str(tmp_path / "o/x.db"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("fr-az-crisis: data/events.csv: its sha256 differs")
    assert list((tmp_path / "o").iterdir()) == [], "a refused build-db left a database behind"


def test_build_db_reads_no_file_a_source_id_points_at(package_copy: Path, tmp_path: Path) -> None:
    """sources.csv is rewritten and rehashed: its source_id names a path out of the package."""
    sid = "le_monde_2023_12_tensions_rise"
    set_cell(package_copy, "sources", sid, "source_id", "../../../../etc/hostname")
    rehash(package_copy)
    result = run("--package", str(package_copy), "build-db", "--output", str(tmp_path / "o/x.db"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/sources.csv: '../../../../etc/hostname' is not a source id" in result.stderr
    assert list((tmp_path / "o").iterdir()) == [], "a refused build-db left a database behind"


def test_info_on_a_truncated_descriptor_names_it(package_copy: Path) -> None:
    path = package_copy / "datapackage.json"
    path.write_bytes(path.read_bytes()[:300])
    result = run("--package", str(package_copy), "info")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("fr-az-crisis: datapackage.json: unreadable:")


def test_validate_names_a_truncated_descriptor(package_copy: Path) -> None:
    path = package_copy / "datapackage.json"
    path.write_bytes(path.read_bytes()[:300])
    result = run("--package", str(package_copy), "validate", "--fast")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "datapackage.json: [descriptor-unreadable] not valid UTF-8 JSON" in result.stderr


def test_package_option_and_validate_path_take_a_descriptor(package_copy: Path) -> None:
    descriptor = str(package_copy / "datapackage.json")
    for args in (
        ["--package", descriptor, "validate", "--fast"],
        ["validate", "--fast", descriptor],
    ):
        result = run(*args)
        assert result.returncode == 0 and result.stdout.startswith("valid: 0 problem(s)"), args


def test_diff_prints_rows_added_retracted_and_changed(package_copy: Path, root: Path) -> None:
    set_cell(package_copy, "events", "ceasefire_2023_09_20", "title", "Ceasefire agreed")
    result = run("diff", "--json", str(root), str(package_copy / "datapackage.json"))
    assert result.returncode == 0, result.stderr
    tables = json.loads(result.stdout)["tables"]
    changed = {name: t["changed"] for name, t in tables.items() if t["changed"]}
    before = get_cell(root, "events", "ceasefire_2023_09_20", "title")
    assert changed == {
        "events": [
            {"key": ["ceasefire_2023_09_20"], "fields": {"title": [before, "Ceasefire agreed"]}}
        ]
    }
    assert all(not t["added"] and not t["retracted"] for t in tables.values())
    text = run("diff", str(root), str(package_copy)).stdout
    assert f"  ~ ceasefire_2023_09_20\n      title: {before!r} -> 'Ceasefire agreed'" in text


def test_diff_of_a_missing_folder_is_exit_2(tmp_path: Path, root: Path) -> None:
    result = run("diff", str(tmp_path / "nowhere"), str(root))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert (
        result.stderr
        == f"fr-az-crisis: {tmp_path / 'nowhere'}: not a package folder or a datapackage.json\n"
    )
