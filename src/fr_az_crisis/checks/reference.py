"""Frictionless, the reference validator, run on the whole package."""

from __future__ import annotations

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem


def check_with_frictionless(pkg: PackageData) -> CheckResult:
    import frictionless

    rel = pkg.definition.path("descriptor")
    if pkg.descriptor is None:
        return CheckResult([], rows=0)  # the descriptor check already says why
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
