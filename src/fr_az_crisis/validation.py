"""Run every registered check on a data package and report all problems together.

The package is read once (``PackageData``); each check of ``checks.registry.REGISTRY`` runs
on it and reports its problems and the rows it covered. A check whose tables could not be
read does not pass silently: each missing table is a ``table-unavailable`` problem. With
``reference=False`` (``validate --fast``) frictionless is left out and reported as skipped.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fr_az_crisis.checks import Check
from fr_az_crisis.checks.registry import REGISTRY
from fr_az_crisis.definition import Definition
from fr_az_crisis.package_data import THREADS, PackageData
from fr_az_crisis.paths import find_package_dir
from fr_az_crisis.problems import CheckOutcome, Problem, Report, ValidationError


def run_check(check: Check, pkg: PackageData) -> CheckOutcome:
    """Run one check, reporting each needed table it could not have."""
    unavailable = [t for t in check.needs if not pkg.available(t)]
    problems = [
        Problem(
            "table-unavailable",
            pkg.path(t),
            None,
            None,
            f"the {check.code} check could not read this table (see its file problems)",
            check=check.code,
        )
        for t in unavailable
    ]
    if unavailable and not check.partial:
        return CheckOutcome(check.code, check.title, "ran", 0, problems)
    result = check.run(pkg)
    problems += [
        p if p.check else Problem(p.code, p.file, p.row, p.field, p.message, p.span, check.code)
        for p in result.problems
    ]
    if result.skipped is not None:
        return CheckOutcome(check.code, check.title, "skipped", 0, problems, result.skipped)
    return CheckOutcome(check.code, check.title, "ran", result.rows, problems)


def validate_data(
    pkg: PackageData, *, reference: bool = True, only: set[str] | None = None
) -> Report:
    """Run the registry (or the checks named in ``only``) on a package already read."""
    report = Report(package=str(pkg.root))
    chosen = [c for c in REGISTRY if only is None or c.code in only]
    running = [c for c in chosen if reference or not c.reference]
    # Checks only read the package: two threads (polars works without the GIL), results in
    # registry order.
    with ThreadPoolExecutor(THREADS) as pool:
        done = dict(
            zip(
                [c.code for c in running],
                pool.map(lambda c: run_check(c, pkg), running),
                strict=True,
            )
        )
    for check in chosen:
        if check.code in done:
            report.outcomes.append(done[check.code])
        else:
            report.outcomes.append(
                CheckOutcome(check.code, check.title, "skipped", 0, note="--fast")
            )
    return report


def validate(
    package_dir: str | Path | None = None,
    *,
    reference: bool = True,
    raise_on_error: bool = False,
    definition: Definition | None = None,
) -> Report:
    """Validate the package; returns a Report listing every problem (file, row, field).

    ``definition`` defaults to the project's; the build passes the definition it is staging.

    >>> report = validate(reference=False)
    >>> report.ok
    True
    """
    pkg = PackageData.read(find_package_dir(package_dir), definition)
    report = validate_data(pkg, reference=reference)
    if raise_on_error and not report.ok:
        raise ValidationError(report)
    return report


CORE_CHECKS = {"descriptor", "files", "types", "constraints", "keys", "texts", "quotes"}
"""What frictionless checks too, plus texts and quotes: the part benchmarks compare with it."""


def validate_core(package_dir: str | Path | None = None) -> Report:
    pkg = PackageData.read(find_package_dir(package_dir))
    return validate_data(pkg, reference=False, only=CORE_CHECKS)
