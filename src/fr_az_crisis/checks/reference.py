"""Frictionless, the reference validator, run on the whole package.

Only on a descriptor shaped as the build writes it, whose every file is inside the package:
frictionless reads whatever paths, schemas and dialects a descriptor names (and prints the
first line of a file whose header it does not like), so it is not handed one that names
files the project never checked. Such a descriptor is a problem of the descriptor check.
"""

from __future__ import annotations

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.checks.descriptor import frictionless_may_read
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem


def check_with_frictionless(pkg: PackageData) -> CheckResult:
    import frictionless

    rel = pkg.definition.path("descriptor")
    unsafe = frictionless_may_read(pkg)
    if unsafe is not None:  # the descriptor and files checks report each reason
        return CheckResult([], rows=0, skipped=f"not run: {unsafe}")
    report = frictionless.validate(str(pkg.root / rel))
    problems = []
    for task in report.tasks:
        for err in task.errors:
            problems.append(
                Problem(
                    "frictionless",
                    str(task.place or task.name),
                    getattr(err, "row_number", None),
                    getattr(err, "field_name", None),
                    f"{err.type}: {err.note or err.message}",
                )
            )
    for err in report.errors:
        problems.append(Problem("frictionless", rel, None, None, f"{err.type}: {err.message}"))
    return CheckResult(problems, rows=sum(t.stats.get("rows") or 0 for t in report.tasks))


CHECK = Check(
    "frictionless",
    "Frictionless, the reference validator",
    (),
    check_with_frictionless,
    reference=True,
)
