"""The synthetic package generator: consistent, deterministic, and caught when broken."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corruption import rehash, set_cell

from fr_az_crisis.validation import validate

ROOT = Path(__file__).resolve().parents[1]


def generate(out: Path, claims: int = 2000, seed: int = 7) -> Path:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "generate_synthetic.py"),
            "--claims",
            str(claims),
            "--seed",
            str(seed),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("syn") / "pkg")


def test_synthetic_package_passes_both_validators(synthetic: Path) -> None:
    report = validate(synthetic, reference=True)
    assert report.ok, report.format(limit=10)
    assert "frictionless" in report.checks_run


def test_same_seed_gives_the_same_bytes(synthetic: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "again")
    files = sorted(p.relative_to(synthetic) for p in synthetic.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(synthetic, again, [str(f) for f in files], shallow=False)
    assert not mismatch and not errors


def test_a_changed_quote_in_an_ascii_text_is_caught(synthetic: Path, tmp_path: Path) -> None:
    """The synthetic texts are ASCII, so this exercises the byte-slicing route."""
    copy = tmp_path / "broken"
    shutil.copytree(synthetic, copy)
    assert all(t.read_bytes().isascii() for t in (copy / "data" / "sources").glob("*.txt"))
    rows = (copy / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()
    claim = rows[43].split(",", 1)[0]
    quote_line = set_cell(copy, "claims", claim, "quote", "An invented sentence.")
    rehash(copy)
    report = validate(copy, reference=False)
    hits = [p for p in report.problems if p.check == "quote"]
    assert [(p.file, p.row, p.field) for p in hits] == [("data/claims.csv", quote_line, "quote")]
