"""The corruption corpus: every way of breaking a package is caught, exactly, and named.

Each case breaks a copy of the mini package; the fast path must report exactly the expected
set of (code, file, row, field), leave the files as they were, and frictionless must agree on
the verdict wherever the case is a Table Schema matter (and call the copy valid where the
case is one of the project's own rules).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corruption import CASES, Case, rehash

from fr_az_crisis.package_data import PackageData
from fr_az_crisis.validation import validate, validate_data


def digest(package: Path) -> dict[str, bytes]:
    return {str(p.relative_to(package)): p.read_bytes() for p in package.rglob("*") if p.is_file()}


def found(report) -> set[tuple[str, str, int | None, str | None]]:
    return {(p.code, p.file, p.row, p.field) for p in report.problems}


def broken(case: Case, package: Path) -> set:
    expected = case.apply(package)
    if case.refresh_hashes:
        rehash(package)
    return expected


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fast_path_reports_exactly_the_expected_problems(case: Case, mini: Path) -> None:
    expected = broken(case, mini)
    before = digest(mini)
    report = validate(mini, reference=False)
    assert digest(mini) == before, "validation changed the files it was judging"
    assert found(report) == expected, report.format()
    assert not report.ok


REFERENCE_CASES = [c for c in CASES if c.frictionless is not None]


@pytest.mark.parametrize("case", REFERENCE_CASES, ids=[c.name for c in REFERENCE_CASES])
def test_frictionless_verdict_matches(case: Case, mini: Path) -> None:
    broken(case, mini)
    report = validate_data(PackageData.read(mini), only={"frictionless"})
    assert (not report.ok) == case.frictionless, report.format()


def test_all_problems_are_reported_together(mini: Path) -> None:
    expected: set = set()
    for name in ("type:", "date-order:", "formula:"):
        case = next(c for c in CASES if c.name.startswith(name))
        expected |= case.apply(mini)
    rehash(mini)
    assert found(validate(mini, reference=False)) == expected


def test_every_check_covers_rows_of_the_mini_package(mini: Path) -> None:
    report = validate(mini, reference=True)
    assert report.ok, report.format()
    assert all(o.rows > 0 for o in report.outcomes), report.format()
