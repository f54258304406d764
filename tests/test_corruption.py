"""The corruption corpus: every way of breaking the package is caught, named, and reported together.

Our fast path must flag every case. Frictionless (the reference) must agree wherever the case
is a Table Schema matter (``frictionless_catches``); the other cases are the project's own
semantic rules, which frictionless does not know, and there it must still call the package
valid, so the comparison is exact in both directions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corruption import CASES, Case, rehash

from fr_az_crisis.validation import validate


def digest(package: Path) -> dict[str, bytes]:
    return {str(p.relative_to(package)): p.read_bytes() for p in package.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fast_path_names_file_row_and_field(case: Case, package_copy: Path) -> None:
    row = case.apply(package_copy)
    if case.refresh_hashes:
        rehash(package_copy)
    before = digest(package_copy)
    report = validate(package_copy, reference=False)
    assert digest(package_copy) == before, "validation changed the files it was judging"
    assert not report.ok, f"{case.name}: not detected"
    hits = [p for p in report.problems if p.file == case.file and case.check in p.check]
    assert hits, f"{case.name}: no {case.check!r} problem in {case.file}:\n{report.format()}"
    if row is not None:
        assert any(p.row == row for p in hits), (
            f"{case.name}: expected row {row}, got {[str(p) for p in hits]}"
        )
    if case.field is not None:
        assert any(p.field and case.field in p.field for p in hits), [str(p) for p in hits]


REFERENCE_CASES = [c for c in CASES if c.frictionless_catches] + [
    c
    for c in CASES
    if c.name in {"quote off by one character", "inverted dates", "formula-leading cell"}
]


@pytest.mark.parametrize("case", REFERENCE_CASES, ids=[c.name for c in REFERENCE_CASES])
def test_frictionless_verdict_matches(case: Case, package_copy: Path) -> None:
    case.apply(package_copy)
    if case.refresh_hashes:
        rehash(package_copy)
    from fr_az_crisis.checks.reference import check_with_frictionless

    reference_invalid = bool(check_with_frictionless(package_copy))
    assert reference_invalid == case.frictionless_catches
    assert not validate(package_copy, reference=False).ok


def test_all_problems_are_reported_together(package_copy: Path) -> None:
    chosen = [
        c for c in CASES if c.name in {"wrong type", "inverted dates", "formula-leading cell"}
    ]
    for case in chosen:
        case.apply(package_copy)
    rehash(package_copy)
    report = validate(package_copy, reference=False)
    checks = {p.check for p in report.problems}
    assert {"type", "dates", "formula"} <= checks


def test_the_published_package_is_valid(root: Path) -> None:
    report = validate(root, reference=True)
    assert report.ok, report.format()
    assert "frictionless" in report.checks_run
