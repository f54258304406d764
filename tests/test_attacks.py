"""The attack corpus: every hostile package is caught, exactly, and named, and leaks nothing.

Each case of ``attacks.ATTACKS`` breaks a copy of the mini package; the fast path must report
exactly the expected set of (code, file, row, field) and leave the files as they were, as in
the corruption corpus. Beyond that: no report, fast or full, text or JSON, shows anything of
a file outside the package; frictionless is not run on a descriptor that names files outside
it; and frictionless' own verdict is recorded where it differs from the project's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from attacks import ATTACKS, OUTSIDE, SECRET, invisible_in_text_and_quote
from corruption import Case, rehash
from test_corruption import broken, digest, found

from fr_az_crisis.package_data import PackageData
from fr_az_crisis.validation import validate, validate_data

NAMES = [c.name for c in ATTACKS]


@pytest.mark.parametrize("case", ATTACKS, ids=NAMES)
def test_each_attack_is_caught_exactly_and_changes_nothing(case: Case, mini: Path) -> None:
    expected = broken(case, mini)
    before = digest(mini)
    report = validate(mini, reference=False)
    assert digest(mini) == before, "validation changed the files it was judging"
    assert found(report) == expected, report.format()
    assert not report.ok
    assert SECRET not in report.format() + report.to_json()


REFERENCE = [c for c in ATTACKS if c.frictionless is not None]


@pytest.mark.parametrize("case", REFERENCE, ids=[c.name for c in REFERENCE])
def test_frictionless_verdict_is_recorded(case: Case, mini: Path) -> None:
    broken(case, mini)
    report = validate_data(PackageData.read(mini), only={"frictionless"})
    assert (not report.ok) == case.frictionless, report.format()


NAMES_FILES_OUTSIDE = [c for c in ATTACKS if c.kind == OUTSIDE]


@pytest.mark.parametrize("case", NAMES_FILES_OUTSIDE, ids=[c.name for c in NAMES_FILES_OUTSIDE])
def test_the_full_report_never_shows_a_file_outside_the_package(case: Case, mini: Path) -> None:
    """frictionless included: it is run only when every file the descriptor names is one the
    definition names and was found inside the package."""
    expected = broken(case, mini)
    report = validate(mini, reference=True)
    assert SECRET not in report.format() + report.to_json()
    assert {p for p in found(report) if p[0] != "frictionless"} == expected
    reference = report.outcome("frictionless")
    names_outside = {"resource-property", "resource-unexpected", "descriptor-property"}
    reads_outside = {c for c, f, *_ in expected if f.endswith((".csv", ".json"))}
    if {c for c, *_ in expected} & names_outside or reads_outside & {"path-outside", "not-a-file"}:
        assert reference.status == "skipped" and reference.note.startswith("not run: ")


def test_an_invisible_character_in_a_quote_is_allowed_where_its_text_has_it(mini: Path) -> None:
    invisible_in_text_and_quote(mini)
    rehash(mini)
    report = validate(mini, reference=True)
    assert report.ok, report.format()


def test_the_corpus_covers_every_kind_of_attack() -> None:
    kinds = {c.kind for c in ATTACKS}
    assert len(kinds) == 6 and all(sum(c.kind == k for c in ATTACKS) >= 1 for k in kinds)
    assert len(NAMES) == len(set(NAMES))
