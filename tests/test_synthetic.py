"""The synthetic package generator (benchmarks/synthetic.py): valid, reproducible, rebuildable."""

from __future__ import annotations

import filecmp
from pathlib import Path

from synthetic import generate

from fr_az_crisis.validation import validate
from fr_az_crisis_build.build import build


def test_mini_package_passes_both_validators(mini: Path) -> None:
    report = validate(mini, reference=True)
    assert report.ok, report.format(limit=10)
    assert "frictionless" in report.checks_run


def test_same_seed_gives_the_same_bytes(mini_source: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate(500, 7, again)
    files = sorted(p.relative_to(mini_source) for p in mini_source.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(
        mini_source, again, [str(f) for f in files], shallow=False
    )
    assert not mismatch and not errors


def test_the_build_rebuilds_the_synthetic_package_from_its_curated_yaml(tmp_path: Path) -> None:
    """--curated writes YAML the build turns back into byte-identical tables."""
    out = tmp_path / "curated"
    generate(300, 3, out, curated=True)
    assert build(out, check=True) == 0
